import ArgumentParser
import RNNEngine

/// The flags `replay` uses: the task a model saved from PyTorch is shown on, and its symbols.
struct ReplayTaskOptions: ParsableArguments {
  @Option(help: "Task: case (case correction), lm (next character), recall (long-range memory), adding.")
  var task: TaskKind = .caseCorrection

  @Option(help: "Text file for case and lm (UTF-8 or ASCII). Default: the built-in corpus.")
  var text: String?

  @Option(help: "case/lm: the probe sentence the views show (for case, give it correctly cased).")
  var probe: String?

  @Option(help: "recall: distractor symbols between the payload and the query (default: 20).")
  var gap: Int?

  @Option(help: "lm: sequence length; adding: number of steps.")
  var length: Int?

  @OptionGroup var vocabulary: VocabularyOption

  func validate() throws {
    try vocabulary.requireLanguageModel(task)
  }

  /// The training flags these stand for, the others at their defaults.
  func trainingOptions() throws -> TrainingOptions {
    var options = try TrainingOptions.parse([])
    options.task = task
    options.text = text
    options.probe = probe
    options.gap = gap
    options.length = length
    try options.validate()
    return options
  }
}
