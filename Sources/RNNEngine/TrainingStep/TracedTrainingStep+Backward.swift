import CKernels

extension TracedTrainingStep {
  /// The recurrent layers of `RecurrentModel.backwardLayers`, top down, with `probe` (its scored
  /// record and its head's gradients) riding along with the batch's last band in every layer: its
  /// per-step gradients come back in a record of their own, and it adds nothing to `grads`.
  /// `whileWaiting` goes to the top layer's `backwardRecurrenceCarryingProbe`.
  ///
  /// With `lastStep` t, a second row rides with the probe's: the gradient of the probe's loss at
  /// step t alone (its head's gradient at that row, zero elsewhere), through the same forward
  /// values; its dL/dh_t `(T, 1, H)` per layer come back as `lastStepDh`.
  func backwardCarryingProbe(
    _ record: ForwardRecord, head: HeadGradients, probe: ScoredProbe, lastStep: Int? = nil, into grads: inout [Float],
    whileWaiting: ((() -> Bool) -> Void)? = nil
  ) -> (record: BackwardRecord, probe: BackwardRecord, lastStepDh: [[Float]]) {
    let config = model.config
    let (batchSize, length) = (record.batchSize, record.length)
    let probeLength = probe.record.length
    let hidden = config.hidden
    let dTop = model.topGradient(record, dHead: head.dHead)  // (T, B, H)
    let probeTop = model.topGradient(probe.record, dHead: probe.head.dHead)  // (T, 1, H)
    var dY = dTop
    var probeDY = probeTop
    // The last step's row: the probe's dY at step t alone (T, 1, H).
    var lastStepDY = [Float](repeating: 0, count: lastStep == nil ? 0 : probeLength * hidden)
    if let lastStep {
      let row = (lastStep * hidden)..<((lastStep + 1) * hidden)
      lastStepDY.replaceSubrange(row, with: probeTop[row])
    }
    var dhTotal: [[Float]] = Array(repeating: [], count: config.layers)
    var dcTotal: [[Float]] = config.cell.hasCellState ? dhTotal : []
    var (probeDh, probeDc, lastStepDh) = (dhTotal, dcTotal, dhTotal)
    for layer in (0..<config.layers).reversed() {
      var gradient = model.takeLayerGradients(layer, batchSize: batchSize, length: length)
      // The probe's (T, 1, ·) counterparts; it needs dL/dx only to reach the layer below.
      var probeGradient = probeLayerGradients(layer: layer, length: probeLength)
      // The last step's row leaves its steps after t untouched: they stay zero.
      var lastStepGradient = lastStep.map { _ in probeLayerGradients(layer: layer, length: probeLength, zeroed: true) }
      model.parameters.withBase { params in
        grads.withMutableBase { grads in
          record.layers[layer].withBackwardBuffers(batchSize: batchSize, length: length, dY: dY, &gradient) {
            buffers in
            probe.record.layers[layer].withBackwardBuffers(
              batchSize: 1, length: probeLength, dY: probeDY, &probeGradient
            ) { probeBuffers in
              probe.record.layers[layer].withOptionalBackwardBuffers(
                batchSize: 1, length: probeLength, dY: lastStepDY, &lastStepGradient
              ) { lastStepBuffers in
                backwardRecurrenceCarryingProbe(
                  layer: layer, params: params, grads: grads, truncation: truncation ?? 0, batch: buffers,
                  probe: probeBuffers, lastStep: lastStepBuffers.map { ($0, lastStep ?? 0) },
                  whileWaiting: layer == config.layers - 1 ? whileWaiting : nil)
              }
            }
          }
          let input = model.layerInput(
            layer, inputs: (record.tokens, record.layerInput), below: record.layers, batchSize: batchSize,
            length: length)
          model.backwardLayerInput(
            layer, input: input, rows: batchSize * length, params: params, grads: grads, gradient: &gradient)
        }
        if layer > 0 {
          probeInputGradient(&probeGradient, layer: layer, length: probeLength, params: params)
          if var rowGradient = lastStepGradient {
            lastStepGradient = nil  // one owner while it is written
            probeInputGradient(&rowGradient, layer: layer, length: probeLength, params: params)
            lastStepGradient = rowGradient
          }
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
      if let lastStepGradient {
        lastStepDh[layer] = lastStepGradient.dh
        model.pool.give([lastStepGradient.dc, lastStepGradient.dPre, lastStepDY])
        lastStepDY = lastStepGradient.dInput
      }
    }
    let dInputs = model.backwardLayer0Input(record, dX: dY, into: &grads)
    return (
      BackwardRecord(dhTotal: dhTotal, dcTotal: dcTotal, dLogits: head.dLogits, dTopOutputs: dTop, dInputs: dInputs),
      BackwardRecord(
        dhTotal: probeDh, dcTotal: probeDc, dLogits: probe.head.dLogits, dTopOutputs: probeTop, dInputs: []),
      lastStep == nil ? [] : lastStepDh
    )
  }

  /// A probe row's `(T, 1, ·)` layer gradients: from the pool, or zeroed where steps may be left
  /// unwritten; dL/dx only where there is a layer below to reach.
  private func probeLayerGradients(layer: Int, length: Int, zeroed: Bool = false) -> LayerGradients {
    let config = model.config
    let (hidden, gateWidth) = (config.hidden, config.cell.gateCount * config.hidden)
    let take = { (count: Int) in
      var buffer = model.pool.take(count)
      if zeroed { buffer.withMutableBase { $0.update(repeating: 0, count: count) } }
      return buffer
    }
    return LayerGradients(
      dh: take(length * hidden), dc: take(config.cell.hasCellState ? length * hidden : 0),
      dPre: take(length * gateWidth), dInput: take(layer > 0 ? length * hidden : 0))
  }

  /// A probe row's dx (T, H) = dPre (T, G·H) · W_ih (G·H, H): what reaches the layer below.
  private func probeInputGradient(
    _ gradient: inout LayerGradients, layer: Int, length: Int, params: UnsafePointer<Float>
  ) {
    let (hidden, gateWidth) = (model.config.hidden, model.config.cell.gateCount * model.config.hidden)
    BLAS.gemm(
      m: length, n: hidden, k: gateWidth, a: gradient.dPre, lda: gateWidth,
      b: params + model.layerOffsets[layer].weightIH, ldb: hidden, beta: 0, c: &gradient.dInput, ldc: hidden)
  }

  /// `RecurrentModel.backwardRecurrence` with `probe` riding along with the last band as in
  /// `forwardRecurrenceCarryingProbe`: its gradients flow back through every step (the trace shows
  /// the whole path, whatever the truncation) and add nothing to `grads`; so do those of
  /// `lastStep`'s row, from its step down. The other bands, a row lighter, finish first; each then
  /// calls `whileWaiting` with a test that holds until the probe's band is done, for other work to
  /// fill the wait (the probe's stability measures).
  func backwardRecurrenceCarryingProbe(
    layer: Int, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>, truncation: Int,
    batch: BackwardBuffers, probe: BackwardBuffers, lastStep: (buffers: BackwardBuffers, step: Int)?,
    whileWaiting: ((() -> Bool) -> Void)?
  ) {
    let hidden = model.config.hidden
    let gateWidth = model.config.cell.gateCount * hidden
    let isGRU = model.config.cell == .gru
    let weightHH = model.packedRecurrentWeights(layer: layer, params: params, rows: batch.batchSize, transposed: false)
    let dPreHidden = model.recurrentPreActivationGradients(batch)  // (T, B, G·H)
    let probeDPreHidden = model.recurrentPreActivationGradients(probe)  // (T, 1, G·H)
    let lastStepDPreHidden = lastStep.map { model.recurrentPreActivationGradients($0.buffers) }  // (T, 1, G·H)
    let probeBandDone = UnsafeMutablePointer<Int32>.allocate(capacity: 1)  // 1 once the probe's band is done
    probeBandDone.initialize(to: 0)
    defer {
      weightHH.recycle(into: model.pool)
      if isGRU {
        dPreHidden.deallocate()
        probeDPreHidden.deallocate()
        lastStepDPreHidden?.deallocate()
      }
      probeBandDone.deallocate()
    }

    let sequencesPerThread = model.sequencesPerThread(length: batch.length)
    Parallel.forEachRange(batch.batchSize, minimumPerPart: sequencesPerThread) { sequences in
      let rows = sequences.count
      let carriesProbe = sequences.upperBound == batch.batchSize
      let probeLength = carriesProbe ? probe.length : 0
      // Gradients reaching h_t and c_t (LSTM) from step t+1: this band's (rows, H), then the
      // probe's (1, H), then the last step's row's (1, H).
      let dhNext = allocateZeroed((rows + 2) * hidden)
      let dcNext = allocateZeroed((rows + 2) * hidden)
      let (probeDhNext, probeDcNext) = (dhNext + rows * hidden, dcNext + rows * hidden)
      let (lastStepDhNext, lastStepDcNext) = (probeDhNext + hidden, probeDcNext + hidden)
      defer {
        dhNext.deallocate()
        dcNext.deallocate()
      }
      let beta: Float = isGRU ? 1 : 0  // the GRU's direct z path is already in dhNext
      for t in (0..<batch.length).reversed() {
        model.backwardCell(batch, t, rows: sequences, dPreHidden: dPreHidden, dhNext: dhNext, dcNext: dcNext)
        if t < probeLength {
          model.backwardCell(
            probe, t, rows: 0..<1, dPreHidden: probeDPreHidden, dhNext: probeDhNext, dcNext: probeDcNext)
        }
        if let lastStep, let lastStepDPreHidden, t < probeLength, t <= lastStep.step {
          // The last step's row: dh_{t−1} (1, H) = dPre_t (1, G·H) · W_hh (G·H, H) on its own.
          model.backwardCell(
            lastStep.buffers, t, rows: 0..<1, dPreHidden: lastStepDPreHidden, dhNext: lastStepDhNext,
            dcNext: lastStepDcNext)
          if t > 0 {
            weightHH.multiply(
              rows: 1, lastStepDPreHidden + t * gateWidth, lda: gateWidth, beta: beta, into: lastStepDhNext,
              ldc: hidden)
          }
        }
        // dh_{t−1} (rows, H) = dPre_t (rows, G·H) · W_hh (G·H, H), the probe's row riding along.
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
