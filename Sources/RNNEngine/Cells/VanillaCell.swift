/// The Elman cell's elementwise step: h_t = φ(a_t) with a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh.
///
/// Every function works on `rows` rows of H values at one timestep (rows = B in training,
/// rows = T when the trace evaluates all steps of one sequence at once).
enum VanillaCell {
  /// Forward: `gates` holds a_t `(rows, H)` and is activated in place; h_t gets a copy.
  static func forward(
    _ activation: CellType, gates: UnsafeMutablePointer<Float>, h: UnsafeMutablePointer<Float>, count: Int
  ) {
    switch activation {
    case .rnnRelu:
      for index in 0..<count { gates[index] = Swift.max(gates[index], 0) }
    case .rnnLinear:
      break
    default:
      FastMath.tanh(gates, count: count)
    }
    h.update(from: gates, count: count)
  }

  /// Backward: dL/da_t = dL/dh_t ⊙ φ'(a_t), with φ' written in terms of the output h_t.
  static func backward(
    _ activation: CellType, dh: UnsafePointer<Float>, h: UnsafePointer<Float>,
    dPre: UnsafeMutablePointer<Float>, count: Int
  ) {
    switch activation {
    case .rnnRelu:
      for index in 0..<count { dPre[index] = h[index] > 0 ? dh[index] : 0 }
    case .rnnLinear:
      dPre.update(from: dh, count: count)
    default:
      for index in 0..<count { dPre[index] = dh[index] * (1 - h[index] * h[index]) }
    }
  }
}
