/// Largest singular values by power iteration, for the stability views.
enum SpectralNorm {
  /// σ_max of a row-major `(rows, columns)` matrix: power iteration on AᵀA from a fixed
  /// pseudo-random start, stopping when the estimate moves less than `tolerance` (relative).
  static func largestSingularValue(
    of matrix: UnsafePointer<Float>, rows: Int, columns: Int, iterations: Int = 200, tolerance: Float = 1e-6
  ) -> Float {
    largestSingularPair(of: matrix, rows: rows, columns: columns, iterations: iterations, tolerance: tolerance).value
  }

  /// σ_max as `largestSingularValue` finds it, with the unit right singular vector `(columns)` it converged to.
  ///
  /// `start`, when given, replaces the pseudo-random start: the previous trace's pair, for a
  /// matrix that has changed little since, converges in a round or two instead of up to 200.
  static func largestSingularPair(
    of matrix: UnsafePointer<Float>, rows: Int, columns: Int, iterations: Int = 200, tolerance: Float = 1e-6,
    start: (value: Float, rightVector: [Float])? = nil
  ) -> (value: Float, rightVector: [Float]) {
    var random = SeededRandom(seed: 0x5EED)
    let warm = start.map { $0.rightVector.count == columns } ?? false
    var v = warm ? start!.rightVector : (0..<columns).map { _ in random.normal() }  // (columns)
    var u = [Float](repeating: 0, count: rows)  // (rows) A v
    var sigma: Float = warm ? start!.value : 0
    for _ in 0..<iterations {
      let length = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard length > 0 else { return (0, v) }
      for index in v.indices { v[index] /= length }
      // u (1, rows) = vᵀ Aᵀ; then v (1, columns) = uᵀ A, i.e. Aᵀ A v.
      BLAS.gemm(
        transB: true, m: 1, n: rows, k: columns, a: v, lda: columns, b: matrix, ldb: columns, beta: 0, c: &u, ldc: rows)
      BLAS.gemm(m: 1, n: columns, k: rows, a: u, lda: rows, b: matrix, ldb: columns, beta: 0, c: &v, ldc: columns)
      let previous = sigma
      sigma = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
      if abs(sigma - previous) <= tolerance * sigma { break }
    }
    let length = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    if length > 0 { for index in v.indices { v[index] /= length } }
    return (sigma, v)
  }
}
