import Foundation
import XCTest

@testable import RNNEngine

final class RecordingResumeTests: XCTestCase {
  private typealias Support = RecordingTestSupport

  func testResumedAdamRunIsBitIdentical() throws {
    try checkResume(Support.recallConfig(epochs: 4))
  }

  func testResumedSGDMomentumLanguageModelIsBitIdentical() throws {
    try checkResume(Support.languageModelConfig(epochs: 4))
  }

  /// 4 epochs straight vs 2 epochs, one step of epoch 3 (then "killed"), and a resume for 2 more.
  private func checkResume(_ config: TrainingConfig) throws {
    let straight = try Support.trainer(config)
    let steps = straight.stepsPerEpoch
    let straightLosses = try Support.train(straight, steps: 4 * steps, recorder: nil)

    let directory = Support.runDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
      let first = try Support.trainer(config)
      let recorder = try RunRecorder(directory: directory, trainer: first, programVersion: "1")
      try Support.train(first, steps: 2 * steps + 1, recorder: recorder)
    }
    let interrupted = try RunDirectory(directory)
    XCTAssertEqual(interrupted.epochs.map(\.number), [1, 2])
    XCTAssertEqual(interrupted.metrics.count, 2 * steps + 1, "the unfinished epoch's row was appended")

    let resumed = try interrupted.resumeTrainer()
    XCTAssertEqual(resumed.step, 2 * steps)
    XCTAssertEqual(resumed.config, config)
    let recorder = try RunRecorder(continuing: interrupted, trainer: resumed, programVersion: "1")
    let resumedLosses = try Support.train(resumed, steps: 2 * steps, recorder: recorder)

    XCTAssertEqual(Support.bits(resumed.model.parameters), Support.bits(straight.model.parameters))
    XCTAssertEqual(Support.bits(resumedLosses), Support.bits(Array(straightLosses[(2 * steps)...])))
    let run = try RunDirectory(directory)
    XCTAssertEqual(run.notes, [])
    XCTAssertEqual(run.epochs.map(\.number), [1, 2, 3, 4])
    XCTAssertEqual(run.metrics.map(\.step), Array(1...(4 * steps)), "the interrupted epoch's row was replaced")
    XCTAssertEqual(Support.bits(run.metrics.map(\.loss)), Support.bits(straightLosses))
    XCTAssertEqual(run.epochRecords.map(\.epoch), [1, 2, 3, 4])
  }

  func testResumeCanExtendTheRun() throws {
    let directory = Support.runDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let trainer = try Support.trainer(Support.recallConfig(epochs: 1))
    try Support.train(
      trainer, steps: 4, recorder: try RunRecorder(directory: directory, trainer: trainer, programVersion: "1"))
    let resumed = try RunDirectory(directory).resumeTrainer(epochs: 3)
    XCTAssertEqual(resumed.config.epochs, 3)
    XCTAssertFalse(resumed.isFinished)
    XCTAssertEqual(resumed.epoch, 2)
  }
}
