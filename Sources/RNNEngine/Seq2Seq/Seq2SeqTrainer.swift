/// Trains a `Seq2SeqModel` on a task: seeded batches, teacher forcing, clipping, the shared optimisers.
public final class Seq2SeqTrainer: @unchecked Sendable {
  /// The model being trained.
  public let model: Seq2SeqModel
  /// Where the batches come from.
  public let task: Seq2SeqTask
  /// The update rule (Adam or SGD).
  public var optimizer: any Optimizer
  /// Global gradient-norm limit, or nil.
  public var clip: Float?
  /// Pairs per step.
  public let batchSize: Int
  /// Steps taken.
  public internal(set) var step = 0
  /// The batch stream.
  var random: SeededRandom

  /// A trainer drawing batches from `task` with `seed`.
  public init(
    model: Seq2SeqModel, task: Seq2SeqTask, optimizer: any Optimizer, clip: Float?, batchSize: Int, seed: UInt64
  ) {
    self.model = model
    self.task = task
    self.optimizer = optimizer
    self.clip = clip
    self.batchSize = batchSize
    random = SeededRandom(seed: seed)
  }

  /// What one step did.
  public struct StepResult: Sendable {
    /// Mean cross-entropy per target symbol before the update.
    public var loss: Double
    /// Target symbols trained on (non-padding positions).
    public var tokens: Int
    /// Gradient norm before clipping.
    public var gradientNorm: Float
  }

  /// One batch: forward, backward, clip, update. A step whose loss or gradient norm is not finite
  /// leaves the weights (and the step count) as they were, so a diverging run keeps its last good weights.
  @discardableResult
  public func trainStep() -> StepResult {
    let batch = task.batch(size: batchSize, &random)
    let record = model.forward(batch)
    model.backward(record)
    let norm = clip.map { model.clipGradients(maxNorm: $0).norm } ?? model.gradientNorm
    guard record.loss.isFinite, norm.isFinite else {
      return StepResult(loss: record.loss, tokens: record.tokenCount, gradientNorm: norm)
    }
    optimizer.update(&model.parameters, gradients: model.gradients)
    step += 1
    return StepResult(loss: record.loss, tokens: record.tokenCount, gradientNorm: norm)
  }
}
