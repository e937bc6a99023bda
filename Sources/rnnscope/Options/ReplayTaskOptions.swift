import ArgumentParser
import RNNEngine

/// The flags `replay` uses: the task a model saved from PyTorch is shown on, and its symbols.
struct ReplayTaskOptions: ParsableArguments {
  @OptionGroup var taskOptions: TaskOptions

  @Option(
    help:
      "case/lm: the probe sentence the views show (for case, give it correctly cased); default: the lecture's, or with --text the first sentence of the held-out tail."
  )
  var probe: String?

  @Option(help: "recall: distractor symbols between the payload and the query (default: 20).")
  var gap: Int?

  @Option(help: "lm: sequence length; adding: number of steps.")
  var length: Int?

  @OptionGroup var vocabulary: VocabularyOption

  func validate() throws {
    try vocabulary.requireLanguageModel(taskOptions.task)
  }

  /// The training flags these stand for, the others at their defaults.
  func trainingOptions() throws -> TrainingOptions {
    var options = try TrainingOptions.parse([])
    options.taskOptions = taskOptions
    options.probe = probe
    options.gap = gap
    options.length = length
    try options.validate()
    return options
  }
}
