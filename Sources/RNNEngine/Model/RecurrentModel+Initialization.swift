extension RecurrentModel {
  /// A freshly initialised model; every draw comes from `random`, so a seed fixes the weights.
  ///
  /// Recurrent parameters and the head follow PyTorch's defaults (U(−1/√fan_in, 1/√fan_in),
  /// fan_in = H), the embedding N(0, 1); `initialization` can replace W_hh and the forget bias.
  /// Tensors are drawn in layout order.
  public convenience init(config: ModelConfig, initialization: InitOptions = InitOptions(), random: inout SeededRandom)
  {
    self.init(config: config)
    let hidden = config.hidden
    let bound = 1 / Float(hidden).squareRoot()
    for entry in layout.entries {
      let isRecurrentWeight = entry.name.hasPrefix("rnn.weight_hh")
      switch (entry.name, isRecurrentWeight, initialization.recurrent) {
      case ("embedding.weight", _, _):
        for index in entry.offset..<(entry.offset + entry.count) { parameters[index] = random.normal() }
      case (_, true, .orthogonal(let scale)):
        for block in 0..<config.cell.gateCount {
          let matrix = Self.randomOrthogonal(size: hidden, random: &random)
          let start = entry.offset + block * hidden * hidden
          for index in matrix.indices { parameters[start + index] = scale * Float(matrix[index]) }
        }
      case (_, true, .identity(let scale)):
        // Every gate block is ρ·I: entries on the diagonal of each H×H block.
        for index in 0..<entry.count {
          let inBlock = index % (hidden * hidden)  // i·H + j, on the diagonal iff i == j
          parameters[entry.offset + index] = inBlock % (hidden + 1) == 0 ? scale : 0
        }
      default:
        for index in entry.offset..<(entry.offset + entry.count) { parameters[index] = random.uniform(-bound, bound) }
      }
    }
    if let forgetBias = initialization.forgetBias, config.cell == .lstm {
      for offsets in layerOffsets {
        for j in hidden..<(2 * hidden) {
          parameters[offsets.biasIH + j] = forgetBias
          parameters[offsets.biasHH + j] = 0
        }
      }
    }
  }

  /// A random orthogonal `n × n` matrix (row-major): modified Gram–Schmidt, in Double, on the rows of a normal matrix.
  static func randomOrthogonal(size n: Int, random: inout SeededRandom) -> [Double] {
    var rows = (0..<(n * n)).map { _ in Double(random.normal()) }
    for i in 0..<n {
      for k in 0..<i {
        var dot = 0.0
        for j in 0..<n { dot += rows[i * n + j] * rows[k * n + j] }
        for j in 0..<n { rows[i * n + j] -= dot * rows[k * n + j] }
      }
      var norm = 0.0
      for j in 0..<n { norm += rows[i * n + j] * rows[i * n + j] }
      norm = norm.squareRoot()
      for j in 0..<n { rows[i * n + j] /= norm }
    }
    return rows
  }
}
