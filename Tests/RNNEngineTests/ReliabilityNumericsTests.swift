import Foundation
import XCTest

@testable import RNNEngine

/// Numerical edge cases end in a message or in correct training, never in a trap: divergence,
/// zero-length sequences, one-unit and 1024-unit models, and a text of one repeated character.
final class ReliabilityNumericsTests: XCTestCase {
  /// SGD at lr 1000 on the adding task overflows within a few steps (the CLI's `--lr 1000` case).
  private let divergingConfig = TrainingConfig(
    task: .adding(.init(length: 20, heldOutCount: 16)), cell: .lstm, hidden: 16, optimizer: .sgd, learningRate: 1000,
    batchSize: 8, epochs: nil, stepsPerEpoch: 10, seed: 1)

  func testDivergenceKeepsTheLastGoodWeights() throws {
    let trainer = Trainer(config: divergingConfig, task: try divergingConfig.task.makeTask())
    for _ in 0..<200 {
      let before = trainer.model.parameters
      let stepBefore = trainer.step
      guard case .diverged(let reason) = trainer.trainStep() else { continue }
      XCTAssertTrue(reason.contains("nan") || reason.contains("inf"), reason)
      XCTAssertEqual(trainer.step, stepBefore, "a diverged step must not count")
      XCTAssertEqual(trainer.model.parameters.map(\.bitPattern), before.map(\.bitPattern))
      XCTAssertTrue(before.allSatisfy(\.isFinite), "the kept weights are finite")
      return
    }
    XCTFail("lr 1000 did not diverge in 200 steps")
  }

  func testLiveSessionPausesWhenTrainingDiverges() throws {
    let session = TrainingSession(config: divergingConfig, task: try divergingConfig.task.makeTask())
    session.start()
    defer { session.stop() }
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline, session.snapshot?.status.isDiverged != true { Thread.sleep(forTimeInterval: 0.01) }
    let diverged = try XCTUnwrap(session.snapshot)
    XCTAssertTrue(diverged.status.isDiverged, "status \(diverged.status) after 20 s")
    // A session still stepping would publish each diverged step; a paused one publishes each change once.
    try assertEachChangePublishedOnce(to: session, after: diverged, deadline: deadline)
    XCTAssertTrue(diverged.history.loss.allSatisfy(\.isFinite), "only good steps are in the history")
  }

  /// A paused session publishes nothing until a command changes something, so the UI can sleep.
  func testPausedSessionPublishesOnlyAfterACommand() throws {
    let config = RecordingTestSupport.recallConfig(epochs: 100)
    let session = TrainingSession(config: config, task: try config.task.makeTask(), startPaused: true)
    session.start()
    defer { session.stop() }
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline, session.snapshot == nil { Thread.sleep(forTimeInterval: 0.01) }
    try assertEachChangePublishedOnce(to: session, after: try XCTUnwrap(session.snapshot), deadline: deadline)
  }

  /// Sends a paused `session` two learning-rate changes, one at a time, and checks that each is
  /// published in exactly one snapshot after `last` (the publication count says nothing came
  /// between) with the step and status unchanged.
  private func assertEachChangePublishedOnce(
    to session: TrainingSession, after last: TrainingSnapshot, deadline: Date,
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    for (change, rate) in [Float(0.5), 0.25].enumerated() {
      session.send(.setLearningRate(rate))
      while Date() < deadline, session.snapshot?.config.learningRate != rate { Thread.sleep(forTimeInterval: 0.01) }
      let changed = try XCTUnwrap(session.snapshot, file: file, line: line)
      XCTAssertEqual(changed.config.learningRate, rate, "a change while paused is published", file: file, line: line)
      XCTAssertEqual(
        changed.publication, last.publication + change + 1, "one snapshot a change", file: file, line: line)
      XCTAssertEqual(changed.step, last.step, "still paused", file: file, line: line)
      XCTAssertEqual(changed.status, last.status, file: file, line: line)
    }
  }

  func testZeroLengthSequencesAreRefusedWithAMessage() {
    let refusals: [(String, () throws -> Any)] = [
      ("lm length 0", { try LanguageModelTask(source: .builtin(), config: .init(length: 0)) }),
      ("case min length 0", { try CaseCorrectionTask(source: .builtin(), config: .init(minLength: 0, maxLength: 5)) }),
      ("case max length 0", { try CaseCorrectionTask(source: .builtin(), config: .init(minLength: 0, maxLength: 0)) }),
      ("adding length 0", { try AddingTask(config: .init(length: 0)) }),
      ("adding length 1", { try AddingTask(config: .init(length: 1)) }),
      ("recall gap 0", { try RecallTask(config: .init(gap: 0)) }),
      ("empty lm probe", { try LanguageModelTask(source: .builtin(), config: .init(probeText: "")) }),
      ("empty case probe", { try CaseCorrectionTask(source: .builtin(), config: .init(probeText: "")) }),
      ("bptt 0", { try TrainingConfig(bptt: .truncated(steps: 0)).validate() }),
      (
        "one-byte text",
        { try LanguageModelTask(source: TextSource(name: "one", bytes: [97]), config: .init(length: 1)) }
      ),
    ]
    for (name, make) in refusals {
      XCTAssertThrowsError(try make(), name) { error in
        ReliabilityFuzzSupport.assertClear(error, name)
      }
    }
  }

  /// Sizes that would fill memory before training starts get a message instead.
  func testHugeSettingsAreRefusedWithAMessage() {
    let refusals: [(String, () throws -> Any)] = [
      ("recall gap 1e8", { try RecallTask(config: .init(gap: 100_000_000)) }),
      ("recall held-out 1e9", { try RecallTask(config: .init(heldOutCount: 1_000_000_000)) }),
      ("adding length 1e8", { try AddingTask(config: .init(length: 100_000_000)) }),
      ("lm length 1e8", { try LanguageModelTask(source: .builtin(), config: .init(length: 100_000_000)) }),
      ("case max length 1e8", { try CaseCorrectionTask(source: .builtin(), config: .init(maxLength: 100_000_000)) }),
      ("16 layers of 4096", { try TrainingConfig(hidden: 4096, layers: 16).validate() }),
      ("embedding 1e9", { try TrainingConfig(embedding: 1_000_000_000).validate() }),
    ]
    for (name, make) in refusals {
      XCTAssertThrowsError(try make(), name) { error in ReliabilityFuzzSupport.assertClear(error, name) }
    }
    // The largest documented single sizes stay allowed.
    XCTAssertNoThrow(try TrainingConfig(hidden: 4096).validate())
    XCTAssertNoThrow(try TrainingConfig(hidden: 1024, layers: 4, batchSize: 4096).validate())
    XCTAssertNoThrow(try RecallTask(config: .init(gap: TaskLimits.sequenceLength - 2, heldOutCount: 1)))
  }

  func testOneUnitModelsTrainForEveryCell() throws {
    for cell in CellType.allCases {
      let config = TrainingConfig(
        task: .recall(.init(gap: 3, heldOutCount: 8)), cell: cell, hidden: 1, batchSize: 4, epochs: 1, stepsPerEpoch: 5)
      let trainer = Trainer(config: config, task: try config.task.makeTask())
      for _ in 0..<5 {
        guard case .trained(let stats, _) = trainer.trainStep() else { return XCTFail("\(cell) H=1 diverged") }
        XCTAssertTrue(stats.loss.isFinite && stats.gradNormBeforeClip.isFinite, "\(cell)")
      }
      XCTAssertTrue(trainer.evaluateHeldOut().loss.isFinite, "\(cell)")
      XCTAssertEqual(trainer.probeTrace().topK.count, 1, "\(cell): recall predicts once, at the query")
    }
  }

  func testThousandUnitModelTakesAFiniteStep() throws {
    let config = TrainingConfig(
      task: .languageModel(.init(length: 4, heldOutLimit: 2)), cell: .gru, hidden: 1024, batchSize: 2, epochs: 1,
      stepsPerEpoch: 1)
    let trainer = Trainer(config: config, task: try config.task.makeTask())
    guard case .trained(let stats, _) = trainer.trainStep() else { return XCTFail("H=1024 diverged") }
    XCTAssertTrue(stats.loss.isFinite && stats.gradNormBeforeClip.isFinite)
    XCTAssertTrue(trainer.model.parameters.allSatisfy(\.isFinite))
  }

  /// A text of one repeated character: the model only ever sees one symbol, and must learn it.
  func testOneSymbolTextIsLearned() throws {
    let source = TextSource(name: "aaa", bytes: Array(repeating: UInt8(ascii: "a"), count: 400))
    let tasks: [TaskConfig] = [
      .languageModel(.init(length: 10, probeText: "aaaa", heldOutLimit: 4)),
      .caseCorrection(.init(minLength: 1, maxLength: 10, probeText: "aaaa", heldOutLimit: 4)),
    ]
    for taskConfig in tasks {
      let config = TrainingConfig(
        task: taskConfig, cell: .lstm, hidden: 8, learningRate: 0.05, batchSize: 4, epochs: 1, stepsPerEpoch: 40)
      let trainer = Trainer(config: config, task: try taskConfig.makeTask(text: source))
      let before = trainer.evaluateHeldOut().loss
      for _ in 0..<40 {
        guard case .trained = trainer.trainStep() else { return XCTFail("\(taskConfig.kind) diverged") }
      }
      let after = trainer.evaluateHeldOut().loss
      XCTAssertLessThan(after, before / 4, "\(taskConfig.kind): held-out loss \(before) -> \(after)")
      XCTAssertEqual(
        trainer.decodedProbe(trainer.probeTrace()).filter { $0 == "a" }.count, taskConfig.kind == .languageModel ? 3 : 4
      )
    }
  }
}
