import XCTest

@testable import RNNEngine

/// The pool that recycles record buffers between training steps.
final class BufferPoolTests: XCTestCase {
  func testBufferGivenBackIsTakenAgain() {
    let pool = BufferPool()
    pool.give([[Float](repeating: 7, count: 100)])
    XCTAssertEqual(pool.heldFloats, 100)
    let taken = pool.take(100)
    XCTAssertEqual(taken.first, 7, "the spare buffer, with its old contents")
    XCTAssertEqual(pool.heldFloats, 0)
  }

  func testStepsOfChangingLengthsKeepAtMostTwoStepsOfBuffers() {
    let pool = BufferPool()
    // Like the case task: each step's records are sized by that batch's longest sequence.
    for length in 10...400 {
      let step = (0..<4).map { _ in pool.take(length * 32) }
      pool.give(step)
      XCTAssertLessThanOrEqual(pool.heldFloats, 2 * 4 * length * 32)
    }
    XCTAssertGreaterThanOrEqual(pool.heldFloats, 4 * 400 * 32, "the latest step's buffers are kept")
  }
}
