/// How gradients flow back in time during training.
public enum BackpropThroughTime: Sendable, Equatable, Codable {
  /// Through every step of the batch.
  case full
  /// Cut between chunks of k steps; the forward state still flows across chunks.
  case truncated(steps: Int)

  var truncation: Int? {
    if case .truncated(let steps) = self { return steps }
    return nil
  }
}

extension RecurrentModel {
  /// Forward, backward, optional clipping and one optimizer update on `batch`.
  ///
  /// Returns the statistics and the final recurrent state (carry it into the next batch for
  /// stateful training; it carries no gradient).
  @discardableResult
  public func trainStep<O: Optimizer>(
    _ batch: Batch, optimizer: inout O, bptt: BackpropThroughTime = .full, clipNorm: Float? = nil,
    initialState: RecurrentState? = nil
  ) -> (stats: StepStats, finalState: RecurrentState) {
    let (record, backwardRecord) = trainingPass(batch, truncation: bptt.truncation, initialState: initialState)
    let clip = clipNorm.map { clipGradients(maxNorm: $0) } ?? ClipResult(norm: gradientNorm, clipped: false)
    optimizer.update(&parameters, gradients: gradients)
    let stats = StepStats(
      loss: record.loss, accuracy: accuracy(of: record), counted: record.counted, gradNormBeforeClip: clip.norm,
      clipped: clip.clipped)
    let finalState = record.finalState
    recycle(record, backwardRecord)
    return (stats, finalState)
  }
}

extension RecurrentModel {
  /// Scores `batch` without computing gradients (validation, the benchmark's forward pass).
  public func evaluate(
    _ batch: Batch, initialState: RecurrentState? = nil
  ) -> (stats: EvaluationStats, finalState: RecurrentState) {
    let record = forward(batch, initialState: initialState)
    let stats = EvaluationStats(loss: record.loss, accuracy: accuracy(of: record), counted: record.counted)
    let finalState = record.finalState
    recycle(record)
    return (stats, finalState)
  }

  /// Fraction of counted positions predicted correctly (classifier heads only).
  private func accuracy(of record: ForwardRecord) -> Float? {
    config.head == .classifier ? Float(record.correct) / Float(max(record.counted, 1)) : nil
  }
}
