/// One fixed sequence the UI feeds the model to show its predictions step by step.
public struct TaskProbe: Sendable, Equatable {
  /// The probe as a batch of one sequence, with its targets.
  public var batch: Batch
  /// A readable label per input step, `(T)`.
  public var inputLabels: [String]
  /// A readable label per target: `(T)` for every-step targets, one entry otherwise.
  public var targetLabels: [String]
  /// The whole input as one line (the lowercased sentence, the symbol list, ...).
  public var inputText: String
  /// The whole expected output as one line (the cased sentence, the answer, ...).
  public var targetText: String

  /// A probe whose labels are given explicitly.
  public init(batch: Batch, inputLabels: [String], targetLabels: [String], inputText: String, targetText: String) {
    precondition(batch.batchSize == 1, "a probe is a single sequence")
    self.batch = batch
    self.inputLabels = inputLabels
    self.targetLabels = targetLabels
    self.inputText = inputText
    self.targetText = targetText
  }
}
