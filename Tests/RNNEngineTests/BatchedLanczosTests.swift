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
      for j in 0..<n { w[j] = 0; for i in 0..<n { w[j] += m[i * n + j] * u[i] } }
    }
    let start = (0..<(3 * n)).map { Float(($0 * 7) % 5) - 2 }
    let (values, vectors) = BatchedLanczos.largestEigenpairs(
      count: 3, dimension: n, start: start, maxIterations: 20, tolerance: 1e-6
    ) { q, w in
      for r in 0..<3 { apply(r, q + r * n, w + r * n) }
    }
    for r in 0..<3 {
      let expected = Double(SpectralNorm.largestSingularValue(of: matrices[r], rows: n, columns: n, iterations: 5000, tolerance: 0))
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
    ) { _, w in
      w.update(repeating: 0, count: 8)
    }
    XCTAssertEqual(values, [0, 0])
    XCTAssertTrue(vectors.allSatisfy(\.isFinite))
  }
}
