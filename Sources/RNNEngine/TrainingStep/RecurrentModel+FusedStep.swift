extension RecurrentModel {
  /// Forward and backward of one training step; `gradients` (overwritten) hold dL/dparameters.
  ///
  /// The same numbers as `forward` then `backward`, up to the order of float additions, but a
  /// classifier's head runs forward, softmax cross-entropy and backward block by block
  /// (`trainHead`), so its `(rows, O)` logits never leave the cache. The record it returns has no
  /// logits or probabilities (a trace needs `forward`).
  ///
  /// `probe`, one sequence of the batch's length, rides along (`forwardRecurrence`,
  /// `backwardRecurrence`) and comes back as records of its own, with its logits, for a trace: the
  /// states and gradients of the weights this step updates, for a row of arithmetic instead of a
  /// pass of their own. It changes nothing in the batch's numbers or the gradients. A
  /// classifier's probe head fills the forward pass's wait for the probe's band, and the stability
  /// measures the backward pass's, or come after it (`StabilityMeasures`).
  func trainingPass(
    _ batch: Batch, truncation: Int?, initialState: RecurrentState?, probe: Batch? = nil
  ) -> (record: ForwardRecord, backward: BackwardRecord, probe: RidingProbe?) {
    let scoring = Scoring(batch: batch, head: config.head, outputs: config.outputs)
    gradients.withMutableBase { $0.update(repeating: 0, count: layout.totalCount) }
    // The forward pass and the heads, the probe's and the batch's, a classifier's with W_head
    // packed once for both (the packed copies point into the parameters, so they live inside this access).
    typealias Riding = (record: ForwardRecord, head: HeadGradients)
    let (record, head, riding) = parameters.withBase { params -> (ForwardRecord, HeadGradients, Riding?) in
      let packedHead = config.head == .classifier ? PackedHead(self, params: params, rows: 256) : nil
      defer { packedHead?.recycle(into: pool) }
      let forward = forwardLayers(
        batch, scoring: scoring, initialState: initialState, probe: probe, params: params, packedHead: packedHead)
      var record = forward.record
      let riding = forward.probe
      guard let packedHead else {
        scoreHead(&record, scoring: scoring)
        return (record, gradients.withMutableBase { headGradients(record, into: $0) }, riding)
      }
      let (headOffset, headRows) = headInput(of: record)
      var dHead = pool.take(headRows * config.hidden)  // (rows, H)
      let (lossSum, correct) = record.layers[config.layers - 1].h.withBase { top in
        gradients.withMutableBase { grads in
          trainHead(
            params: params, grads: grads, y: top + headOffset, rows: headRows, scoring: scoring, dY: &dHead,
            packed: packedHead)
        }
      }
      record.loss = meanLoss(lossSum, scoring: scoring)
      record.correct = correct
      return (record, HeadGradients(dLogits: [], dHead: dHead), riding)
    }
    // The probe's stability measures (`StabilityMeasures`): the band of the top layer's backward
    // pass without the probe takes them while the other finishes, every thread the rest. They read
    // W_hh as this step has it, before the update, inside this access to the parameters.
    let (backward, stability) = parameters.withBase { params in
      let measures = riding.map { StabilityMeasures(self, record: $0.record, sequence: 0, params: params) }
      var whileWaiting: ((() -> Bool) -> Void)?
      if let measures, measures.fillsWaits { whileWaiting = { measures.takePieces(while: $0) } }
      let backward = backwardLayers(
        record, head: head, truncation: truncation, into: &gradients, probe: riding, whileWaiting: whileWaiting)
      return (backward, measures?.finish())
    }
    guard let riding, let probeBackward = backward.probe, let stability else { return (record, backward.record, nil) }
    return (record, backward.record, RidingProbe(record: riding.record, backward: probeBackward, stability: stability))
  }

  /// The recurrent layers with `probe` riding along, and the probe's own head and loss: its
  /// logits for the trace and its own gradient into its top layer.
  ///
  /// A classifier's probe head is scored in pieces of rows (`ProbeHeadPieces`) by the bands of
  /// the top layer's forward pass: the bands without the probe, a row lighter, finish first and
  /// take the rows of the probe's steps done so far while they would otherwise wait for its band,
  /// which takes what is left once its own steps are done. Each row's logits, softmax, the
  /// trace's predictions, dLogits and dY are computed together, while the row is in the cache of
  /// the core that scored it. Other heads are scored after the pass.
  private func forwardLayers(
    _ batch: Batch, scoring: Scoring, initialState: RecurrentState?, probe: Batch?, params: UnsafePointer<Float>,
    packedHead: PackedHead?
  ) -> (record: ForwardRecord, probe: (record: ForwardRecord, head: HeadGradients)?) {
    guard let probe else { return (forwardLayers(batch, scoring: scoring, initialState: initialState).record, nil) }
    let probeScoring = Scoring(batch: probe, head: config.head, outputs: config.outputs)
    guard let packedHead else {
      let (record, probeRecord) = forwardLayers(batch, scoring: scoring, initialState: initialState, probe: probe)
      var probeScored = probeRecord!
      scoreHead(&probeScored, scoring: probeScoring)
      return (record, (probeScored, headGradients(probeScored, into: nil)))
    }
    let probeRows = headInput(batchSize: 1, length: probe.length, perStep: probeScoring.perStep)
    var outputs = HeadOutputs(self, rows: probeRows.rows, backpropagates: true)
    let (record, probeRecord) = outputs.withRows(
      params: params, scoring: probeScoring, packed: packedHead.logits, backpropagating: packedHead.inputGradient
    ) { rows in
      let pieces = ProbeHeadPieces(
        rows, count: probeRows.rows, inputOffset: probeRows.offset,
        stepsNeeded: { probeScoring.perStep ? $0.upperBound : probe.length })
      return forwardLayers(
        batch, scoring: scoring, initialState: initialState, probe: probe, whileWaitingOnTopLayer: pieces.take)
    }
    var probeScored = probeRecord!
    let head = outputs.finish(&probeScored, scoring: probeScoring)!
    return (record, (probeScored, head))
  }

  /// A classifier head's forward, softmax cross-entropy and backward over `y (rows, H)`: adds
  /// dW_head and db_head to `grads`, writes `dY (rows, H)`, returns the summed loss and the
  /// correct predictions.
  ///
  /// Rows go in blocks of 256: logits, softmax, dLogits (in place), dY and the block's share of
  /// dW_head, all while the block's `(256, O)` logits are in cache (256 KB at O = 256, half an L2
  /// here; 128 and 512 measured 0.9–1.04× of it). Run unblocked, the logits, softmax and dLogits
  /// buffers (3.3 MB each at B·T = 3,200 and O = 256) go through memory about eight times a step
  /// (counting the passes); blocking measured 1.11–1.35× faster steps at H = 32.
  ///
  /// The rows are cut into `chunks` fixed parts, each with its own dW_head and db_head sums added
  /// in part order at the end, so the result is the same on any number of threads. The logits
  /// and dY products run on the packed kernel against W_head packed once per step, `packed` (BLAS
  /// packs it on each of its 25 calls): alternating runs measured 1.03–1.08× faster steps at
  /// H = 32 and 1.01–1.06× at H = 128 (one run of twelve 0.97×).
  func trainHead(
    params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>, y: UnsafePointer<Float>, rows: Int,
    scoring: Scoring, dY: UnsafeMutablePointer<Float>, packed: PackedHead
  ) -> (lossSum: Double, correct: Int) {
    let outputs = config.outputs
    let hidden = config.hidden
    let blockRows = 256
    let chunks = min(4, max(1, rows / blockRows))
    let scale = 1 / Float(max(scoring.counted, 1))
    // Per chunk: dW_head (O, H) then db_head (O).
    let partials = allocateZeroed(chunks * (outputs * hidden + outputs))
    defer { partials.deallocate() }
    var losses = [Double](repeating: 0, count: rows)
    var hits = [Bool](repeating: false, count: rows)
    losses.withUnsafeMutableBufferPointer { losses in
      hits.withUnsafeMutableBufferPointer { hits in
        Parallel.forEachRange(chunks, minimumPerPart: 1) { chunkRange in
          let logits = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * outputs)  // (blockRows, O)
          defer { logits.deallocate() }
          for chunk in chunkRange {
            let dWeight = partials + chunk * (outputs * hidden + outputs)
            let dBias = dWeight + outputs * hidden
            for first in stride(from: rows * chunk / chunks, to: rows * (chunk + 1) / chunks, by: blockRows) {
              let count = min(blockRows, rows * (chunk + 1) / chunks - first)
              let yBlock = y + first * hidden
              forwardHead(
                params: params, y: yBlock, rows: count, logits: logits, mayUseThreads: false, packed: packed.logits)
              // Softmax, loss and dLogits = w · scale · (softmax − onehot), in place.
              for row in 0..<count {
                let values = logits + row * outputs
                let index = first + row
                let scored = Loss.softmax(
                  values, classes: outputs, into: values, target: scoring.classes[index], weight: scoring.weights[index]
                )
                (losses[index], hits[index]) = (scored.loss, scored.hit)
                Loss.softmaxGradient(
                  values, classes: outputs, target: scoring.classes[index], scale: scoring.weights[index] * scale,
                  into: values)
              }
              backwardHead(
                params: params, dWeight: dWeight, dBias: dBias, y: yBlock, rows: count, dLogits: logits,
                dY: dY + first * hidden, mayUseThreads: false, packed: packed.inputGradient)
            }
          }
        }
      }
    }
    for chunk in 0..<chunks {
      let dWeight = partials + chunk * (outputs * hidden + outputs)
      for j in 0..<(outputs * hidden) { grads[headWeightOffset + j] += dWeight[j] }
      for j in 0..<outputs { grads[headBiasOffset + j] += dWeight[outputs * hidden + j] }
    }
    return (losses.reduce(0, +), hits.count { $0 })
  }
}

/// A probe that rode along with a training step (`trainingPass`): its records, and its stability
/// measures with the seconds they added after the backward pass.
struct RidingProbe {
  var record: ForwardRecord
  var backward: BackwardRecord
  var stability: (layers: [StabilityMeasures.Layer], seconds: Double)
}
