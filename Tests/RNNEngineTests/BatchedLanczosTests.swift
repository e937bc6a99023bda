import XCTest

@testable import RNNEngine

final class BatchedLanczosTests: XCTestCase {
  func testTridiagonalLargestEigenpairMatchesTheClosedForm() {
    // tridiag(−1, 2, −1) of size m: eigenvalues 2 − 2cos(kπ/(m+1)), top eigenvector sin(ikπ/(m+1)) with k = m.
    for m in [1, 2, 5, 20] {
      let (value, vector) = BatchedLanczos.largestEigenpair(
        diagonal: Array(repeating: 2, count: m), offDiagonal: Array(repeating: -1, count: max(m - 1, 0)))
      let angle = Double.pi * Double(m) / Double(m + 1)
      XCTAssertEqual(value, 2 - 2 * cos(angle), accuracy: 1e-8, "m = \(m)")
      let expected = (1...m).map { sin(Double($0) * angle) }
      let length = expected.reduce(0) { $0 + $1 * $1 }.squareRoot()
      let sign = (vector[0] * expected[0]) < 0 ? -1.0 : 1.0
      for i in 0..<m { XCTAssertEqual(sign * vector[i], expected[i] / length, accuracy: 1e-8, "m = \(m), i = \(i)") }
    }
  }

  func testLargestEigenvalueMatchesJacobiRotationsAsLanczosGrowsTheMatrix() {
    // Lanczos asks for the top eigenvalue of T_m with the (float-rounded) one of T_{m−1} as a
    // lower bound, from which Newton starts just above the answer: random matrices, a tight
    // cluster at the top, tiny couplings and a negative spectrum.
    var random = SeededRandom(seed: 21)
    var cases: [(diagonal: [Double], offDiagonal: [Double])] = (0..<30).map { _ in
      let m = 2 + random.int(in: 0..<19)
      return ((0..<m).map { _ in Double(random.normal()) * 4 }, (0..<(m - 1)).map { _ in Double(random.normal()) })
    }
    cases.append(([5, 4.999_999_9, 1, 0.5, 0.2], [1e-9, 1e-9, 0.3, 0.1]))
    cases.append(([1, 1, 1, 1, 1, 1], [1e-12, 1e-12, 1e-12, 1e-12, 1e-12]))
    cases.append(([-3, -7, -2, -9], [0.5, 2, 0.1]))
    for (diagonal, offDiagonal) in cases {
      var previous = -Double.infinity
      for m in 1...diagonal.count {
        let (d, e) = (Array(diagonal[0..<m]), Array(offDiagonal[0..<(m - 1)]))
        let value = BatchedLanczos.largestEigenvalue(diagonal: d, offDiagonal: e, atLeast: previous)
        let expected = jacobiEigenvalues(diagonal: d, offDiagonal: e).max()!
        let scale = (d + e).map { Swift.abs($0) }.max()!
        XCTAssertEqual(value, expected, accuracy: 1e-8 * scale, "m = \(m) of \(diagonal)")
        previous = Double(Float(value))
      }
    }
  }

  /// Every eigenvalue of a small symmetric tridiagonal matrix by cyclic Jacobi rotations on the
  /// dense matrix: slow and independent of the Sturm counts and polynomials under test.
  private func jacobiEigenvalues(diagonal: [Double], offDiagonal: [Double]) -> [Double] {
    let m = diagonal.count
    var a = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
    for i in 0..<m {
      a[i][i] = diagonal[i]
      if i > 0 { (a[i][i - 1], a[i - 1][i]) = (offDiagonal[i - 1], offDiagonal[i - 1]) }
    }
    for _ in 0..<100 {
      var offNorm = 0.0
      for i in 0..<m { for j in 0..<m where i != j { offNorm += a[i][j] * a[i][j] } }
      if offNorm < 1e-30 { break }
      for p in 0..<m {
        for q in (p + 1)..<m where a[p][q] != 0 {
          // The rotation that zeroes a[p][q].
          let theta: Double = (a[q][q] - a[p][p]) / (2 * a[p][q])
          let t: Double = (theta >= 0 ? 1.0 : -1.0) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
          let c: Double = 1 / (t * t + 1).squareRoot()
          let s: Double = t * c
          for k in 0..<m {
            let (kp, kq) = (a[k][p], a[k][q])
            (a[k][p], a[k][q]) = (c * kp - s * kq, s * kp + c * kq)
          }
          for k in 0..<m {
            let (pk, qk) = (a[p][k], a[q][k])
            (a[p][k], a[q][k]) = (c * pk - s * qk, s * pk + c * qk)
          }
        }
      }
    }
    return (0..<m).map { a[$0][$0] }
  }

  func testLastComponentFormulaMatchesTheEigenvector() {
    var random = SeededRandom(seed: 9)
    for m in [1, 2, 3, 8, 20] {
      let diagonal = (0..<m).map { _ in Double(random.normal()) * 3 }
      let offDiagonal = (0..<max(m - 1, 0)).map { _ in Double(random.normal()) + 0.5 }
      let (value, vector) = BatchedLanczos.largestEigenpair(diagonal: diagonal, offDiagonal: offDiagonal)
      let lastSquared = BatchedLanczos.lastComponentSquared(
        diagonal: diagonal, offDiagonal: offDiagonal, eigenvalue: value)
      XCTAssertEqual(lastSquared, vector[m - 1] * vector[m - 1], accuracy: 1e-8, "m = \(m)")
      // And the vector is an eigenvector: (T − λI) y ≈ 0.
      for i in 0..<m {
        var row = (diagonal[i] - value) * vector[i]
        if i > 0 { row += offDiagonal[i - 1] * vector[i - 1] }
        if i < m - 1 { row += offDiagonal[i] * vector[i + 1] }
        XCTAssertEqual(row, 0, accuracy: 1e-8, "m = \(m), row \(i)")
      }
    }
  }

  func testEveryRowFindsItsOwnLargestEigenvalue() {
    // A_r = M_rᵀ M_r: M_0 and M_1 random 12 × 12, M_2 = diag(5, 4.99, 1, …), whose top two
    // eigenvalues 25 and 24.9 are power iteration's slow case.
    let n = 12
    var random = SeededRandom(seed: 3)
    var matrices = (0..<3).map { _ in (0..<(n * n)).map { _ in random.normal() } }
    matrices[2] = (0..<(n * n)).map { index in
      let (i, j) = (index / n, index % n)
      let scale: Float = i == 0 ? 5 : i == 1 ? 4.99 : 1
      return i == j ? scale : 0
    }
    func apply(_ r: Int, _ q: UnsafePointer<Float>, _ w: UnsafeMutablePointer<Float>) {
      let m = matrices[r]
      var u = [Float](repeating: 0, count: n)
      for i in 0..<n { for j in 0..<n { u[i] += m[i * n + j] * q[j] } }
      for j in 0..<n {
        w[j] = 0
        for i in 0..<n { w[j] += m[i * n + j] * u[i] }
      }
    }
    let start = (0..<(3 * n)).map { Float(($0 * 7) % 5) - 2 }
    var appliedRows: [[Int]] = []
    let (values, vectors) = BatchedLanczos.largestEigenpairs(
      count: 3, dimension: n, start: start, maxIterations: 20, tolerance: 1e-6
    ) { rows, q, w in
      // Rows converge at different steps (the diagonal one first): only those still going come back.
      appliedRows.append(rows)
      for (position, r) in rows.enumerated() { apply(r, q + position * n, w + position * n) }
    }
    XCTAssertEqual(appliedRows.first, [0, 1, 2])
    XCTAssertTrue(appliedRows.contains { $0.count < 3 }, "a converged row leaves the products")
    for r in 0..<3 {
      let expected = Double(
        SpectralNorm.largestSingularValue(of: matrices[r], rows: n, columns: n, iterations: 5000, tolerance: 0))
      XCTAssertEqual(Double(values[r]).squareRoot(), expected, accuracy: 1e-4 * expected, "row \(r)")
      // The vector is a unit eigenvector: ‖A v − λ v‖ small.
      let v = Array(vectors[(r * n)..<((r + 1) * n)])
      var av = [Float](repeating: 0, count: n)
      v.withBase { v in av.withMutableBase { apply(r, v, $0) } }
      let residual = zip(av, v).map { ($0 - values[r] * $1) * ($0 - values[r] * $1) }.reduce(0, +).squareRoot()
      XCTAssertEqual(v.map { $0 * $0 }.reduce(0, +), 1, accuracy: 1e-4)
      XCTAssertLessThan(residual, 1e-3 * values[r], "row \(r)")
    }
  }

  func testAZeroOperatorGivesZeroWithoutDividingByZero() {
    let (values, vectors) = BatchedLanczos.largestEigenpairs(
      count: 2, dimension: 4, start: [Float](repeating: 1, count: 8), maxIterations: 20, tolerance: 1e-3
    ) { rows, _, w in
      w.update(repeating: 0, count: rows.count * 4)
    }
    XCTAssertEqual(values, [0, 0])
    XCTAssertTrue(vectors.allSatisfy(\.isFinite))
  }
}
