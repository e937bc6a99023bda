/// A source of training data for the engine: the trainer asks it for batches and probes, nothing more.
///
/// Tasks are value types fixed at construction (configs are validated by their initialisers), so every
/// method is pure: the same `SeededRandom` state gives the same batch, and held-out batches and the probe
/// never change during a run.
public protocol SequenceTask: Sendable {
  /// Which task this is.
  var kind: TaskKind { get }
  /// The validated settings the task was built from; saving them reproduces the task.
  var config: TaskConfig { get }
  /// One line describing the task and its data, for headers and logs.
  var summary: String { get }
  /// How inputs are encoded (token vocabulary or dense feature count).
  var input: TaskInput { get }
  /// Size of the output head: classes for classification, values for regression.
  var outputs: Int { get }
  /// What the output head is scored against.
  var target: TaskTarget { get }

  /// A fresh random batch of `size` sequences drawn with `rng`.
  func trainingBatch(size: Int, rng: inout SeededRandom) -> Batch
  /// The fixed held-out set, cut into batches of at most `size` sequences; the same on every call.
  func heldOutBatches(size: Int) -> [Batch]
  /// The fixed sequence the UI runs after each evaluation to show what the model predicts.
  var probe: TaskProbe { get }

  /// A short readable name for input symbol `id` (token tasks), e.g. `a`, `\n`, `NUL`, `p3`, `?`.
  func symbolName(_ id: Int) -> String
  /// A short readable name for output class `classId`, e.g. the predicted character.
  func outputName(_ classId: Int) -> String
  /// A short readable description of one input step of `batch`.
  func inputLabel(of batch: Batch, sequence: Int, step: Int) -> String
  /// Predicted classes as one readable string (text for text tasks, names joined by spaces otherwise).
  func decode(classIds: [Int]) -> String
}

extension SequenceTask {
  /// True when the head is trained with mean squared error instead of cross-entropy.
  public var headIsRegression: Bool { target == .regression }

  /// Token tasks label a step by its symbol's name.
  public func inputLabel(of batch: Batch, sequence: Int, step: Int) -> String {
    symbolName(Int(batch.tokens[sequence * batch.length + step]))
  }

  /// Non-text tasks show predicted classes as names separated by spaces.
  public func decode(classIds: [Int]) -> String {
    classIds.map(outputName).joined(separator: " ")
  }
}
