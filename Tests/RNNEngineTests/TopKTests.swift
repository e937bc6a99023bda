import CKernels
import XCTest

@testable import RNNEngine

/// `rk_top_k`, the trace's top-3 predictions, against sorting.
final class TopKTests: XCTestCase {
  private func topK(_ values: [Float], _ k: Int) -> [(id: Int, value: Float)] {
    var ids = [Int32](repeating: -1, count: k)
    var best = [Float](repeating: 0, count: k)
    let found = Int(rk_top_k(values, Int32(values.count), Int32(k), &ids, &best))
    return (0..<found).map { (Int(ids[$0]), best[$0]) }
  }

  /// The k largest by a stable sort on value, largest first: ties keep the lower index.
  private func sorted(_ values: [Float], _ k: Int) -> [(id: Int, value: Float)] {
    let ranked = values.enumerated().filter { !$0.element.isNaN }.sorted {
      $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset)
    }
    return ranked.prefix(k).map { ($0.offset, $0.element) }
  }

  func testMatchesSortingOnRowsOfEveryLengthAroundTheBlock() {
    var random = SeededRandom(seed: 9)
    for count in [1, 2, 3, 15, 16, 17, 31, 33, 256, 1000] {
      for k in [1, 3, 5] {
        // Peaked rows (a few large values) and flat ones, as a trained and an untrained softmax give.
        for peaked in [false, true] {
          var values = (0..<count).map { _ in random.uniform(0, 1) }
          if peaked { for _ in 0..<3 { values[random.int(in: 0..<count)] += 10 } }
          let (got, expected) = (topK(values, k), sorted(values, k))
          XCTAssertEqual(got.map(\.id), expected.map(\.id), "count \(count), k \(k), peaked \(peaked)")
          XCTAssertEqual(got.map(\.value), expected.map(\.value), "count \(count), k \(k), peaked \(peaked)")
        }
      }
    }
  }

  func testTiesKeepTheLowerIndexAndNaNNeverCounts() {
    let values: [Float] = [0.5, .nan, 0.9, 0.5, 0.9, 0.1, 0.5]
    XCTAssertEqual(topK(values, 4).map(\.id), [2, 4, 0, 3])
    XCTAssertEqual(topK([.nan, .nan, 1], 3).map(\.id), [2], "only one value can count")
    XCTAssertEqual(topK([-.infinity, 2], 3).map(\.id), [1])
  }
}
