import XCTest

@testable import RNNEngine

/// Attention's row kernels give bit for bit what the plain loops they replace give, for every
/// remainder of rows (four at a time) and columns (32 and 8 at a time), with rows strided apart.
final class FastMathRowsTests: XCTestCase {
  /// Widths with and without remainders, row counts 0…9, rows 3 floats apart beyond their width.
  private let widths = [1, 7, 8, 31, 32, 37, 128, 131]

  /// `count` random values in −1…1.
  private func values(_ count: Int, _ random: inout SeededRandom) -> [Float] {
    (0..<count).map { _ in random.uniform(-1, 1) }
  }

  func testDotsEqualDotOfEachRow() {
    var random = SeededRandom(seed: 5)
    for width in widths {
      for count in 0..<10 {
        let stride = width + 3
        let (rows, x) = (values(count * stride, &random), values(width, &random))
        var results = [Float](repeating: .nan, count: count)
        FastMath.dots(x, rows: rows, rowStride: stride, count: count, width: width, into: &results)
        let expected = (0..<count).map { j in
          rows.withBase { FastMath.dot(x, $0 + j * stride, count: width) }
        }
        XCTAssertEqual(results.map(\.bitPattern), expected.map(\.bitPattern), "width \(width), \(count) rows")
      }
    }
  }

  func testAddWeightedRowsEqualsTheLoopOverRowsInOrder() {
    var random = SeededRandom(seed: 6)
    for width in widths {
      for count in 0..<10 {
        let stride = width + 3
        let (rows, weights, start) = (values(count * stride, &random), values(count, &random), values(width, &random))
        var result = start
        FastMath.addWeightedRows(weights, rows: rows, rowStride: stride, count: count, width: width, into: &result)
        var expected = start
        for j in 0..<count {
          for k in 0..<width { expected[k] += weights[j] * rows[j * stride + k] }
        }
        XCTAssertEqual(result.map(\.bitPattern), expected.map(\.bitPattern), "width \(width), \(count) rows")
      }
    }
  }
}
