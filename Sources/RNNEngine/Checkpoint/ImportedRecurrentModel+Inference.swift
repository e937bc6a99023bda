extension ImportedRecurrentModel {
  /// Recognises the model in `file`, checking every shape, and decodes its tensors to Float32.
  ///
  /// Throws `ImportError` when the layout is missing, ambiguous or inconsistent (naming the keys found),
  /// and `SafeTensorsError` when a needed tensor cannot be read as Float32.
  public init(file: SafeTensorsFile, options: Options = Options()) throws {
    let keys = StateDictKeys(file: file)
    let fail = { (problem: String) in ImportError(file: file.fileName, problem: problem) }

    // Recurrent layers: which prefix, how many layers, which cell, what sizes.
    let recurrent = try keys.recurrentPrefix(requested: options.recurrentPrefix, fail: fail)
    let (layerKeys, bidirectional) = try keys.recurrentLayers(under: recurrent, fail: fail)
    let directions = bidirectional ? 2 : 1
    let hiddenShape = keys.shape(layerKeys[0].weightHH)
    guard hiddenShape.count == 2, hiddenShape[1] > 0, hiddenShape[0] % hiddenShape[1] == 0 else {
      throw fail("\"\(layerKeys[0].weightHH)\" has shape \(hiddenShape); expected (G*H, H) with G = 1, 3 or 4")
    }
    let hidden = hiddenShape[1]
    let cell: Cell
    switch hiddenShape[0] / hidden {
    case 1: cell = options.plainRNNCell
    case 3: cell = .gru
    case 4: cell = .lstm
    default:
      let gates = hiddenShape[0] / hidden
      throw fail(
        "\"\(layerKeys[0].weightHH)\" has shape \(hiddenShape): \(gates) gates per unit is none of RNN (1), GRU (3), LSTM (4)"
      )
    }
    let gateRows = cell.gateCount * hidden
    let inputSize = keys.shape(layerKeys[0].weightIH).last ?? 0
    for (recurrence, names) in layerKeys.enumerated() {
      let layerInput = recurrence < directions ? inputSize : directions * hidden
      try keys.expect(names.weightIH, [gateRows, layerInput], fail: fail)
      try keys.expect(names.weightHH, [gateRows, hidden], fail: fail)
      if let biasIH = names.biasIH, let biasHH = names.biasHH {
        try keys.expect(biasIH, [gateRows], fail: fail)
        try keys.expect(biasHH, [gateRows], fail: fail)
      }
    }
    guard inputSize > 0 else { throw fail("\"\(layerKeys[0].weightIH)\" has no inputs") }

    // Embedding (optional) and output layer, found by shape outside the recurrent module.
    let embedding = try keys.embeddingPrefix(
      requested: options.embeddingPrefix, width: inputSize, excluding: recurrent, fail: fail)
    let output = try keys.outputPrefix(
      requested: options.outputPrefix, hidden: directions * hidden,
      excluding: [recurrent] + [embedding].compactMap { $0 },
      fail: fail)
    let embeddingKey = embedding.map { StateDictKeys.key($0, "weight") }
    let outputWeightKey = StateDictKeys.key(output, "weight")
    let outputs = keys.shape(outputWeightKey)[0]

    // Canonical tensors, in the order the engine's model lists its parameters.
    var tensors: [NamedTensor] = []
    var used: Set<String> = []
    func take(_ key: String, as name: String) throws {
      tensors.append(NamedTensor(name: name, shape: keys.shape(key), values: try file.floats(key)))
      used.insert(key)
    }
    if let embeddingKey { try take(embeddingKey, as: "embedding.weight") }
    for (recurrence, names) in layerKeys.enumerated() {
      // `_l<k>`, or `_l<k>_reverse` for the reverse direction, as the engine names them.
      let suffix = "_l\(recurrence / directions)" + (recurrence % directions == 1 ? "_reverse" : "")
      try take(names.weightIH, as: "rnn.weight_ih\(suffix)")
      try take(names.weightHH, as: "rnn.weight_hh\(suffix)")
      for (key, role) in [(names.biasIH, "bias_ih"), (names.biasHH, "bias_hh")] {
        if let key {
          try take(key, as: "rnn.\(role)\(suffix)")
        } else {
          tensors.append(
            NamedTensor(
              name: "rnn.\(role)\(suffix)", shape: [gateRows], values: [Float](repeating: 0, count: gateRows)))
        }
      }
    }
    try take(outputWeightKey, as: "head.weight")
    try take(StateDictKeys.key(output, "bias"), as: "head.bias")

    self.cell = cell
    self.layers = layerKeys.count / directions
    self.bidirectional = bidirectional
    self.hidden = hidden
    self.input =
      embeddingKey.map { .embedding(vocabulary: keys.shape($0)[0], dimension: inputSize) }
      ?? .oneHot(vocabulary: inputSize)
    self.outputs = outputs
    self.recurrentPrefix = recurrent
    self.embeddingPrefix = embedding
    self.outputPrefix = output
    self.biasesWereMissing = layerKeys[0].biasIH == nil
    self.unusedKeys = file.names.filter { !used.contains($0) }
    self.tensors = tensors
  }
}
