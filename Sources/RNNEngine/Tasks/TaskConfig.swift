/// Which task to build and its settings; saving it in a checkpoint rebuilds the same task.
public enum TaskConfig: Sendable, Equatable, Codable {
  /// Case correction over a text.
  case caseCorrection(CaseCorrectionTask.Config)
  /// Next-byte prediction over a text.
  case languageModel(LanguageModelTask.Config)
  /// Symbol recall across a gap.
  case recall(RecallTask.Config)
  /// The adding problem.
  case adding(AddingTask.Config)

  /// The default settings of `kind`.
  public static func defaults(for kind: TaskKind) -> TaskConfig {
    switch kind {
    case .caseCorrection: return .caseCorrection(CaseCorrectionTask.Config())
    case .languageModel: return .languageModel(LanguageModelTask.Config())
    case .recall: return .recall(RecallTask.Config())
    case .adding: return .adding(AddingTask.Config())
    }
  }

  /// Which task these settings are for.
  public var kind: TaskKind {
    switch self {
    case .caseCorrection: return .caseCorrection
    case .languageModel: return .languageModel
    case .recall: return .recall
    case .adding: return .adding
    }
  }

  /// Whether the task reads a text (`--text FILE` or the built-in corpus).
  public var usesText: Bool { kind.readsText }

  /// Builds and validates the task; text tasks read `text`, or the built-in corpus when it is nil.
  public func makeTask(text: TextSource? = nil) throws(TaskError) -> any SequenceTask {
    switch self {
    case .caseCorrection(let config): return try CaseCorrectionTask(source: text ?? .builtin(), config: config)
    case .languageModel(let config): return try LanguageModelTask(source: text ?? .builtin(), config: config)
    case .recall(let config): return try RecallTask(config: config)
    case .adding(let config): return try AddingTask(config: config)
    }
  }
}
