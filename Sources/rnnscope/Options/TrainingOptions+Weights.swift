import ArgumentParser
import Foundation
import RNNEngine

extension TrainingOptions {
  /// The run's task, config and starting weights: the flags' own, or, with `weights`, the
  /// architecture and parameters of the model in that file (an rnnscope checkpoint or a PyTorch
  /// `state_dict`), on a task over `vocabulary`'s symbols when one is given.
  func taskConfigAndWeights(loading weights: String?, vocabulary: ImportVocabulary?) throws -> (
    task: any SequenceTask, config: TrainingConfig, parameters: [Float]?
  ) {
    guard let weights else { return (try makeTask(vocabulary: vocabulary), trainingConfig(defaultEpochs: nil), nil) }
    let model = try RecurrentModel.load(contentsOf: URL(fileURLWithPath: weights))
    try Self.require(vocabulary, fits: model, name: weights)
    let task = try makeTask(vocabulary: vocabulary)
    let config = try config(adopting: model, for: task, name: weights)
    try config.validateMemory()
    return (task, config, model.parameters)
  }

  /// Throws a one-line error naming both counts unless `vocabulary` (if any) has a symbol per output of `model`.
  static func require(_ vocabulary: ImportVocabulary?, fits model: RecurrentModel, name: String) throws {
    guard let vocabulary, vocabulary.count != model.config.outputs else { return }
    throw ValidationFailure(
      "\(name): the model has \(model.config.outputs) outputs but --vocab lists \(vocabulary.count) symbols")
  }

  /// The run's config with the architecture of `model` (replacing --cell, --hidden, --layers,
  /// --bidirectional and --embedding), or a one-line error when the model does not fit the task; `name` names its file.
  func config(adopting model: RecurrentModel, for task: any SequenceTask, name: String) throws -> TrainingConfig {
    let config = trainingConfig(defaultEpochs: nil).adopting(model.config)
    do {
      try config.validateSizes()  // a bidirectional model cannot be a language model
    } catch {
      throw ValidationFailure("\(name): \(error.description)")
    }
    guard config.modelConfig(for: task) == model.config else {
      throw ValidationFailure(
        "\(name): the model (\(model.config.outputs) outputs) does not fit the \(task.kind.rawValue) task")
    }
    return config
  }

  /// The task, over `vocabulary`'s symbols when one is given (a language model saved elsewhere).
  func makeTask(vocabulary: ImportVocabulary?) throws -> any SequenceTask {
    guard let vocabulary else { return try makeTask() }
    guard case .languageModel(let settings) = trainingConfig(defaultEpochs: nil).task else {
      throw ValidationFailure(VocabularyOption.needsLanguageModel)
    }
    let source = try text.map { path in try TextSource.load(path: path) }
    return try LanguageModelTask(source: source ?? .builtin(), config: settings, vocabulary: vocabulary)
  }

  /// Whether every flag was left as it was, so that nothing asks for a task or model of its own.
  var leavesDefaults: Bool {
    (try? Self.parse([]))?.trainingConfig(defaultEpochs: nil) == trainingConfig(defaultEpochs: nil)
  }
}
