/// How many of one sigmoid gate's activations sit in the flat tails, where its derivative is nearly 0.
public struct GateSaturation: Sendable, Equatable {
  /// Gate name: `i`, `f`, `o` (LSTM) or `r`, `z` (GRU).
  public var gate: String
  /// Fraction of activations below 0.1 (the gate nearly shut).
  public var low: Float
  /// Fraction of activations above 0.9 (the gate nearly open).
  public var high: Float
}

extension CellType {
  /// The gate blocks squashed by a sigmoid (the others are tanh candidates), in `gateNames` order.
  var sigmoidGateBlocks: [Int] {
    switch self {
    case .lstm: [0, 1, 3]  // i, f, o; g is tanh
    case .gru: [0, 1]  // r, z; n is tanh
    case .rnnTanh, .rnnRelu, .rnnLinear: []
    }
  }
}

extension ForwardRecord {
  /// Saturation of every sigmoid gate of the top layer over all steps and sequences; empty for the plain RNN.
  var gateSaturation: [GateSaturation] {
    let hidden = config.hidden
    let gateWidth = config.cell.gateCount * hidden
    let gates = layers[config.recurrences - config.directions].gates  // (T, B, G·H) post-activation
    let rows = gates.count / gateWidth
    return config.cell.sigmoidGateBlocks.map { block in
      var low = 0
      var high = 0
      for row in 0..<rows {
        let start = row * gateWidth + block * hidden
        for value in gates[start..<(start + hidden)] {
          if value < 0.1 { low += 1 } else if value > 0.9 { high += 1 }
        }
      }
      let count = Float(max(rows * hidden, 1))
      return GateSaturation(gate: config.cell.gateNames[block], low: Float(low) / count, high: Float(high) / count)
    }
  }
}
