import CKernels

extension TracedTrainingStep {
  /// The recurrent layers of the batch and the probe, bottom up, the probe riding along with the
  /// batch's last band in every layer: their records, head outputs still empty and loss 0 (as
  /// `RecurrentModel.forwardLayers`'s). The probe starts from a zero state.
  ///
  /// `whileWaiting` fills the wait of the top layer's bands for the probe's
  /// (`forwardRecurrenceCarryingProbe`).
  func forwardCarryingProbe(
    scoring: Scoring,
    whileWaitingOnTopLayer whileWaiting: ((_ probeH: UnsafePointer<Float>, _ stepsDone: () -> Int) -> Void)? = nil
  ) -> (record: ForwardRecord, probe: ForwardRecord) {
    let config = model.config
    let (batchSize, length) = (batch.batchSize, batch.length)
    let start = model.checkedStart(initialState, batchSize: batchSize)
    let probeStart = RecurrentState.zeros(config: config, batchSize: 1)
    let inputs = model.gatherInputs(batch)  // (T, B) tokens, (T, B, I) vectors
    let probeInputs = model.gatherInputs(probe)  // (T, 1) tokens, (T, 1, I) vectors
    var layers: [LayerRecord] = []
    var probeLayers: [LayerRecord] = []
    for layer in 0..<config.layers {
      var record = model.startLayer(layer, batchSize: batchSize, length: length, from: start)
      var probeRecord = model.startLayer(layer, batchSize: 1, length: probe.length, from: probeStart)
      model.parameters.withBase { params in
        let table = model.oneHotInputTable(layer: layer, params: params)
        defer { table?.deallocate() }
        let input = model.layerInput(layer, inputs: inputs, below: layers, batchSize: batchSize, length: length)
        let probeInput = model.layerInput(
          layer, inputs: probeInputs, below: probeLayers, batchSize: 1, length: probe.length)
        model.projectInputs(layer: layer, params: params, table: table, input: input, into: &record)
        model.projectInputs(layer: layer, params: params, table: table, input: probeInput, into: &probeRecord)
        record.withForwardBuffers(batchSize: batchSize, length: length) { buffers in
          probeRecord.withForwardBuffers(batchSize: 1, length: probe.length) { probeBuffers in
            forwardRecurrenceCarryingProbe(
              layer: layer, params: params, batch: buffers, probe: probeBuffers,
              whileWaiting: layer == config.layers - 1 ? whileWaiting : nil)
          }
        }
      }
      layers.append(record)
      probeLayers.append(probeRecord)
    }
    let probeScoring = Scoring(batch: probe, head: config.head, outputs: config.outputs)
    return (
      model.unscoredRecord(batch, inputs: inputs, layers: layers, scoring: scoring),
      model.unscoredRecord(probe, inputs: probeInputs, layers: probeLayers, scoring: probeScoring)
    )
  }

  /// `RecurrentModel.forwardRecurrence` with `probe`, a batch of one sequence, riding along with
  /// the last band for its first steps: each of its W_hh products is one more row of that band's,
  /// so the trace costs a row of arithmetic rather than a pass of its own through W_hh. The
  /// batch's numbers do not change with it.
  ///
  /// The other bands, a row lighter, finish first; each then calls `whileWaiting` with the
  /// probe's `h (T+1, 1, H)` and a function that tells how many of its steps are done so far, for
  /// other work to fill the wait (the probe's head, as its steps come in). The probe's band calls
  /// it too once its steps are done, so whatever is left gets done before this returns.
  func forwardRecurrenceCarryingProbe(
    layer: Int, params: UnsafePointer<Float>, batch: ForwardBuffers, probe: ForwardBuffers,
    whileWaiting: ((_ probeH: UnsafePointer<Float>, _ stepsDone: () -> Int) -> Void)?
  ) {
    let hidden = model.config.hidden
    let gateWidth = model.config.cell.gateCount * hidden
    let isGRU = model.config.cell == .gru
    let weightHH = model.packedRecurrentWeights(layer: layer, params: params, rows: batch.batchSize, transposed: true)
    let probeStepsDone = UnsafeMutablePointer<Int32>.allocate(capacity: 1)  // how many of the probe's steps are done
    probeStepsDone.initialize(to: 0)
    defer {
      weightHH.recycle(into: model.pool)
      probeStepsDone.deallocate()
    }
    let sequencesPerThread = model.sequencesPerThread(length: batch.length)
    Parallel.forEachRange(batch.batchSize, minimumPerPart: sequencesPerThread) { sequences in
      let rows = sequences.count
      let carriesProbe = sequences.upperBound == batch.batchSize
      // (rows + 1, G·H) W_hh h_{t−1} for the GRU, which adds it inside the cell; the probe's in the last row.
      let recurrent = allocateZeroed(isGRU ? (rows + 1) * gateWidth : 0)
      defer { recurrent.deallocate() }
      for t in 0..<batch.length {
        // Step t of this band: (rows, G·H) gates, (rows, H) states; the probe's one row of each.
        let band = batch.step(t, rows: sequences, hidden: hidden, gateWidth: gateWidth)
        let probeStep =
          carriesProbe && t < probe.length ? probe.step(t, rows: 0..<1, hidden: hidden, gateWidth: gateWidth) : nil
        // The GRU keeps W_hh h_{t−1} apart (`recurrent`); the other cells add it to the gates.
        weightHH.multiply(
          rows: rows, band.hPrev, lda: hidden, beta: isGRU ? 0 : 1, into: isGRU ? recurrent : band.gates,
          ldc: gateWidth,
          extraRow: probeStep.map { (UnsafePointer($0.hPrev), isGRU ? recurrent + rows * gateWidth : $0.gates) })
        model.forwardCell(band, recurrent: recurrent, params: params, layer: layer)
        if let probeStep {
          model.forwardCell(probeStep, recurrent: recurrent + rows * gateWidth, params: params, layer: layer)
          _ = rk_fetch_add(probeStepsDone, 1)
        }
      }
      whileWaiting?(probe.h) { Int(rk_fetch_add(probeStepsDone, 0)) }
    }
  }
}
