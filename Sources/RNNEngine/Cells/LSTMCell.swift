/// The LSTM cell's elementwise step (PyTorch gate order i, f, g, o).
///
///     i, f, o = σ(a_i), σ(a_f), σ(a_o)     g = tanh(a_g)
///     c_t = f ⊙ c_{t−1} + i ⊙ g            h_t = o ⊙ tanh(c_t)
///
/// Gate rows are `(rows, 4H)` laid out `[i | f | g | o]` per row.
enum LSTMCell {
  /// Forward: activates `gates (rows, 4H)` in place and writes c_t, h_t `(rows, H)`.
  static func forward(
    gates: UnsafeMutablePointer<Float>, cPrev: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, h: UnsafeMutablePointer<Float>, rows: Int, hidden: Int
  ) {
    for row in 0..<rows {
      let i = gates + row * 4 * hidden
      let f = i + hidden
      let g = f + hidden
      let o = g + hidden
      let cp = cPrev + row * hidden
      let cr = c + row * hidden
      let hr = h + row * hidden
      FastMath.sigmoid(i, count: 2 * hidden)  // i and f are adjacent
      FastMath.tanh(g, count: hidden)
      FastMath.sigmoid(o, count: hidden)
      // Short loops over few pointers: Swift cannot promise the buffers don't overlap, and the
      // vectoriser only emits overlap checks for a handful of pointers per loop.
      for j in 0..<hidden { cr[j] = f[j] * cp[j] + i[j] * g[j] }
      for j in 0..<hidden { hr[j] = FastMath.tanh(cr[j]) }
      for j in 0..<hidden { hr[j] *= o[j] }
    }
  }

  /// Backward: from dL/dh_t and the gradient reaching c_t from step t+1 (`dcNext`, already
  /// multiplied by f_{t+1}) computes the total dL/dc_t, the gate pre-activation gradients
  /// `dPre (rows, 4H)`, and `dcPrev = dL/dc_t ⊙ f` for step t−1 (may alias `dcNext`).
  static func backward(
    dh: UnsafePointer<Float>, dcNext: UnsafePointer<Float>, gates: UnsafePointer<Float>,
    c: UnsafePointer<Float>, cPrev: UnsafePointer<Float>, dcTotal: UnsafeMutablePointer<Float>,
    dPre: UnsafeMutablePointer<Float>, dcPrev: UnsafeMutablePointer<Float>, rows: Int, hidden: Int
  ) {
    let tanhC = allocateZeroed(hidden)  // (H) tanh(c_t) of one row
    defer { tanhC.deallocate() }
    for row in 0..<rows {
      let i = gates + row * 4 * hidden
      let f = i + hidden
      let g = f + hidden
      let o = g + hidden
      let di = dPre + row * 4 * hidden
      let df = di + hidden
      let dg = df + hidden
      let dO = dg + hidden
      let base = row * hidden
      let dhRow = dh + base
      let dc = dcTotal + base
      let cRow = c + base
      let cPrevRow = cPrev + base
      let dcNextRow = dcNext + base
      let dcPrevRow = dcPrev + base
      // Short loops over few pointers so each one vectorises (see forward).
      for j in 0..<hidden { tanhC[j] = FastMath.tanh(cRow[j]) }
      for j in 0..<hidden { dc[j] = dcNextRow[j] + dhRow[j] * o[j] * (1 - tanhC[j] * tanhC[j]) }
      for j in 0..<hidden { dO[j] = dhRow[j] * tanhC[j] * o[j] * (1 - o[j]) }
      for j in 0..<hidden { di[j] = dc[j] * g[j] * i[j] * (1 - i[j]) }
      for j in 0..<hidden { df[j] = dc[j] * cPrevRow[j] * f[j] * (1 - f[j]) }
      for j in 0..<hidden { dg[j] = dc[j] * i[j] * (1 - g[j] * g[j]) }
      for j in 0..<hidden { dcPrevRow[j] = dc[j] * f[j] }
    }
  }
}
