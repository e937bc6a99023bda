/// One training step with a probe sequence riding along for a trace: the states and gradients of
/// the weights this step updates, for a row of arithmetic instead of a pass of their own.
///
/// The step runs the same layers, cells and kernels as `trainingPass` without a probe, and its
/// batch's numbers and gradients are the same to the bit. The probe is one more row of the last
/// band's W_hh products (`PackedWeights.multiply`'s `extraRow`) in every layer, forward and back;
/// its gradients flow back through every step, whatever the truncation, and add nothing to the
/// model's gradients. The bands without the probe, a row lighter, finish first and fill their wait:
/// in the top layer's forward pass with the probe's classifier head (`ProbeHeadPieces`), in its
/// backward pass with the probe's stability measures (`StabilityMeasures`), which start where the
/// caller's last trace ended (`warmStart`).
struct TracedTrainingStep {
  let model: RecurrentModel
  let batch: Batch
  /// One sequence no longer than the batch's.
  let probe: Batch
  /// k > 0 cuts the batch's gradient between chunks of k steps; nil is full BPTT.
  let truncation: Int?
  /// The batch's state before its first step (zeros if nil); the probe starts from zeros.
  let initialState: RecurrentState?
  /// Where the probe's stability measures start their iterations.
  let warmStart: TraceWarmStart

  /// A step of `model` on `batch` carrying `probe`, its measures started from `warmStart`.
  init(
    _ model: RecurrentModel, batch: Batch, probe: Batch, truncation: Int?, initialState: RecurrentState?,
    warmStart: TraceWarmStart = TraceWarmStart()
  ) {
    precondition(
      probe.batchSize == 1 && probe.length <= batch.length,
      "a probe riding along is one sequence no longer than the batch's")
    (self.model, self.batch, self.probe, self.truncation, self.initialState, self.warmStart) =
      (model, batch, probe, truncation, initialState, warmStart)
  }

  /// Runs the step: the model's `gradients` (overwritten) hold the batch's dL/dparameters; returns
  /// the batch's records (without logits, as `trainingPass`) and the probe's.
  func run() -> (record: ForwardRecord, backward: BackwardRecord, probe: RidingProbe) {
    let scoring = Scoring(batch: batch, head: model.config.head, outputs: model.config.outputs)
    model.gradients.withMutableBase { $0.update(repeating: 0, count: model.layout.totalCount) }
    // The forward pass and the heads, the probe's and the batch's, a classifier's with W_head
    // packed once for both (the packed copies point into the parameters, so they live inside this access).
    let (record, head, riding) = model.parameters.withBase { params -> (ForwardRecord, HeadGradients, ScoredProbe) in
      let packedHead = model.config.head == .classifier ? PackedHead(model, params: params, rows: 256) : nil
      defer { packedHead?.recycle(into: model.pool) }
      let forward = forwardWithProbeHead(scoring: scoring, params: params, packedHead: packedHead)
      var record = forward.record
      let head = model.trainingHead(&record, scoring: scoring, params: params, packedHead: packedHead)
      return (record, head, forward.probe)
    }
    // The probe's stability measures: the bands of the top layer's backward pass without the probe
    // take them while the other finishes, every thread the rest. They read W_hh as this step has
    // it, before the update, inside this access to the parameters.
    let lastStepLoss = model.lastStepLoss(of: riding.record, sequence: 0)
    let (backward, stability) = model.parameters.withBase { params in
      let measures = StabilityMeasures(
        model, record: riding.record, sequence: 0, params: params, startingFrom: warmStart)
      let whileWaiting: ((() -> Bool) -> Void)? = measures.fillsWaits ? { measures.takePieces(while: $0) } : nil
      let backward = backwardCarryingProbe(
        record, head: head, probe: riding, lastStep: lastStepLoss.step, into: &model.gradients,
        whileWaiting: whileWaiting)
      return (backward, measures.finish())
    }
    return (
      record, backward.record,
      RidingProbe(
        record: riding.record, backward: backward.probe, stability: stability,
        lastStepGradientNorms: lastStepGradientNorms(lastStepLoss, probe: backward.probe, row: backward.lastStepDh),
        predictions: riding.predictions)
    )
  }

  /// ‖∂L_T/∂h_t‖ of the probe per layer (`RecurrentModel.lastStepGradientNorms`) from its backward
  /// pass: its own dL/dh_t where the whole loss is the last step's, else the last step's row that
  /// rode along with it, whose buffers go back to the pool.
  private func lastStepGradientNorms(_ loss: LastStepLoss, probe: BackwardRecord, row: [[Float]]) -> [[Float]] {
    let norms = { (values: [Float]) in model.stepNorms(values, batchSize: 1, length: self.probe.length, sequence: 0) }
    switch loss {
    case .wholeLoss: return probe.dhTotal.map(norms)
    case .unscored: return Array(repeating: Array(repeating: 0, count: self.probe.length), count: model.config.layers)
    case .row:
      defer { model.pool.give(row) }
      return row.map(norms)
    }
  }

  /// The recurrent layers with the probe riding along, and the probe's own head and loss: its
  /// logits for the trace and its own gradient into its top layer.
  ///
  /// A classifier's probe head is scored in pieces of rows (`ProbeHeadPieces`) by the bands of
  /// the top layer's forward pass: the bands without the probe finish first and take the rows of
  /// the probe's steps done so far while they would otherwise wait for its band, which takes what
  /// is left once its own steps are done. Each row's logits, softmax, the trace's predictions,
  /// dLogits and dY are computed together, while the row is in the cache of the core that scored
  /// it. Other heads are scored after the pass.
  private func forwardWithProbeHead(
    scoring: Scoring, params: UnsafePointer<Float>, packedHead: PackedHead?
  ) -> (record: ForwardRecord, probe: ScoredProbe) {
    let probeScoring = Scoring(batch: probe, head: model.config.head, outputs: model.config.outputs)
    guard let packedHead else {
      let forward = forwardCarryingProbe(scoring: scoring)
      var probeRecord = forward.probe
      model.scoreHead(&probeRecord, scoring: probeScoring)
      return (forward.record, ScoredProbe(record: probeRecord, head: model.headGradients(probeRecord, into: nil)))
    }
    let probeRows = model.headInput(batchSize: 1, length: probe.length, perStep: probeScoring.perStep)
    var outputs = HeadOutputs(model, rows: probeRows.rows, backpropagates: true)
    let length = probe.length
    let forward = outputs.withRows(
      params: params, scoring: probeScoring, packed: packedHead.logits, backpropagating: packedHead.inputGradient
    ) { rows in
      let pieces = ProbeHeadPieces(
        rows, count: probeRows.rows, inputOffset: probeRows.offset,
        stepsNeeded: { probeScoring.perStep ? $0.upperBound : length })
      return forwardCarryingProbe(scoring: scoring, whileWaitingOnTopLayer: pieces.take)
    }
    var probeRecord = forward.probe
    let predictions = outputs.predictions
    let head = outputs.finishBackpropagating(&probeRecord, scoring: probeScoring)
    return (forward.record, ScoredProbe(record: probeRecord, head: head, predictions: predictions))
  }
}

/// A riding probe's forward record, scored, with its head's gradients.
struct ScoredProbe {
  var record: ForwardRecord
  var head: HeadGradients
  /// A classifier's head rows as the trace reads them, in row order, taken while each row's
  /// softmax was in cache (`HeadRows`); empty when the head was scored after the pass.
  var predictions: [RowPrediction] = []
}

/// A probe that rode along with a training step (`TracedTrainingStep`): its records, its
/// stability measures with the seconds they added after the backward pass, and its ‖∂L_T/∂h_t‖.
struct RidingProbe {
  var record: ForwardRecord
  var backward: BackwardRecord
  var stability: (layers: [StabilityMeasures.Layer], seconds: Double)
  /// `[layer][T]`, as `RecurrentModel.lastStepGradientNorms`.
  var lastStepGradientNorms: [[Float]]
  /// `ScoredProbe.predictions`: empty when the trace reads the record's probabilities.
  var predictions: [RowPrediction] = []
}
