import XCTest

@testable import RNNEngine

/// The thread pool every parallel loop of the engine shares.
final class ParallelTests: XCTestCase {
  override func tearDown() {
    BLAS.setThreadCount(ProcessInfo.processInfo.activeProcessorCount)
  }

  func testEveryPartRunsOnceAsTheThreadCountChanges() {
    // Helpers are started as the thread count grows; one started after earlier jobs must take only
    // the jobs published after it, each part exactly once.
    for threads in [2, 4, 3, 8, 1, 6] {
      BLAS.setThreadCount(threads)
      for job in 0..<200 {
        let parts = min(threads, 1 + job % 8)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: parts)
        counts.initialize(repeating: 0, count: parts)
        defer { counts.deallocate() }
        Parallel.forEachPart(parts) { part, total in
          XCTAssertEqual(total, parts)
          counts[part] += 1  // each part writes only its own slot
        }
        XCTAssertEqual(
          (0..<parts).map { counts[$0] }, Array(repeating: 1, count: parts), "\(threads) threads, job \(job)")
      }
    }
  }

  func testRangesCoverTheWholeCountOnAlignedEdges() {
    BLAS.setThreadCount(4)
    for count in [0, 1, 15, 16, 17, 100, 1_000, 4_099] {
      let seen = UnsafeMutablePointer<Int>.allocate(capacity: max(count, 1))
      seen.initialize(repeating: 0, count: max(count, 1))
      defer { seen.deallocate() }
      Parallel.forEachRange(count, minimumPerPart: 16, alignment: 16) { range in
        if range.lowerBound % 16 != 0 { XCTFail("range \(range) of \(count) starts off the alignment") }
        for index in range { seen[index] += 1 }
      }
      XCTAssertTrue((0..<count).allSatisfy { seen[$0] == 1 }, "every index of \(count) exactly once")
    }
  }
}
