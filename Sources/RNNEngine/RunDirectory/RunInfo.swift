import Foundation

/// What `run.json` holds: everything needed to know, and redo, a recorded run.
public struct RunInfo: Codable, Sendable, Equatable {
  /// The rnnscope version that recorded the run.
  public var programVersion: String
  /// When the recording started (ISO 8601).
  public var created: String
  /// The full training config (task, model, optimizer, schedule, seed).
  public var config: TrainingConfig
  /// The seed, repeated for readers who only want that.
  public var seed: UInt64
  /// The input symbols: `bytes` for text tasks, otherwise the task's own symbols or features.
  public var vocabulary: String
  /// One line describing the task and its data.
  public var task: String
  /// Optimizer steps per epoch.
  public var stepsPerEpoch: Int
  /// The model architecture.
  public var model: ModelConfig
  /// The text file the run reads (absolute path, size, hash), nil for the built-in corpus and
  /// synthetic tasks, or when the file could not be read again (and in recordings before it existed).
  public var text: TextFingerprint?

  /// The description of `trainer`'s run.
  public init(trainer: Trainer, programVersion: String, created: Date = Date()) {
    self.programVersion = programVersion
    self.created = ISO8601DateFormatter().string(from: created)
    self.config = trainer.config
    self.seed = trainer.config.seed
    self.vocabulary = Self.vocabulary(of: trainer.task)
    self.task = trainer.task.summary
    self.stepsPerEpoch = trainer.stepsPerEpoch
    self.model = trainer.model.config
    self.text = trainer.config.textPath.flatMap { try? TextFingerprint(fileAt: $0) }
  }

  enum CodingKeys: String, CodingKey {
    case programVersion = "program_version"
    case created, config, seed, vocabulary, task
    case stepsPerEpoch = "steps_per_epoch"
    case model, text
  }

  private static func vocabulary(of task: any SequenceTask) -> String {
    switch task.input {
    case .tokens where task.kind.readsText: "bytes"
    case .tokens(let vocabulary): "\(vocabulary) task symbols"
    case .dense(let features): "\(features) real-valued features"
    }
  }
}
