extension RecurrentModel {
  /// A classifier model with the architecture and weights of a model imported from PyTorch.
  ///
  /// Every canonical tensor of `imported` is copied into the engine's layout; `fileName` names the
  /// source in the `ImportError` thrown when a tensor is missing or does not fit.
  public convenience init(imported: ImportedRecurrentModel, fileName: String) throws {
    let fail = { (problem: String) in ImportError(file: fileName, problem: problem) }
    guard let cell = CellType(rawValue: imported.cell.rawValue) else {
      throw fail("cell \(imported.cell.rawValue) has no engine counterpart")
    }
    let input: InputEncoding
    switch imported.input {
    case .oneHot(let vocabulary): input = .oneHot(vocab: vocabulary)
    case .embedding(let vocabulary, let dimension): input = .embedding(vocab: vocabulary, dim: dimension)
    }
    guard imported.hidden > 0, imported.layers > 0, imported.outputs > 0, input.width > 0 else {
      throw fail(
        "model sizes must be positive (hidden \(imported.hidden), layers \(imported.layers), outputs \(imported.outputs))"
      )
    }
    self.init(
      config: ModelConfig(
        cell: cell, input: input, hidden: imported.hidden, layers: imported.layers, outputs: imported.outputs,
        bidirectional: imported.bidirectional))
    try copyTensors(imported.tensors.map { ($0.name, $0.shape, $0.values) }, fail: fail)
  }

  /// Overwrites every tensor of the layout from `tensors` (name, shape, values), failing when one is
  /// missing, has another shape, or is not part of the model.
  func copyTensors(_ tensors: [(name: String, shape: [Int], values: [Float])], fail: (String) -> Error) throws {
    let layoutNames = Set(layout.entries.map(\.name))
    if let stray = tensors.first(where: { !layoutNames.contains($0.name) }) {
      throw fail("tensor \"\(stray.name)\" is not part of a \(config.cell.rawValue) model with this layout")
    }
    for entry in layout.entries {
      guard let tensor = tensors.first(where: { $0.name == entry.name }) else {
        throw fail("no tensor \"\(entry.name)\" (the model needs shape \(entry.shape))")
      }
      guard tensor.shape == entry.shape, setParameter(named: entry.name, to: tensor.values) else {
        throw fail("tensor \"\(entry.name)\" has shape \(tensor.shape); the model needs \(entry.shape)")
      }
    }
  }
}
