import Foundation
import XCTest

@testable import RNNEngine

/// A recording's checkpoints fit a disk budget, and a session that never trains records nothing.
final class RecordingBudgetTests: XCTestCase {
  private typealias Support = RecordingTestSupport

  func testCheckpointsFitTheBudgetHoweverLongTheRunGoes() {
    let megabyte = 1 << 20
    // The demo's LSTM-32 checkpoint (0.4 MB): 50 kept in full, about 100 at most, under 40 MB.
    let demo = CheckpointRetention(budgetBytes: 40 * megabyte, checkpointBytes: 403_200)
    XCTAssertEqual(demo.keepAll, 52)
    for latest in [100, 1_000, 100_000] {
      let kept = (1...latest).filter { demo.keeps(epoch: $0, latest: latest) }.count
      XCTAssertLessThanOrEqual(kept * 403_200, 40 * megabyte, "after \(latest) epochs")
    }
    XCTAssertEqual(CheckpointRetention(budgetBytes: 40 * megabyte, checkpointBytes: 20 * megabyte).keepAll, 10)
    XCTAssertEqual(CheckpointRetention(budgetBytes: 40 * megabyte, checkpointBytes: 1_000).keepAll, 100)
  }

  func testRecorderFitsItsRetentionToItsFirstCheckpoint() throws {
    // LSTM-128 with Adam's moments: a checkpoint of about 1 MB, so the budget keeps fewer than 100.
    let trainer = try Support.trainer(
      TrainingConfig(
        task: .recall(RecallTask.Config(gap: 5, heldOutCount: 16)), cell: .lstm, hidden: 128, batchSize: 4, epochs: 2,
        stepsPerEpoch: 1))
    let directory = Support.runDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let recorder = try RunRecorder(directory: directory, trainer: trainer, programVersion: "1")
    _ = try Support.train(trainer, steps: trainer.stepsPerEpoch, recorder: recorder)
    let size = try XCTUnwrap(
      try directory.appendingPathComponent(RunFiles.checkpoint(epoch: 1)).resourceValues(forKeys: [.fileSizeKey])
        .fileSize)
    XCTAssertLessThan(recorder.retention.keepAll, 100)
    XCTAssertEqual(
      recorder.retention,
      CheckpointRetention(budgetBytes: CheckpointRetention.defaultBudgetBytes, checkpointBytes: size))
  }

  func testASessionThatNeverTrainsLeavesNoRunFolder() throws {
    let config = Support.recallConfig(epochs: 1)
    let directory = Support.runDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let session = TrainingSession(
      config: config, task: try config.task.makeTask(), startPaused: true,
      recording: RecordingTarget(directory: directory, programVersion: "1"))
    session.start()
    XCTAssertNotNil(
      SessionTestSupport.waitForSnapshot(of: session) { _ in true }, "the paused session published its model")
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path), "nothing trained, nothing recorded")
    session.send(.singleStep)
    XCTAssertNotNil(SessionTestSupport.waitForSnapshot(of: session) { $0.step == 1 })
    session.stop()
    XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent(RunFiles.info).path))
  }
}
