import Foundation
import XCTest

@testable import RNNEngine

/// The live encoder–decoder session: it trains exactly as the trainer alone, scores the held-out
/// set and translates the probe after every epoch, obeys the UI's commands, and stops on divergence.
final class Seq2SeqSessionTests: XCTestCase {
  private let task = Seq2SeqTask.generated(.reverse, lengths: 2...12, heldOutCount: 60, seed: 3)

  private func trainer(seed: UInt64 = 3) -> Seq2SeqTrainer {
    let config = Seq2SeqConfig(
      cell: .gru, sourceVocabulary: task.vocabulary.sourceSize, targetVocabulary: task.vocabulary.targetSize,
      embedding: 6, hidden: 12, attention: .dot)
    return Seq2SeqTrainer(
      model: Seq2SeqModel(config: config, seed: seed), task: task, optimizer: Adam(learningRate: 1e-2), clip: 1,
      batchSize: 8, seed: seed)
  }

  /// The latest snapshot once `condition` holds, or nil after `seconds`.
  private func waitForSnapshot(
    of session: Seq2SeqSession, seconds: Double = 60, until condition: (Seq2SeqSessionSnapshot) -> Bool
  ) -> Seq2SeqSessionSnapshot? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let snapshot = session.snapshot, condition(snapshot) { return snapshot }
      Thread.sleep(forTimeInterval: 0.005)
    }
    return nil
  }

  func testSessionTrainsLikeTheTrainerAloneAndScoresEveryEpoch() throws {
    let live = trainer()
    let session = Seq2SeqSession(trainer: live, stepsPerEpoch: 7, epochs: 3)
    session.start()
    defer { session.stop() }
    let last = try XCTUnwrap(waitForSnapshot(of: session) { $0.status == .finished })
    XCTAssertEqual(last.step, 21)
    XCTAssertEqual(last.epochs.map(\.epoch), [1, 2, 3])
    XCTAssertEqual(last.epochs.map(\.step), [7, 14, 21])
    XCTAssertEqual(last.epoch, 3, "at the end, the epoch just finished")
    XCTAssertEqual(last.stepInEpoch, 7)
    XCTAssertEqual(last.history.stepCount, 21)

    // The same seed, headless: the same weights, so the session adds nothing to training.
    let alone = trainer()
    var losses: [Float] = []
    for _ in 0..<21 { losses.append(Float(alone.trainStep().loss)) }
    XCTAssertEqual(live.model.parameters, alone.model.parameters)
    XCTAssertEqual(last.history.loss, losses, "one point a step, each the step's loss")

    // The last epoch's row: the held-out set decoded and scored, the probe translated, with these weights.
    let metrics = try Seq2SeqMetrics.evaluate(alone.model, pairs: task.heldOut, vocabulary: task.vocabulary)
    XCTAssertEqual(last.epochs[2].metrics, metrics)
    XCTAssertEqual(last.epochs[2].metrics.byLength.map(\.count).reduce(0, +), 60, "every held-out pair in a bucket")
    let probe = try task.vocabulary.encodeSource(task.probe)
    let output = task.vocabulary.decodeTarget(
      alone.model.greedyDecode([probe], maxLength: Seq2SeqModel.maximumOutputLength(sourceLength: probe.count))[0]
        .tokens)
    XCTAssertEqual(last.epochs[2].probeOutput, output)
    XCTAssertEqual(last.probeOutput, output, "the probe on screen is decoded with the weights of the snapshot")
    XCTAssertEqual(
      last.probe, alone.model.probe(probe, maxLength: Seq2SeqModel.maximumOutputLength(sourceLength: probe.count)))
    XCTAssertEqual(last.probePair, Seq2SeqPair(source: "rnnscope", target: "epocsnnr"))
  }

  func testCommandsPauseStepAndChangeTheLearningRateAndClipping() throws {
    let live = trainer()
    let session = Seq2SeqSession(trainer: live, stepsPerEpoch: 50, startPaused: true)
    session.start()
    defer { session.stop() }
    XCTAssertNotNil(waitForSnapshot(of: session) { $0.status == .paused && $0.step == 0 })
    session.send(.singleStep)
    XCTAssertNotNil(waitForSnapshot(of: session) { $0.step == 1 && $0.status == .paused }, "one step, still paused")
    session.send(.setLearningRate(0.5))
    session.send(.setClip(nil))
    session.send(.setSpeedLimit(5))
    let changed = try XCTUnwrap(waitForSnapshot(of: session) { $0.learningRate == 0.5 })
    XCTAssertNil(changed.clip)
    XCTAssertEqual(changed.speedLimit, 5)
    XCTAssertEqual(changed.step, 1, "commands alone take no step")
    XCTAssertEqual(live.optimizer.learningRate, 0.5, "the trainer's optimizer got the new rate")
  }

  func testLecturePausesAtEveryEpochEnd() throws {
    let session = Seq2SeqSession(trainer: trainer(), stepsPerEpoch: 4, pausesAtEpochEnd: true)
    session.start()
    defer { session.stop() }
    let first = try XCTUnwrap(waitForSnapshot(of: session) { $0.status == .paused && !$0.epochs.isEmpty })
    XCTAssertEqual(first.step, 4)
    XCTAssertTrue(first.pausesAtEpochEnd)
  }

  func testNonFiniteStepLeavesTheWeightsAndTheStepCountAsTheyWere() {
    let broken = trainer()
    // Logits of ±3e38 overflow the loss to infinity.
    let bias = broken.model.parameter(named: "output.bias")!
    broken.model.setParameter(named: "output.bias", to: bias.indices.map { $0 % 2 == 0 ? 3e38 : -3e38 })
    let before = broken.model.parameters
    let result = broken.trainStep()
    XCTAssertFalse(result.loss.isFinite && result.gradientNorm.isFinite)
    XCTAssertEqual(broken.step, 0)
    XCTAssertEqual(broken.model.parameters, before)
  }

  func testProbePairIsTheHeldOutPairOrWhatTheTaskExpects() {
    XCTAssertEqual(
      Seq2SeqTask.generated(.dates, heldOutCount: 5).probePair,
      Seq2SeqPair(source: "Thursday, May 3, 1979", target: "1979-05-03"))
    let pairs = (0..<20).map { Seq2SeqPair(source: "w\($0)", target: "W\($0)") }
    let task = Seq2SeqTask.pairs(pairs)
    XCTAssertEqual(task.probePair.target, "W" + task.probe.dropFirst())
  }
}
