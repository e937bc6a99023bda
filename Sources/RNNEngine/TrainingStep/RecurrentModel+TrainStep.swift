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
    var unread = TraceWarmStart()  // without a probe, nothing traces
    let step = trainStep(
      batch, optimizer: &optimizer, bptt: bptt, clipNorm: clipNorm, initialState: initialState, probe: nil,
      warmStart: &unread)
    return (step.stats, step.finalState)
  }

  /// `trainStep` with the sequence `probe` (a batch of one, no longer than the batch) riding along,
  /// and its trace: the states, gates and gradients of the weights the step started from,
  /// recorded before the update, with the per-parameter gradient norms of the step's own gradient
  /// (before clipping). Nothing else differs from the step without it, to the bit. The trace's
  /// iterations start cold: a one-off trace.
  public func trainStep<O: Optimizer>(
    _ batch: Batch, optimizer: inout O, bptt: BackpropThroughTime = .full, clipNorm: Float? = nil,
    initialState: RecurrentState? = nil, tracing probe: Batch
  ) -> (stats: StepStats, finalState: RecurrentState, trace: Trace) {
    var coldStart = TraceWarmStart()
    return trainStep(
      batch, optimizer: &optimizer, bptt: bptt, clipNorm: clipNorm, initialState: initialState, tracing: probe,
      warmStart: &coldStart)
  }

  /// `trainStep(tracing:)`, the trace's iterations started from `warmStart`, where this trace's
  /// end is left for the next: for a caller that traces every few steps.
  public func trainStep<O: Optimizer>(
    _ batch: Batch, optimizer: inout O, bptt: BackpropThroughTime = .full, clipNorm: Float? = nil,
    initialState: RecurrentState? = nil, tracing probe: Batch, warmStart: inout TraceWarmStart
  ) -> (stats: StepStats, finalState: RecurrentState, trace: Trace) {
    let step = trainStep(
      batch, optimizer: &optimizer, bptt: bptt, clipNorm: clipNorm, initialState: initialState, probe: probe,
      warmStart: &warmStart)
    return (step.stats, step.finalState, step.trace!)
  }

  private func trainStep<O: Optimizer>(
    _ batch: Batch, optimizer: inout O, bptt: BackpropThroughTime, clipNorm: Float?, initialState: RecurrentState?,
    probe: Batch?, warmStart: inout TraceWarmStart
  ) -> (stats: StepStats, finalState: RecurrentState, trace: Trace?) {
    let pass = trainingPass(
      batch, truncation: bptt.truncation, initialState: initialState, probe: probe, startingFrom: warmStart)
    let trace = pass.probe.map { self.trace(riding: $0, warmStart: &warmStart) }
    let clip = clipNorm.map { clipGradients(maxNorm: $0) } ?? ClipResult(norm: gradientNorm, clipped: false)
    optimizer.update(&parameters, gradients: gradients)
    let stats = StepStats(
      loss: pass.record.loss, accuracy: accuracy(of: pass.record), counted: pass.record.counted,
      gradNormBeforeClip: clip.norm, clipped: clip.clipped)
    let finalState = pass.record.finalState
    if let probe = pass.probe { recycle(riding: probe) }
    recycle(pass.record, pass.backward)
    return (stats, finalState, trace)
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
  func accuracy(of record: ForwardRecord) -> Float? {
    config.head == .classifier ? Float(record.correct) / Float(max(record.counted, 1)) : nil
  }
}
