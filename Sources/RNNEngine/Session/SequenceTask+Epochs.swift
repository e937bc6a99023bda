extension SequenceTask {
  /// Steps in one pass over the training text for text tasks; 100 fresh batches for synthetic ones.
  public func defaultStepsPerEpoch(batchSize: Int) -> Int {
    let sequencesPerPass: Int
    switch config {
    case .caseCorrection(let settings):
      let meanLength = max(1, (settings.minLength + settings.maxLength) / 2)
      sequencesPerPass = trainingByteCount / meanLength
    case .languageModel(let settings):
      sequencesPerPass = trainingByteCount / max(1, settings.length)
    case .recall, .adding:
      return 100
    }
    return max(1, sequencesPerPass / max(1, batchSize))
  }

  private var trainingByteCount: Int {
    switch self {
    case let task as CaseCorrectionTask: task.source.trainingBytes.count
    case let task as LanguageModelTask: task.source.trainingBytes.count
    default: 0
    }
  }
}
