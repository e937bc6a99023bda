import Foundation
import XCTest

@testable import RNNEngine

/// The recording shipped in Samples/ must open and replay, as the README promises.
final class RecordingSampleTests: XCTestCase {
  private let sample = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Samples/case-lstm-demo")

  func testShippedDemoRecordingOpensWithEveryEpochAndReplaysTheLast() throws {
    let run = try RunDirectory(sample)
    XCTAssertEqual(run.epochs.map(\.number), [1, 2, 3, 4])
    XCTAssertEqual(run.notes, [])
    XCTAssertEqual(run.metrics.count, 4 * 250)
    let task = try run.task()
    let snapshot = try run.replaySnapshot(epoch: 4, task: task)
    XCTAssertEqual(snapshot.epochs.count, 4)
    XCTAssertEqual(snapshot.history.loss.count, 1000)
    XCTAssertTrue(
      snapshot.probeOutput.contains("\"It may be so"), "the last epoch restores the capital: \(snapshot.probeOutput)")
    let first = try run.replaySnapshot(epoch: 1, task: task)
    XCTAssertFalse(first.probeOutput.contains("\"It may be so"), "the first epoch has not learnt it yet")
  }

  func testShippedDemoRecordingStaysUnderTwoMegabytes() throws {
    let files = try FileManager.default.contentsOfDirectory(at: sample, includingPropertiesForKeys: [.fileSizeKey])
    let bytes = try files.reduce(0) { $0 + (try $1.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) }
    XCTAssertLessThan(bytes, 2_000_000)
  }
}
