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
    trainStep(
      batch, optimizer: &optimizer, bptt: bptt, clipNorm: clipNorm, initialState: initialState, beforeUpdate: { _ in })
  }

  /// `trainStep` with the trace of the sequence `probe` (a batch of one): the states, gates and
  /// gradients of the weights the step started from, recorded before the update by a pass of the
  /// probe's own, with the per-parameter gradient norms of the step's own gradient (before
  /// clipping). The step is the same as without it, to the bit. The trace's iterations start
  /// cold: a one-off trace.
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
    var trace: Trace?
    let step = trainStep(
      batch, optimizer: &optimizer, bptt: bptt, clipNorm: clipNorm, initialState: initialState
    ) { model in
      var probeTrace = model.probe(probe, warmStart: &warmStart)
      probeTrace.parameterGradientNorms = model.gradientNorms()
      trace = probeTrace
    }
    return (step.stats, step.finalState, trace!)
  }

  /// The step, calling `beforeUpdate` once the gradients are in and before clipping and the update change anything.
  private func trainStep<O: Optimizer>(
    _ batch: Batch, optimizer: inout O, bptt: BackpropThroughTime, clipNorm: Float?, initialState: RecurrentState?,
    beforeUpdate: (RecurrentModel) -> Void
  ) -> (stats: StepStats, finalState: RecurrentState) {
    let pass = trainingPass(batch, truncation: bptt.truncation, initialState: initialState)
    let (loss, accuracy, counted) = (pass.record.loss, accuracy(of: pass.record), pass.record.counted)
    let finalState = pass.record.finalState
    recycle(pass.record, pass.backward)
    beforeUpdate(self)
    let clip = clipNorm.map { clipGradients(maxNorm: $0) } ?? ClipResult(norm: gradientNorm, clipped: false)
    optimizer.update(&parameters, gradients: gradients)
    let stats = StepStats(
      loss: loss, accuracy: accuracy, counted: counted, gradNormBeforeClip: clip.norm, clipped: clip.clipped)
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
  func accuracy(of record: ForwardRecord) -> Float? {
    config.head == .classifier ? Float(record.correct) / Float(max(record.counted, 1)) : nil
  }
}
