#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The largest eigenvalue of many symmetric positive semi-definite operators at once, by Lanczos.
///
/// The trace needs σ_max of every step's Jacobian: the largest eigenvalue of J_tᵀJ_t for T
/// operators that share one batched product. Power iteration converges at the rate of the gap
/// between the two largest singular values, which for a recurrent step is often small, so it can
/// stop well short of the answer. Lanczos builds each operator's Krylov space instead and stops on the Ritz value's
/// residual, which bounds its error: |θ − λ| ≤ β_j·|y_j| (Parlett, *The Symmetric Eigenvalue
/// Problem*, §13.2). Vectors are reorthogonalised against all earlier ones (k ≤ 20 here, so this
/// is cheap next to the products), which keeps float32 Lanczos from producing ghost eigenvalues.
enum BatchedLanczos {
  /// The largest eigenvalue of each of `count` operators of size `(dimension, dimension)`, and its unit eigenvector.
  ///
  /// `apply(rows, q, w)` must set row i of `w (rows.count, dimension)` to `A_r q_i` for r =
  /// `rows[i]`: every row at first, then only those still iterating (so the slow few do not
  /// cost a product over all of them). Row r starts from
  /// `start` row r (a previous answer, when there is one) and stops once its Ritz value's
  /// residual bound is at most `tolerance` times the value, after `minimumIterations` products at
  /// least (a warm start can sit near a lower eigenvector with a small residual; a second product
  /// lets the top one show); every row stops after `min(maxIterations, dimension)` products,
  /// where the Krylov space is the whole space.
  /// Returns the values `(count)` and the vectors `(count, dimension)`.
  static func largestEigenpairs(
    count: Int, dimension: Int, start: [Float], minimumIterations: Int = 1, maxIterations: Int, tolerance: Double,
    apply: (_ rows: [Int], _ q: UnsafePointer<Float>, _ w: UnsafeMutablePointer<Float>) -> Void
  ) -> (values: [Float], vectors: [Float]) {
    precondition(start.count == count * dimension, "start must be (count, dimension)")
    let size = count * dimension
    let steps = max(1, min(maxIterations, dimension))
    // basis[j] holds the j-th Lanczos vector of every row, (count, dimension); allocated as the
    // iterations need them (a warm start stops after two or three, of up to 21).
    var basis: [UnsafeMutablePointer<Float>] = [.allocate(capacity: size)]
    let w = UnsafeMutablePointer<Float>.allocate(capacity: size)  // (active rows, dimension) A q_j
    let activeQ = UnsafeMutablePointer<Float>.allocate(capacity: size)  // (active rows, dimension) q_j
    defer {
      for block in basis { block.deallocate() }
      w.deallocate()
      activeQ.deallocate()
    }
    // Per row, `steps` entries each: the tridiagonal's diagonal and off-diagonal, filled in order.
    let alphas = UnsafeMutablePointer<Double>.allocate(capacity: count * steps)
    let betas = UnsafeMutablePointer<Double>.allocate(capacity: count * steps)
    // Per row once it stops, its Ritz vector's coefficients (its first `stepsTaken` entries).
    let coefficients = UnsafeMutablePointer<Double>.allocate(capacity: count * steps)
    let solveScratch = UnsafeMutablePointer<Double>.allocate(capacity: 2 * steps)
    defer {
      alphas.deallocate()
      betas.deallocate()
      coefficients.deallocate()
      solveScratch.deallocate()
    }
    var values = [Float](repeating: 0, count: count)
    // Per row, once it stops: the Lanczos steps it took (0 while it goes on).
    var stepsTaken = [Int](repeating: 0, count: count)
    var random = SeededRandom(seed: 0x1A2C05)

    // q_0: the start, normalised (a zero row starts from a fixed pseudo-random direction).
    start.withBase { basis[0].update(from: $0, count: size) }
    for row in 0..<count {
      let q = basis[0] + row * dimension
      if norm(q, dimension) == 0 { for i in 0..<dimension { q[i] = random.normal() } }
      scale(q, dimension, by: 1 / norm(q, dimension))
    }
    for j in 0..<steps {
      let active = (0..<count).filter { stepsTaken[$0] == 0 }
      guard !active.isEmpty else { break }  // every row has converged
      if active.count == count {
        apply(active, basis[j], w)
      } else {
        for (position, row) in active.enumerated() {
          (activeQ + position * dimension).update(from: basis[j] + row * dimension, count: dimension)
        }
        apply(active, activeQ, w)
      }
      basis.append(.allocate(capacity: size))  // q_{j+1}, written for the rows that go on
      for (position, row) in active.enumerated() {
        let offset = row * dimension
        let wRow = w + position * dimension
        let a = Double(dot(wRow, basis[j] + offset, dimension))
        // Subtract the row's projections on every earlier vector, twice ("twice is enough").
        for _ in 0..<2 {
          for i in 0...j {
            let earlier = basis[i] + offset
            axpy(-dot(wRow, earlier, dimension), earlier, wRow, dimension)
          }
        }
        let b = Double(norm(wRow, dimension))
        alphas[row * steps + j] = a
        let alpha = UnsafeBufferPointer(start: alphas + row * steps, count: j + 1)
        let beta = UnsafeBufferPointer(start: betas + row * steps, count: j)
        // The top Ritz value only grows as the space does (interlacing): the last one bounds it below.
        let theta = largestEigenvalue(diagonal: alpha, offDiagonal: beta, atLeast: Double(values[row]))
        values[row] = Float(max(theta, 0))
        let residual = b * lastComponentSquared(diagonal: alpha, offDiagonal: beta, eigenvalue: theta).squareRoot()
        let converged = residual <= tolerance * theta && j + 1 >= minimumIterations
        if converged || j == steps - 1 || b <= 1e-6 * max(theta, .leastNormalMagnitude) {
          stepsTaken[row] = j + 1
          eigenvector(
            diagonal: alpha, offDiagonal: beta, eigenvalue: theta, into: coefficients + row * steps,
            scratch: solveScratch)
          continue
        }
        betas[row * steps + j] = b
        let next = basis[j + 1] + offset
        next.update(from: wRow, count: dimension)
        scale(next, dimension, by: Float(1 / b))
      }
    }

    // Each row's eigenvector estimate: its Ritz vector Σ_i y_i q_i, normalised.
    var vectors = [Float](repeating: 0, count: size)
    vectors.withMutableBase { vectors in
      for row in 0..<count {
        let target = vectors + row * dimension
        for i in 0..<stepsTaken[row] {
          axpy(Float(coefficients[row * steps + i]), basis[i] + row * dimension, target, dimension)
        }
        let length = norm(target, dimension)
        if length > 0 { scale(target, dimension, by: 1 / length) }
      }
    }
    return (values, vectors)
  }

  /// The largest eigenvalue of the symmetric tridiagonal matrix with `diagonal (m)` and
  /// `offDiagonal (m − 1)`, and its unit eigenvector.
  static func largestEigenpair(diagonal: [Double], offDiagonal: [Double]) -> (value: Double, vector: [Double]) {
    let value = largestEigenvalue(diagonal: diagonal, offDiagonal: offDiagonal, atLeast: -.infinity)
    let m = diagonal.count
    var vector = [Double](repeating: 0, count: m)
    var scratch = [Double](repeating: 0, count: 2 * m)
    vector.withUnsafeMutableBufferPointer { vector in
      scratch.withUnsafeMutableBufferPointer { scratch in
        eigenvector(
          diagonal: diagonal, offDiagonal: offDiagonal, eigenvalue: value, into: vector.baseAddress!,
          scratch: scratch.baseAddress!)
      }
    }
    return (value, vector)
  }

  /// The largest eigenvalue of the tridiagonal matrix, known to be at least `atLeast` (the
  /// largest of the matrix without its last row and column, when there is one), to 10⁻⁹ of the
  /// matrix's scale (the value is kept as a float).
  ///
  /// Newton's method on the characteristic polynomial descends monotonically to the largest root
  /// from any start above it (every root is real). Adding the last row and column raises the
  /// largest eigenvalue to at most max(θ_{m−1}, α_m) + |β_{m−1}| (Weyl's inequality), so Newton
  /// starts close and takes a few steps where bisection took about 30 Sturm counts, each with m
  /// divisions (bisection had been most of the Jacobian norms' time at H = 32). Two Sturm counts
  /// check the answer; bisection is the fallback.
  static func largestEigenvalue<Entries: RandomAccessCollection<Double>>(
    diagonal: Entries, offDiagonal: Entries, atLeast: Double
  ) -> Double where Entries.Index == Int {
    let m = diagonal.count
    guard m > 1 else { return diagonal[0] }
    // Two rows, where most warm-started steps stop: the quadratic's larger root.
    if m == 2 { return (diagonal[0] + diagonal[1]) / 2 + hypot((diagonal[0] - diagonal[1]) / 2, offDiagonal[0]) }
    // Gershgorin: every eigenvalue lies in [low, high].
    var low = Double.infinity
    var high = -Double.infinity
    for i in 0..<m {
      let radius = (i > 0 ? abs(offDiagonal[i - 1]) : 0) + (i < m - 1 ? abs(offDiagonal[i]) : 0)
      low = min(low, diagonal[i] - radius)
      high = max(high, diagonal[i] + radius)
    }
    let scale = max(abs(low), abs(high), .leastNormalMagnitude)
    let resolution = 1e-9 * scale
    low = min(max(low, atLeast), high)
    // Number of eigenvalues below x: the negative pivots of the LDLᵀ factorisation of T − xI.
    func countBelow(_ x: Double) -> Int {
      var below = 0
      var pivot = 1.0
      for i in 0..<m {
        let coupling = i > 0 ? offDiagonal[i - 1] * offDiagonal[i - 1] / pivot : 0
        pivot = diagonal[i] - x - coupling
        if pivot == 0 { pivot = -Double.ulpOfOne * max(abs(x), 1) }
        if pivot < 0 { below += 1 }
      }
      return below
    }

    // Newton from above; the margin covers `atLeast` having been rounded to a float.
    var x = high
    if atLeast.isFinite { x = min(high, max(atLeast, diagonal[m - 1]) + abs(offDiagonal[m - 2]) + 1e-6 * scale) }
    for _ in 0..<64 {
      let polynomial = characteristicPolynomial(diagonal: diagonal, offDiagonal: offDiagonal, at: x, scale: scale)
      guard polynomial.slope > 0, polynomial.value.isFinite else { break }
      let step = polynomial.value / polynomial.slope * scale
      x -= step
      if step <= resolution { break }  // converged, or rounding pushed it just below the root
    }
    if countBelow(x + resolution) == m && countBelow(x - resolution) < m { return x }

    // The largest eigenvalue is the smallest x with all m eigenvalues below it.
    while high - low > resolution {
      let middle = (low + high) / 2
      guard middle > low && middle < high else { break }
      if countBelow(middle) == m { high = middle } else { low = middle }
    }
    return high
  }

  /// det(xI − T) of the leading m × m block and of the leading (m − 1) × (m − 1) block, and the
  /// former's derivative, for T and x divided by `scale` (so that polynomials of degree ≤ 20
  /// stay far from overflow), by the three-term recurrence.
  private static func characteristicPolynomial<Entries: RandomAccessCollection<Double>>(
    diagonal: Entries, offDiagonal: Entries, at eigenvalue: Double, scale: Double
  ) -> (value: Double, slope: Double, previous: Double) where Entries.Index == Int {
    let x = eigenvalue / scale
    var (previous, current) = (1.0, x - diagonal[0] / scale)  // p_{k−1}, p_k
    var (previousSlope, slope) = (0.0, 1.0)  // their derivatives
    for k in 1..<diagonal.count {
      let coupling = (offDiagonal[k - 1] / scale) * (offDiagonal[k - 1] / scale)
      let next = (x - diagonal[k] / scale) * current - coupling * previous
      let nextSlope = current + (x - diagonal[k] / scale) * slope - coupling * previousSlope
      (previous, current, previousSlope, slope) = (current, next, slope, nextSlope)
    }
    return (current, slope, previous)
  }

  /// y_m² for the unit eigenvector y of `eigenvalue`: p_{m−1}(θ) / p_m′(θ), where p_k is the
  /// characteristic polynomial of the leading k × k block (Parlett, *The Symmetric Eigenvalue
  /// Problem*, §7.9). One pass of the three-term recurrence instead of solving for the vector.
  static func lastComponentSquared<Entries: RandomAccessCollection<Double>>(
    diagonal: Entries, offDiagonal: Entries, eigenvalue: Double
  ) -> Double where Entries.Index == Int {
    guard diagonal.count > 1 else { return 1 }
    if diagonal.count == 2 {
      let last = twoByTwoEigenvector(diagonal, offDiagonal, eigenvalue).last
      return last * last
    }
    let scale = max(largestMagnitude(diagonal), largestMagnitude(offDiagonal), .leastNormalMagnitude)
    let polynomial = characteristicPolynomial(
      diagonal: diagonal, offDiagonal: offDiagonal, at: eigenvalue, scale: scale)
    guard polynomial.slope > 0 else { return 1 }  // a repeated eigenvalue: no estimate, keep iterating
    return min(max(polynomial.previous / polynomial.slope, 0), 1)
  }

  /// The unit eigenvector of the tridiagonal matrix for its largest eigenvalue `eigenvalue`, by
  /// inverse iteration with a shift just above it: σI − T is positive definite, so the
  /// tridiagonal solve needs no pivoting. Writes its `m` entries to `vector`, using `scratch (2m)`.
  static func eigenvector<Entries: RandomAccessCollection<Double>>(
    diagonal: Entries, offDiagonal: Entries, eigenvalue: Double, into vector: UnsafeMutablePointer<Double>,
    scratch: UnsafeMutablePointer<Double>
  ) where Entries.Index == Int {
    let m = diagonal.count
    let scale = max(largestMagnitude(diagonal), largestMagnitude(offDiagonal))
    guard m > 1, scale > 0 else {
      vector.update(repeating: 0, count: m)
      vector[0] = 1
      return
    }
    if m == 2 {
      (vector[0], vector[1]) = twoByTwoEigenvector(diagonal, offDiagonal, eigenvalue)
      return
    }
    // σI − T = L D Lᵀ, factored once (Thomas algorithm): the pivots D (as reciprocals) and L's
    // sub-diagonal; each round of the iteration is then two substitutions without a division.
    let shift = eigenvalue + 1e-10 * scale
    let inversePivots = scratch
    let lower = scratch + m
    inversePivots[0] = 1 / (shift - diagonal[0])
    for i in 1..<m {
      lower[i] = -offDiagonal[i - 1] * inversePivots[i - 1]
      inversePivots[i] = 1 / (shift - diagonal[i] + offDiagonal[i - 1] * lower[i])
    }
    vector.update(repeating: 1, count: m)
    for _ in 0..<3 {
      // Solve (σI − T) z = vector, then normalise.
      for i in 1..<m { vector[i] -= lower[i] * vector[i - 1] }
      vector[m - 1] *= inversePivots[m - 1]
      for i in stride(from: m - 2, through: 0, by: -1) {
        vector[i] = vector[i] * inversePivots[i] - lower[i + 1] * vector[i + 1]
      }
      var squares = 0.0
      for i in 0..<m { squares += vector[i] * vector[i] }
      let length = squares.squareRoot()
      guard length > 0, length.isFinite else { break }
      let inverseLength = 1 / length
      for i in 0..<m { vector[i] *= inverseLength }
    }
  }

  /// The unit eigenvector of [[a, b], [b, d]] for `eigenvalue`: (b, θ − a), normalised; (1, 0) when
  /// both vanish (b = 0 and θ = a).
  private static func twoByTwoEigenvector<Entries: RandomAccessCollection<Double>>(
    _ diagonal: Entries, _ offDiagonal: Entries, _ eigenvalue: Double
  ) -> (first: Double, last: Double) where Entries.Index == Int {
    let (first, second) = (offDiagonal[0], eigenvalue - diagonal[0])
    let length = hypot(first, second)
    return length > 0 ? (first / length, second / length) : (1, 0)
  }

  private static func largestMagnitude<Entries: RandomAccessCollection<Double>>(_ values: Entries) -> Double {
    var largest = 0.0
    for value in values { largest = max(largest, abs(value)) }
    return largest
  }

  private static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
    FastMath.dot(x, y, count: n)
  }

  private static func norm(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
    FastMath.sumOfSquares(x, count: n).squareRoot()
  }

  /// y += a·x
  private static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    for i in 0..<n { y[i] += a * x[i] }
  }

  private static func scale(_ x: UnsafeMutablePointer<Float>, _ n: Int, by factor: Float) {
    for i in 0..<n { x[i] *= factor }
  }
}
