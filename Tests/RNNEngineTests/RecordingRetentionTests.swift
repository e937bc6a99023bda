import Foundation
import XCTest

@testable import RNNEngine

/// Long recordings keep a thinned set of checkpoints and stay replayable and resumable.
final class RecordingRetentionTests: XCTestCase {
  private typealias Support = RecordingTestSupport

  func testRetentionKeepsTheFirstEpochsThenEverWiderSpacingAndTheLatest() {
    let retention = CheckpointRetention(keepAll: 4)
    let kept = { (latest: Int) in (1...latest).filter { retention.keeps(epoch: $0, latest: latest) } }
    XCTAssertEqual(kept(4), [1, 2, 3, 4])
    XCTAssertEqual(kept(8), [1, 2, 3, 4, 5, 6, 7, 8])
    XCTAssertEqual(kept(9), [1, 2, 3, 4, 6, 8, 9], "past 2 × keepAll the spacing doubles")
    XCTAssertEqual(kept(21), [1, 2, 3, 4, 8, 12, 16, 20, 21])
    for latest in 1...1_000 {
      XCTAssertLessThanOrEqual(kept(latest).count, 2 * 4 + 1, "latest \(latest)")
    }
    // What a later epoch keeps was kept before: thinning only ever deletes.
    for latest in 2...300 {
      let now = Set(kept(latest)).subtracting([latest])
      XCTAssertTrue(now.isSubset(of: kept(latest - 1)), "latest \(latest)")
    }
  }

  func testLongRecordingThinsItsCheckpointsAndStillResumes() throws {
    let config = Support.recallConfig(epochs: 30)
    let trainer = try Support.trainer(config)
    let directory = Support.runDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let retention = CheckpointRetention(keepAll: 3)
    let recorder = try RunRecorder(directory: directory, trainer: trainer, programVersion: "1", retention: retention)
    try Support.train(trainer, steps: 20 * 4, recorder: recorder)

    let run = try RunDirectory(directory)
    XCTAssertEqual(run.notes, [])
    XCTAssertEqual(run.epochs.map(\.number), (1...20).filter { retention.keeps(epoch: $0, latest: 20) })
    XCTAssertEqual(run.epochs.map(\.number), [1, 2, 3, 8, 16, 20])
    XCTAssertEqual(run.epochRecords.map(\.epoch), Array(1...20), "every epoch's summary stays")

    let resumed = try run.resumeTrainer()
    let continued = try RunRecorder(continuing: run, trainer: resumed, programVersion: "1", retention: retention)
    try Support.train(resumed, steps: 4 * 4, recorder: continued)
    XCTAssertEqual(try RunDirectory(directory).epochs.map(\.number), [1, 2, 3, 8, 16, 24])
  }
}
