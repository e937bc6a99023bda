import Foundation

/// What a seq2seq run's `run.json` holds: that it is an encoder–decoder run, the model's shape,
/// its vocabularies, the settings it trains with and the pairs file it reads.
///
/// The char model's `run.json` (`RunInfo`) has no `kind`; this one says `"kind": "seq2seq"`, which is
/// how every command tells the two apart.
public struct Seq2SeqRunInfo: Codable, Sendable, Equatable {
  /// The value of `kind` in a seq2seq run's `run.json`.
  public static let kindName = "seq2seq"

  /// Always `seq2seq`.
  public var kind: String
  /// The rnnscope version that recorded the run.
  public var programVersion: String
  /// When the recording started (ISO 8601).
  public var created: String
  /// The model's shape.
  public var model: Seq2SeqConfig
  /// Source and target symbols.
  public var vocabulary: Seq2SeqVocabulary
  /// Task, optimizer, schedule and seed.
  public var settings: Seq2SeqRunSettings
  /// One line describing the task and its data.
  public var task: String
  /// The pairs file (absolute path, size, hash), nil for generated tasks.
  public var pairs: TextFingerprint?

  /// The description of `trainer`'s run under `settings`.
  public init(
    trainer: Seq2SeqTrainer, settings: Seq2SeqRunSettings, programVersion: String, created: Date = Date()
  ) {
    kind = Self.kindName
    self.programVersion = programVersion
    self.created = ISO8601DateFormatter().string(from: created)
    model = trainer.model.config
    vocabulary = trainer.task.vocabulary
    self.settings = settings
    task = trainer.task.summary
    pairs = settings.pairsPath.flatMap { try? TextFingerprint(fileAt: $0) }
  }

  enum CodingKeys: String, CodingKey {
    case kind
    case programVersion = "program_version"
    case created, model, vocabulary, settings, task, pairs
  }
}
