import Foundation
import XCTest

@testable import RNNEngine
@testable import Scope

/// Snapshots of encoder–decoder sessions for the view tests: a small model trained for a few
/// epochs by the real session, and the bottleneck lab after a few steps, both from fixed seeds.
enum Seq2SeqFixture {
  /// A GRU-16 with dot attention after three epochs of 40 steps on reverse (lengths 5–12): the
  /// session's last snapshot, its throughput zeroed so the screens do not depend on the machine.
  static func snapshot(attention: AttentionKind = .dot) throws -> Seq2SeqSessionSnapshot {
    if let trained = trained[attention] { return trained }
    let snapshot = try train(attention: attention)
    trained[attention] = snapshot
    return snapshot
  }

  /// The snapshots trained so far (the tests run one at a time, so each trains once).
  nonisolated(unsafe) private static var trained: [AttentionKind: Seq2SeqSessionSnapshot] = [:]

  private static func train(attention: AttentionKind) throws -> Seq2SeqSessionSnapshot {
    let task = Seq2SeqTask.generated(.reverse, lengths: 5...12, heldOutCount: 100, seed: 1)
    let config = Seq2SeqConfig(
      cell: .gru, sourceVocabulary: task.vocabulary.sourceSize, targetVocabulary: task.vocabulary.targetSize,
      embedding: 8, hidden: 16, attention: attention)
    let trainer = Seq2SeqTrainer(
      model: Seq2SeqModel(config: config, seed: 1), task: task, optimizer: Adam(learningRate: 1e-2), clip: 1,
      batchSize: 16, seed: 1)
    let session = Seq2SeqSession(trainer: trainer, stepsPerEpoch: 40, epochs: 3)
    session.send(.watchConnectivity(true))  // as the Attention view's `g` asks
    session.start()
    defer { session.stop() }
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
      if var snapshot = session.snapshot, snapshot.status == .finished {
        snapshot.tokensPerSecond = 0
        return snapshot
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
    throw XCTSkip("the fixture session did not finish within two minutes")
  }

  /// The bottleneck lab's four panes after 20 steps each (measured at 0, 10 and 20).
  static func attentionLab() -> AttentionLabSnapshot {
    let settings = AttentionLabSettings(
      lengths: 1...15, hidden: 8, embedding: 4, batchSize: 8, learningRate: 1e-2, steps: 40, recordEvery: 10,
      heldOut: 60)
    let run = AttentionLabRun(settings: settings)
    run.advance(steps: 20)
    return run.snapshot()
  }
}
