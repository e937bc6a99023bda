extension ImportedRecurrentModel {
  /// A few lines describing the model: cell, sizes, where each part came from, and what was left out.
  public var summary: String {
    let inputText: String
    switch input {
    case .oneHot(let vocabulary): inputText = "one-hot over \(vocabulary) symbols"
    case .embedding(let vocabulary, let dimension):
      inputText = "embedding \(vocabulary) x \(dimension) from \"\(embeddingPrefix ?? "")\""
    }
    let parameterCount = tensors.reduce(0) { $0 + $1.values.count }
    var lines = [
      "model: \(cell.rawValue), \(layers) layer\(layers == 1 ? "" : "s")\(bidirectional ? " (bidirectional)" : ""), hidden \(hidden), \(outputs) outputs, \(parameterCount) parameters",
      "  input: \(inputText)",
      "  recurrent: \"\(recurrentPrefix)\"\(biasesWereMissing ? " (no biases in the file; zeros used)" : "")",
      "  output: \"\(outputPrefix)\"",
    ]
    if !unusedKeys.isEmpty { lines.append("  unused keys: \(unusedKeys.joined(separator: ", "))") }
    return lines.joined(separator: "\n")
  }

  /// The text of `rnnscope inspect FILE`: metadata, every tensor (name, dtype, shape), then the
  /// inferred model or why none could be inferred.
  public static func inspect(_ file: SafeTensorsFile, options: Options = Options()) -> String {
    var lines = ["\(file.fileName): \(file.entries.count) tensors"]
    for key in file.metadata.keys.sorted() {
      lines.append("  metadata \(key) = \(file.metadata[key] ?? "")")
    }
    let nameWidth = file.entries.map(\.name.count).max() ?? 0
    for entry in file.entries.sorted(by: { $0.name < $1.name }) {
      let name = entry.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
      let dtype = entry.dtype.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
      lines.append("  \(name)  \(dtype) \(entry.shape)")
    }
    do {
      lines.append(try ImportedRecurrentModel(file: file, options: options).summary)
    } catch {
      lines.append("model: cannot infer one (\(error))")
    }
    return lines.joined(separator: "\n")
  }
}
