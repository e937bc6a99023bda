/// One time step of a recurrent layer on `rows` rows, for any cell type, forward next to its backward.
///
/// The caller has already put the input side `x W_ihᵀ + b_ih` into `gates (rows, G·H)`; this adds
/// the recurrent side `h_{t−1} W_hhᵀ + b_hh` as PyTorch does and runs the cell. `active[row]`
/// false marks a row whose sequence has ended (or not begun, reading backwards): its state is
/// carried through unchanged, so padding never enters a state. The rows may be a band of a
/// larger batch (one thread's share): `active` is then the band's slice of the step's flags.
enum RecurrentStep {
  /// The weights of one layer direction: W_hh packed once for every step of a pass, b_hh in the
  /// flat parameter buffer.
  struct Weights {
    /// The forward pass's `W_hhᵀ (H, G·H)`, or the backward pass's `W_hh (G·H, H)`.
    var hidden: PackedWeights
    /// b_hh `(G·H)`.
    var hiddenBias: UnsafePointer<Float>

    /// W_hh at `hiddenWeight` `(G·H, H)` packed for a forward pass (`transposed`) or a backward
    /// pass on `rows` rows.
    init(
      hiddenWeight: UnsafePointer<Float>, hiddenBias: UnsafePointer<Float>, gateWidth: Int, hiddenSize: Int,
      rows: Int, transposed: Bool, pool: BufferPool
    ) {
      hidden = PackedWeights(
        hiddenWeight, transposed: transposed, depth: transposed ? hiddenSize : gateWidth,
        width: transposed ? gateWidth : hiddenSize, rows: rows, pool: pool)
      self.hiddenBias = hiddenBias
    }
  }

  /// Forward: finishes `gates (rows, G·H)`, writes `h (rows, H)` and `c` (LSTM), `hnPre` (GRU).
  static func forward(
    cell: CellType, weights: Weights, gates: UnsafeMutablePointer<Float>, hPrev: UnsafePointer<Float>,
    cPrev: UnsafePointer<Float>, h: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>,
    hnPre: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, rows: Int, hidden: Int,
    active: ArraySlice<Bool>? = nil
  ) {
    let width = cell.gateCount * hidden
    switch cell {
    case .gru:
      addBias(weights.hiddenBias, count: 2 * hidden, to: gates, rows: rows, width: width)
      // (rows, 3H) W_hh h without bias
      weights.hidden.multiply(rows: rows, hPrev, lda: hidden, beta: 0, into: scratch, ldc: width)
      GRUCell.forward(
        gates: gates, recurrent: scratch, biasHN: weights.hiddenBias + 2 * hidden, hPrev: hPrev, hnPre: hnPre, h: h,
        rows: rows, hidden: hidden)
    default:
      addBias(weights.hiddenBias, count: width, to: gates, rows: rows, width: width)
      weights.hidden.multiply(rows: rows, hPrev, lda: hidden, beta: 1, into: gates, ldc: width)
      if cell == .lstm {
        LSTMCell.forward(gates: gates, cPrev: cPrev, c: c, h: h, rows: rows, hidden: hidden)
      } else {
        VanillaCell.forward(cell, gates: gates, h: h, count: rows * hidden)
      }
    }
    guard let active else { return }
    for row in 0..<rows where !active[active.startIndex + row] {
      (h + row * hidden).update(from: hPrev + row * hidden, count: hidden)
      if cell == .lstm { (c + row * hidden).update(from: cPrev + row * hidden, count: hidden) }
    }
  }

  /// Backward: from the total `dh (rows, H)` (and for LSTM `dcNext`, the gradient reaching c_t from
  /// step t+1) writes the pre-activation gradients `dPreInput` and `dPreHidden (rows, G·H)` (the same
  /// memory except for GRU), and `dhPrev`, `dcPrev` for step t−1. Inactive rows pass dh and dc through.
  static func backward(
    cell: CellType, weights: Weights, dh: UnsafePointer<Float>, dcNext: UnsafePointer<Float>,
    gates: UnsafePointer<Float>, hPrev: UnsafePointer<Float>, h: UnsafePointer<Float>, cPrev: UnsafePointer<Float>,
    c: UnsafePointer<Float>, hnPre: UnsafePointer<Float>, dPreInput: UnsafeMutablePointer<Float>,
    dPreHidden: UnsafeMutablePointer<Float>, dhPrev: UnsafeMutablePointer<Float>,
    dcPrev: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, rows: Int, hidden: Int,
    active: ArraySlice<Bool>? = nil
  ) {
    let width = cell.gateCount * hidden
    switch cell {
    case .gru:
      GRUCell.backward(
        dh: dh, gates: gates, hnPre: hnPre, hPrev: hPrev, dPreInput: dPreInput, dPreHidden: dPreHidden,
        dhPrev: dhPrev, rows: rows, hidden: hidden)
    case .lstm:
      LSTMCell.backward(
        dh: dh, dcNext: dcNext, gates: gates, c: c, cPrev: cPrev, dcTotal: scratch, dPre: dPreInput, dcPrev: dcPrev,
        rows: rows, hidden: hidden)
    default:
      VanillaCell.backward(cell, dh: dh, h: h, dPre: dPreInput, count: rows * hidden)
    }
    if let active {
      for row in 0..<rows where !active[active.startIndex + row] {
        (dPreInput + row * width).update(repeating: 0, count: width)
        (dPreHidden + row * width).update(repeating: 0, count: width)
        if cell == .lstm { (dcPrev + row * hidden).update(from: dcNext + row * hidden, count: hidden) }
        if cell == .gru { (dhPrev + row * hidden).update(from: dh + row * hidden, count: hidden) }
      }
    }
    // dh_{t−1} += dPreHidden W_hh   (rows, G·H) · (G·H, H); GRU already holds its direct path dh ⊙ z.
    weights.hidden.multiply(rows: rows, dPreHidden, lda: width, beta: cell == .gru ? 1 : 0, into: dhPrev, ldc: hidden)
    guard let active, cell != .gru else { return }
    for row in 0..<rows where !active[active.startIndex + row] {
      for j in 0..<hidden { dhPrev[row * hidden + j] += dh[row * hidden + j] }
    }
  }

  /// Adds `bias (count)` to the first `count` columns of every row of `matrix (rows, width)`.
  static func addBias(
    _ bias: UnsafePointer<Float>, count: Int, to matrix: UnsafeMutablePointer<Float>, rows: Int, width: Int
  ) {
    for row in 0..<rows {
      // One row through its own pointer: an index `row · width + j` keeps the loop scalar.
      let values = matrix + row * width
      for j in 0..<count { values[j] += bias[j] }
    }
  }
}
