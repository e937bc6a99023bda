import XCTest

@testable import RNNEngine

/// A buffer built from a recycled block starts as zeros, like a fresh one, whatever the block held.
final class FloatBlockCacheTests: XCTestCase {
  func testARecycledBlockComesBackAsZeros() {
    let count = FloatBlockCache.smallest + 3
    var address: UnsafeMutablePointer<Float>?
    do {
      let dirty = FloatBuffer(count)
      dirty.pointer.update(repeating: 7, count: count)
      address = dirty.pointer
    }
    let again = FloatBuffer(count)
    XCTAssertEqual(again.pointer, address, "the freed block is used again")
    XCTAssertEqual(again.values.first { $0 != 0 }, nil, "a recycled block is zeroed")
  }
}
