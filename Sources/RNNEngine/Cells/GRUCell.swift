/// The GRU cell's elementwise step (PyTorch gate order r, z, n; b_hn inside the reset product).
///
///     r = σ(a_r)   z = σ(a_z)   p = W_hn h_{t−1} + b_hn   n = tanh(x_n + r ⊙ p)
///     h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
///
/// `gates (rows, 3H)` arrive holding the input side (W_ih x + b_ih, plus b_hh for r and z);
/// `recurrent (rows, 3H)` holds W_hh h_{t−1} without bias.
enum GRUCell {
  /// Forward: finishes the gates in place (post-activation r, z, n), stores p in `hnPre`, writes h_t.
  static func forward(
    gates: UnsafeMutablePointer<Float>, recurrent: UnsafePointer<Float>, biasHN: UnsafePointer<Float>,
    hPrev: UnsafePointer<Float>, hnPre: UnsafeMutablePointer<Float>, h: UnsafeMutablePointer<Float>,
    rows: Int, hidden: Int
  ) {
    for row in 0..<rows {
      let r = gates + row * 3 * hidden
      let z = r + hidden
      let n = z + hidden
      let rec = recurrent + row * 3 * hidden
      let recN = rec + 2 * hidden
      let base = row * hidden
      for j in 0..<(2 * hidden) { r[j] += rec[j] }  // r and z are adjacent
      FastMath.sigmoid(r, count: 2 * hidden)
      // Short loops over few pointers so each one vectorises (see LSTMCell.forward).
      let p = hnPre + base
      let hRow = h + base
      let hPrevRow = hPrev + base
      for j in 0..<hidden { p[j] = recN[j] + biasHN[j] }
      for j in 0..<hidden { n[j] += r[j] * p[j] }
      FastMath.tanh(n, count: hidden)
      for j in 0..<hidden { hRow[j] = (1 - z[j]) * n[j] + z[j] * hPrevRow[j] }
    }
  }

  /// Backward: from dL/dh_t computes the pre-activation gradients on the input side
  /// `dPreInput (rows, 3H)` = [da_r, da_z, da_n], on the recurrent side `dPreHidden` =
  /// [da_r, da_z, r ⊙ da_n] (the gradient of p), and the direct path `dhPrev = dh ⊙ z`.
  static func backward(
    dh: UnsafePointer<Float>, gates: UnsafePointer<Float>, hnPre: UnsafePointer<Float>,
    hPrev: UnsafePointer<Float>, dPreInput: UnsafeMutablePointer<Float>,
    dPreHidden: UnsafeMutablePointer<Float>, dhPrev: UnsafeMutablePointer<Float>, rows: Int, hidden: Int
  ) {
    for row in 0..<rows {
      let r = gates + row * 3 * hidden
      let z = r + hidden
      let n = z + hidden
      let dr = dPreInput + row * 3 * hidden
      let dz = dr + hidden
      let dn = dz + hidden
      let hr = dPreHidden + row * 3 * hidden
      let hn = hr + 2 * hidden
      let base = row * hidden
      let dhRow = dh + base
      let hPrevRow = hPrev + base
      let p = hnPre + base
      let dhPrevRow = dhPrev + base
      // Short loops over few pointers so each one vectorises (see LSTMCell.forward).
      for j in 0..<hidden { dn[j] = dhRow[j] * (1 - z[j]) * (1 - n[j] * n[j]) }
      for j in 0..<hidden { dz[j] = dhRow[j] * (hPrevRow[j] - n[j]) * z[j] * (1 - z[j]) }
      for j in 0..<hidden { dr[j] = dn[j] * p[j] * r[j] * (1 - r[j]) }
      hr.update(from: dr, count: 2 * hidden)  // r and z blocks are the same on both sides
      for j in 0..<hidden { hn[j] = dn[j] * r[j] }
      for j in 0..<hidden { dhPrevRow[j] = dhRow[j] * z[j] }
    }
  }
}
