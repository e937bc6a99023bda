/// One encoder–decoder of the bottleneck experiment, trained step by step, with its held-out
/// accuracy by source length computed again as it trains.
///
/// Not thread-safe: one thread at a time drives it (the run drives different panes on different
/// threads, never one pane on two).
final class AttentionLabPane: @unchecked Sendable {
  let spec: AttentionLabPaneSpec
  private let trainer: Seq2SeqTrainer
  private let task: Seq2SeqTask
  private let settings: AttentionLabSettings
  private(set) var status = LabPaneStatus.training
  private(set) var loss: [Float] = []
  private(set) var evaluations: [AttentionLabEvaluation] = []

  /// A fresh pane: weights and batches from `settings.seed`, the same batches in every pane.
  init(spec: AttentionLabPaneSpec, task: Seq2SeqTask, settings: AttentionLabSettings) {
    self.spec = spec
    self.task = task
    self.settings = settings
    let config = Seq2SeqConfig(
      cell: settings.cell, sourceVocabulary: task.vocabulary.sourceSize, targetVocabulary: task.vocabulary.targetSize,
      embedding: settings.embedding, hidden: settings.hidden, bidirectional: spec.bidirectional,
      attention: spec.attention)
    trainer = Seq2SeqTrainer(
      model: Seq2SeqModel(config: config, seed: settings.seed), task: task,
      optimizer: Adam(learningRate: settings.learningRate), clip: settings.clip, batchSize: settings.batchSize,
      seed: settings.seed)
    measure()
  }

  /// The model being trained.
  var model: Seq2SeqModel { trainer.model }

  /// One training step, then the measurement if it is due; does nothing once the pane has stopped.
  func advance() {
    guard status.isTraining else { return }
    let result = trainer.trainStep()
    guard result.loss.isFinite, result.gradientNorm.isFinite else {
      status = .diverged(atStep: trainer.step + 1, reason: "loss \(result.loss), gradient norm \(result.gradientNorm)")
      return
    }
    loss.append(Float(result.loss))
    if trainer.step % settings.recordEvery == 0 || trainer.step >= settings.steps { measure() }
    if trainer.step >= settings.steps { status = .finished }
  }

  /// The pane as the CSV writer and the views see it.
  var snapshot: AttentionLabPaneSnapshot {
    AttentionLabPaneSnapshot(
      spec: spec, step: trainer.step, stepBudget: settings.steps, status: status, loss: loss, evaluations: evaluations)
  }

  /// Greedy decoding of the held-out set now, scored by source length.
  private func measure() {
    guard evaluations.last?.step != trainer.step else { return }
    // The held-out pairs are drawn from the task's own vocabulary, so encoding them cannot fail.
    let metrics = try! Seq2SeqMetrics.evaluate(trainer.model, pairs: task.heldOut, vocabulary: task.vocabulary)
    evaluations.append(AttentionLabEvaluation(step: trainer.step, metrics: metrics))
  }
}

/// The held-out score of a pane after some step.
public struct AttentionLabEvaluation: Sendable, Equatable {
  /// Optimizer steps taken (0: at initialisation).
  public var step: Int
  /// Exact-sequence and per-token accuracy, and exact accuracy by source length (buckets of 5).
  public var metrics: Seq2SeqMetrics

  /// Exact accuracy of the bucket whose longest source length is `length` (5, 10, …), or nil if it had no pairs.
  public func accuracy(upTo length: Int) -> Double? {
    guard let bucket = metrics.byLength.first(where: { $0.lengths.upperBound == length }), bucket.count > 0 else {
      return nil
    }
    return Double(bucket.exact) / Double(bucket.count)
  }
}

/// An immutable picture of one pane of the bottleneck experiment.
public struct AttentionLabPaneSnapshot: Sendable {
  /// What the pane trains.
  public var spec: AttentionLabPaneSpec
  /// Optimizer steps taken, and in all.
  public var step: Int, stepBudget: Int
  /// Training, diverged or finished.
  public var status: LabPaneStatus
  /// Training loss of each step (index i is step i + 1).
  public var loss: [Float]
  /// Held-out scores at step 0 and every `recordEvery` steps, oldest first.
  public var evaluations: [AttentionLabEvaluation]

  /// The pane's label.
  public var name: String { spec.name }
}
