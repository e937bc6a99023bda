import ArgumentParser
import RNNEngine

/// The flags `replay` uses: the task a model saved from PyTorch is shown on, and its symbols.
struct ReplayTaskOptions: ParsableArguments {
  @OptionGroup var taskOptions: TaskOptions

  @OptionGroup var vocabulary: VocabularyOption

  func validate() throws {
    try vocabulary.requireLanguageModel(taskOptions.task)
  }

  /// The training flags these stand for, the others at their defaults.
  func trainingOptions() throws -> TrainingOptions {
    var options = try TrainingOptions.parse([])
    options.taskOptions = taskOptions
    try options.validate()
    return options
  }
}
