import CKernels

extension TracedTrainingStep {
  /// The recurrent layers of `RecurrentModel.backwardLayers`, top down, with `probe` (its scored
  /// record and its head's gradients) riding along with the batch's last band in every layer: its
  /// per-step gradients come back in a record of their own, and it adds nothing to `grads`.
  /// `whileWaiting` goes to the top layer's `backwardRecurrenceCarryingProbe`.
  func backwardCarryingProbe(
    _ record: ForwardRecord, head: HeadGradients, probe: ScoredProbe, into grads: inout [Float],
    whileWaiting: ((() -> Bool) -> Void)? = nil
  ) -> (record: BackwardRecord, probe: BackwardRecord) {
    let config = model.config
    let (batchSize, length) = (record.batchSize, record.length)
    let probeLength = probe.record.length
    let (hidden, gateWidth) = (config.hidden, config.cell.gateCount * config.hidden)
    let dTop = model.topGradient(record, dHead: head.dHead)  // (T, B, H)
    let probeTop = model.topGradient(probe.record, dHead: probe.head.dHead)  // (T, 1, H)
    var dY = dTop
    var probeDY = probeTop
    var dhTotal: [[Float]] = Array(repeating: [], count: config.layers)
    var dcTotal: [[Float]] = config.cell.hasCellState ? dhTotal : []
    var (probeDh, probeDc) = (dhTotal, dcTotal)
    for layer in (0..<config.layers).reversed() {
      var gradient = model.takeLayerGradients(layer, batchSize: batchSize, length: length)
      // The probe's (T, 1, ·) counterparts; it needs dL/dx only to reach the layer below.
      var probeGradient = LayerGradients(
        dh: model.pool.take(probeLength * hidden),
        dc: model.pool.take(config.cell.hasCellState ? probeLength * hidden : 0),
        dPre: model.pool.take(probeLength * gateWidth), dInput: model.pool.take(layer > 0 ? probeLength * hidden : 0))
      model.parameters.withBase { params in
        grads.withMutableBase { grads in
          record.layers[layer].withBackwardBuffers(batchSize: batchSize, length: length, dY: dY, &gradient) {
            buffers in
            probe.record.layers[layer].withBackwardBuffers(
              batchSize: 1, length: probeLength, dY: probeDY, &probeGradient
            ) { probeBuffers in
              backwardRecurrenceCarryingProbe(
                layer: layer, params: params, grads: grads, truncation: truncation ?? 0, batch: buffers,
                probe: probeBuffers, whileWaiting: layer == config.layers - 1 ? whileWaiting : nil)
            }
          }
          let input = model.layerInput(
            layer, inputs: (record.tokens, record.layerInput), below: record.layers, batchSize: batchSize,
            length: length)
          model.backwardLayerInput(
            layer, input: input, rows: batchSize * length, params: params, grads: grads, gradient: &gradient)
        }
        if layer > 0 {
          // The probe's dx (T, H) = dPre (T, G·H) · W_ih (G·H, H): what reaches the layer below.
          BLAS.gemm(
            m: probeLength, n: hidden, k: gateWidth, a: probeGradient.dPre, lda: gateWidth,
            b: params + model.layerOffsets[layer].weightIH, ldb: hidden, beta: 0, c: &probeGradient.dInput,
            ldc: hidden)
        }
      }
      dhTotal[layer] = gradient.dh
      probeDh[layer] = probeGradient.dh
      if config.cell.hasCellState {
        dcTotal[layer] = gradient.dc
        probeDc[layer] = probeGradient.dc
      }
      // dPre and a lower layer's dY are scratch; dTop is returned in the record.
      model.pool.give(layer == config.layers - 1 ? [gradient.dPre] : [gradient.dPre, dY])
      model.pool.give(layer == config.layers - 1 ? [probeGradient.dPre] : [probeGradient.dPre, probeDY])
      dY = gradient.dInput
      probeDY = probeGradient.dInput
    }
    let dInputs = model.backwardLayer0Input(record, dX: dY, into: &grads)
    return (
      BackwardRecord(dhTotal: dhTotal, dcTotal: dcTotal, dLogits: head.dLogits, dTopOutputs: dTop, dInputs: dInputs),
      BackwardRecord(
        dhTotal: probeDh, dcTotal: probeDc, dLogits: probe.head.dLogits, dTopOutputs: probeTop, dInputs: [])
    )
  }

  /// `RecurrentModel.backwardRecurrence` with `probe` riding along with the last band as in
  /// `forwardRecurrenceCarryingProbe`: its gradients flow back through every step (the trace shows
  /// the whole path, whatever the truncation) and add nothing to `grads`. The other bands, a row
  /// lighter, finish first; each then calls `whileWaiting` with a test that holds until the
  /// probe's band is done, for other work to fill the wait (the probe's stability measures).
  func backwardRecurrenceCarryingProbe(
    layer: Int, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>, truncation: Int,
    batch: BackwardBuffers, probe: BackwardBuffers, whileWaiting: ((() -> Bool) -> Void)?
  ) {
    let hidden = model.config.hidden
    let gateWidth = model.config.cell.gateCount * hidden
    let isGRU = model.config.cell == .gru
    let weightHH = model.packedRecurrentWeights(layer: layer, params: params, rows: batch.batchSize, transposed: false)
    let dPreHidden = model.recurrentPreActivationGradients(batch)  // (T, B, G·H)
    let probeDPreHidden = model.recurrentPreActivationGradients(probe)  // (T, 1, G·H)
    let probeBandDone = UnsafeMutablePointer<Int32>.allocate(capacity: 1)  // 1 once the probe's band is done
    probeBandDone.initialize(to: 0)
    defer {
      weightHH.recycle(into: model.pool)
      if isGRU {
        dPreHidden.deallocate()
        probeDPreHidden.deallocate()
      }
      probeBandDone.deallocate()
    }

    let sequencesPerThread = model.sequencesPerThread(length: batch.length)
    Parallel.forEachRange(batch.batchSize, minimumPerPart: sequencesPerThread) { sequences in
      let rows = sequences.count
      let carriesProbe = sequences.upperBound == batch.batchSize
      let probeLength = carriesProbe ? probe.length : 0
      // Gradients reaching h_t and c_t (LSTM) from step t+1: this band's (rows, H), then the probe's (1, H).
      let dhNext = allocateZeroed((rows + 1) * hidden)
      let dcNext = allocateZeroed((rows + 1) * hidden)
      let probeDhNext = dhNext + rows * hidden
      let probeDcNext = dcNext + rows * hidden
      defer {
        dhNext.deallocate()
        dcNext.deallocate()
      }
      for t in (0..<batch.length).reversed() {
        model.backwardCell(batch, t, rows: sequences, dPreHidden: dPreHidden, dhNext: dhNext, dcNext: dcNext)
        if t < probeLength {
          model.backwardCell(
            probe, t, rows: 0..<1, dPreHidden: probeDPreHidden, dhNext: probeDhNext, dcNext: probeDcNext)
        }
        // dh_{t−1} (rows, H) = dPre_t (rows, G·H) · W_hh (G·H, H), plus the GRU's direct z path already in dhNext.
        let beta: Float = isGRU ? 1 : 0
        let probeRow = t < probeLength ? (UnsafePointer(probeDPreHidden + t * gateWidth), probeDhNext) : nil
        if t == 0 || (truncation > 0 && t % truncation == 0) {
          // Cut before this step for the batch; the probe's gradient still flows.
          dhNext.update(repeating: 0, count: rows * hidden)
          dcNext.update(repeating: 0, count: rows * hidden)
          if let probeRow, t > 0 {
            weightHH.multiply(rows: 1, probeRow.0, lda: gateWidth, beta: beta, into: probeRow.1, ldc: hidden)
          }
        } else {
          let stepRows = dPreHidden + (t * batch.batchSize + sequences.lowerBound) * gateWidth
          weightHH.multiply(
            rows: rows, stepRows, lda: gateWidth, beta: beta, into: dhNext, ldc: hidden, extraRow: probeRow)
        }
      }
      if carriesProbe {
        _ = rk_fetch_add(probeBandDone, 1)
      } else {
        whileWaiting? { rk_fetch_add(probeBandDone, 0) == 0 }
      }
    }
    model.addRecurrentWeightGradients(layer: layer, batch: batch, dPreHidden: dPreHidden, grads: grads)
  }
}
