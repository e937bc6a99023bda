import Foundation
import XCTest

@testable import RNNEngine

/// Small recorded runs shared by the recording tests.
enum RecordingTestSupport {
  /// LSTM H=8 on recall: 4 steps per epoch, Adam, a seed with the top bit set (JSON must keep all 64 bits).
  static func recallConfig(epochs: Int) -> TrainingConfig {
    TrainingConfig(
      task: .recall(RecallTask.Config(gap: 5, heldOutCount: 64)), cell: .lstm, hidden: 8, learningRate: 3e-3,
      clip: 0.5, batchSize: 8, epochs: epochs, stepsPerEpoch: 4, seed: 0xF00D_FACE_1234_5678)
  }

  /// GRU with an embedding on next-byte prediction over the built-in corpus, SGD with momentum.
  static func languageModelConfig(epochs: Int) -> TrainingConfig {
    TrainingConfig(
      task: .languageModel(LanguageModelTask.Config(length: 12, heldOutLimit: 16)), cell: .gru, hidden: 8,
      embedding: 4, optimizer: .sgd, learningRate: 0.05, momentum: 0.9, batchSize: 4, epochs: epochs,
      stepsPerEpoch: 3, seed: 5)
  }

  /// A trainer for `config`, its task built the way `RunDirectory.resumeTrainer` builds it.
  static func trainer(_ config: TrainingConfig) throws -> Trainer {
    Trainer(config: config, task: try config.task.makeTask())
  }

  /// Takes `steps` steps, recording them (and finished epochs) when a recorder is given; returns each step's loss.
  @discardableResult
  static func train(_ trainer: Trainer, steps: Int, recorder: RunRecorder?) throws -> [Float] {
    var log = TrainingLog()
    var losses: [Float] = []
    for _ in 0..<steps {
      guard case .trained(let stats, let tokens) = trainer.trainStep() else {
        XCTFail("training diverged")
        return losses
      }
      losses.append(stats.loss)
      try recorder?.recordStep(stats, tokens: tokens, of: trainer)
      if let summary = log.record(stats, tokens: tokens, of: trainer) {
        try recorder?.finishEpoch(summary, of: trainer)
      }
    }
    return losses
  }

  /// A fresh directory path (not created) under the temporary directory.
  static func runDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("rnnscope-run-\(UUID().uuidString)")
  }

  /// Bit patterns, so equality means bit-identical (and NaN equals NaN).
  static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }
}
