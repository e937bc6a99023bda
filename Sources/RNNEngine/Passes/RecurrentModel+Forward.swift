/// What the head sends back: the loss's gradient with respect to the head outputs and the head's
/// gradient into the top layer's outputs it read.
struct HeadGradients {
  /// `(T, B, O)` or `(B, O)`, as the logits; empty after `trainHead`, which never stores them.
  var dLogits: [Float]
  /// `(rows, H)` for the rows `headInput` names.
  var dHead: [Float]
}

extension RecurrentModel {
  /// Runs the model over `batch` from `initialState` (zeros if nil) and scores it.
  ///
  /// The returned record holds every step of every layer, the head outputs and the loss;
  /// pass it to `backward` for gradients.
  public func forward(_ batch: Batch, initialState: RecurrentState? = nil) -> ForwardRecord {
    let scoring = Scoring(batch: batch, head: config.head, outputs: config.outputs)
    var record = forwardLayers(batch, scoring: scoring, initialState: initialState).record
    scoreHead(&record, scoring: scoring)
    return record
  }

  /// The recurrent layers of `forward`: a record whose head outputs are still empty and loss 0.
  ///
  /// With `probe` (one sequence, no longer than the batch's), the probe's record comes too, from a
  /// zero state: it rides along with the batch through every layer (`forwardRecurrence`), and
  /// `whileWaiting` fills the wait of the top layer's bands for it.
  func forwardLayers(
    _ batch: Batch, scoring: Scoring, initialState: RecurrentState?, probe: Batch? = nil,
    whileWaitingOnTopLayer whileWaiting: ((_ probeH: UnsafePointer<Float>, _ stepsDone: () -> Int) -> Void)? = nil
  ) -> (record: ForwardRecord, probe: ForwardRecord?) {
    let batchSize = batch.batchSize
    let length = batch.length
    precondition(parameters.count == layout.totalCount, "parameter count must match the layout")
    precondition(
      probe.map { $0.batchSize == 1 && $0.length <= length } ?? true,
      "a probe riding along is one sequence no longer than the batch's")
    let start = initialState ?? RecurrentState.zeros(config: config, batchSize: batchSize)
    precondition(
      start.h.count == config.layers && start.h.allSatisfy { $0.count == batchSize * config.hidden },
      "h0 must be (L, B, H)")
    precondition(!config.cell.hasCellState || start.c.count == config.layers, "c0 must be (L, B, H)")
    let inputs = gatherInputs(batch)
    let probeInputs = probe.map(gatherInputs)
    let probeStart = RecurrentState.zeros(config: config, batchSize: 1)

    var layers: [LayerRecord] = []
    var probeLayers: [LayerRecord] = []
    for layer in 0..<config.layers {
      var record = startLayer(layer, batchSize: batchSize, length: length, from: start)
      var probeRecord = probe.map { startLayer(layer, batchSize: 1, length: $0.length, from: probeStart) }
      parameters.withBase { params in
        let table = oneHotInputTable(layer: layer, params: params)
        defer { table?.deallocate() }
        projectInputs(layer: layer, params: params, table: table, inputs: inputs, below: layers.last, into: &record)
        if let probeInputs {
          projectInputs(
            layer: layer, params: params, table: table, inputs: probeInputs, below: probeLayers.last,
            into: &probeRecord!)
        }
        record.withForwardBuffers(batchSize: batchSize, length: length) { buffers in
          guard let probe else { return forwardRecurrence(layer: layer, params: params, batch: buffers) }
          probeRecord!.withForwardBuffers(batchSize: 1, length: probe.length) { probeBuffers in
            forwardRecurrence(
              layer: layer, params: params, batch: buffers, probe: probeBuffers,
              whileWaiting: layer == config.layers - 1 ? whileWaiting : nil)
          }
        }
      }
      layers.append(record)
      if let probeRecord { probeLayers.append(probeRecord) }
    }

    let record = ForwardRecord(
      config: config, batch: batch, tokens: inputs.tokens, layerInput: inputs.vectors, layers: layers, logits: [],
      probabilities: [], logitsPerStep: scoring.perStep, loss: 0, correct: 0, counted: scoring.counted)
    guard let probe, let probeInputs else { return (record, nil) }
    let probeScoring = Scoring(batch: probe, head: config.head, outputs: config.outputs)
    let probeRecord = ForwardRecord(
      config: config, batch: probe, tokens: probeInputs.tokens, layerInput: probeInputs.vectors, layers: probeLayers,
      logits: [], probabilities: [], logitsPerStep: probeScoring.perStep, loss: 0, correct: 0,
      counted: probeScoring.counted)
    return (record, probeRecord)
  }

  /// Layer `layer`'s record for `batchSize` sequences, its buffers from the pool, with the initial
  /// state from `start` in row block 0 (the rest is written by the input projection and the recurrence).
  private func startLayer(_ layer: Int, batchSize: Int, length: Int, from start: RecurrentState) -> LayerRecord {
    let hidden = config.hidden
    let stateSize = batchSize * hidden
    let rows = batchSize * length
    var h = pool.take((length + 1) * stateSize)  // (T+1, B, H)
    h.replaceSubrange(0..<stateSize, with: start.h[layer])
    var c: [Float] = []  // (T+1, B, H)
    if config.cell.hasCellState {
      c = pool.take((length + 1) * stateSize)
      c.replaceSubrange(0..<stateSize, with: start.c[layer])
    }
    return LayerRecord(
      h: h, c: c, gates: pool.take(rows * config.cell.gateCount * hidden),  // (T, B, G·H)
      hnPre: pool.take(config.cell == .gru ? rows * hidden : 0))  // (T, B, H)
  }

  /// Sets `record`'s gates to the input side of the pre-activations: layer 0 reads the gathered
  /// `inputs`, the others the outputs h_1…h_T of the layer `below`, `(T, B, I)`.
  private func projectInputs(
    layer: Int, params: UnsafePointer<Float>, table: UnsafePointer<Float>?, inputs: (tokens: [Int32], vectors: [Float]),
    below: LayerRecord?, into record: inout LayerRecord
  ) {
    let gateWidth = config.cell.gateCount * config.hidden
    let rows = record.gates.count / gateWidth
    // h is (T+1, B, H): the outputs start after the initial state, T·B·H values before its end.
    let (input, offset) = below.map { ($0.h, $0.h.count - rows * config.hidden) } ?? (inputs.vectors, 0)
    input.withBase { input in
      record.gates.withMutableBase { gates in
        projectInputs(
          layer: layer, params: params, vectors: input + offset, tokens: inputs.tokens, rows: rows, gates: gates,
          table: table)
      }
    }
  }

  /// Where the head reads the top layer's outputs: h_1…h_T (every step scored) or only h_T, and how many rows.
  func headInput(of record: ForwardRecord) -> (offset: Int, rows: Int) {
    headInput(batchSize: record.batchSize, length: record.length, perStep: record.logitsPerStep)
  }

  /// `headInput` for a record of `batchSize` sequences of `length` steps, scored at every step or the last.
  func headInput(batchSize: Int, length: Int, perStep: Bool) -> (offset: Int, rows: Int) {
    let stateSize = batchSize * config.hidden
    return perStep ? (stateSize, length * batchSize) : (length * stateSize, batchSize)
  }

  /// The head's logits (and softmax), the loss and the count of correct predictions, for a record
  /// that `forwardLayers` filled.
  ///
  /// Bands of rows go to the threads, each computing its logits and then their softmax while they
  /// are in cache (`HeadRows`); the losses are summed afterwards in row order, so the total does
  /// not depend on the split. A band is worth a thread from 256K multiply-adds.
  func scoreHead(_ record: inout ForwardRecord, scoring: Scoring) {
    let (headOffset, headRows) = headInput(of: record)
    var outputs = HeadOutputs(self, rows: headRows, backpropagates: false)
    let rowsPerPart = Parallel.minimumPerPart(floor: 16, work: 1 << 18, itemWork: config.outputs * (config.hidden + 16))
    parameters.withBase { params in
      record.layers[config.layers - 1].h.withBase { top in
        outputs.withRows(params: params, scoring: scoring, packed: nil, backpropagating: nil) { rows in
          Parallel.forEachRange(headRows, minimumPerPart: rowsPerPart) { band in rows.score(band, y: top + headOffset) }
        }
      }
    }
    _ = outputs.finish(&record, scoring: scoring)
  }

  /// Mean over counted positions (cross-entropy) or over all B·O outputs (MSE), like PyTorch's "mean".
  func meanLoss(_ sum: Double, scoring: Scoring) -> Float {
    let normaliser = config.head == .regression ? scoring.values.count : scoring.counted
    return normaliser > 0 ? Float(sum / Double(normaliser)) : 0
  }

  /// Backpropagates `record` and stores dL/dparameters in `gradients` (overwriting them).
  ///
  /// `truncation` k > 0 cuts the gradient between chunks of k steps (the forward state still
  /// flows); k ≥ T or nil is full BPTT.
  public func backward(_ record: ForwardRecord, truncation: Int? = nil) -> BackwardRecord {
    gradients.withMutableBase { $0.update(repeating: 0, count: layout.totalCount) }
    return backward(record, truncation: truncation, into: &gradients)
  }

  /// Hands a finished step's buffers back so the next pass reuses them instead of allocating
  /// (`trainStep` and `evaluate` do this themselves), with those of a probe that rode along. Safe
  /// even if a copy of a record is kept: a shared buffer is copied before it is written.
  public func recycle(
    _ record: ForwardRecord, _ backward: BackwardRecord? = nil, probe: (ForwardRecord, BackwardRecord)? = nil
  ) {
    for (record, backward) in [(record, backward)] + (probe.map { [($0.0, $0.1)] } ?? []) {
      pool.give(record.layers.flatMap { [$0.h, $0.c, $0.gates, $0.hnPre] } + [record.logits, record.probabilities])
      if let backward { pool.give(backward.dhTotal + backward.dcTotal + [backward.dLogits, backward.dTopOutputs]) }
    }
    pool.endStep()
  }

  /// Backward into a caller-owned, zeroed gradient buffer, so probes can leave `gradients` alone.
  func backward(_ record: ForwardRecord, truncation: Int?, into grads: inout [Float]) -> BackwardRecord {
    precondition(record.config == config, "record comes from a different architecture")
    let head = grads.withMutableBase { headGradients(record, into: $0) }
    return backwardLayers(record, head: head, truncation: truncation, into: &grads).record
  }

  /// The loss's gradient with respect to the head outputs, `dLogits`, and the head's gradient into
  /// the top layer's outputs it read (`headInput`), `dHead (rows, H)`; adds dW_head and db_head to
  /// `grads` when given.
  func headGradients(_ record: ForwardRecord, into grads: UnsafeMutablePointer<Float>?) -> HeadGradients {
    let scoring = Scoring(batch: record.batch, head: config.head, outputs: config.outputs)
    let (headOffset, headRows) = headInput(of: record)
    var dLogits = pool.take(record.logits.count)
    scoreBackward(record, scoring: scoring, dLogits: &dLogits)
    var dHead = pool.take(headRows * config.hidden)  // (rows, H)
    parameters.withBase { params in
      record.layers[config.layers - 1].h.withBase { top in
        backwardHead(
          params: params, dWeight: grads.map { $0 + headWeightOffset }, dBias: grads.map { $0 + headBiasOffset },
          y: top + headOffset, rows: headRows, dLogits: dLogits, dY: &dHead)
      }
    }
    return HeadGradients(dLogits: dLogits, dHead: dHead)
  }

  /// The recurrent layers of `backward`, from the head's gradients; adds the layers' gradients to `grads`.
  ///
  /// `probe`, a probe's record and its head's gradients, rides along with the batch through every
  /// layer (`backwardRecurrence`): its per-step gradients come back in a record of their own, and
  /// it adds nothing to `grads`. `whileWaiting` goes to the top layer's `backwardRecurrence`.
  func backwardLayers(
    _ record: ForwardRecord, head: HeadGradients, truncation: Int?, into grads: inout [Float],
    probe: (record: ForwardRecord, head: HeadGradients)? = nil, whileWaiting: ((() -> Bool) -> Void)? = nil
  ) -> (record: BackwardRecord, probe: BackwardRecord?) {
    let batchSize = record.batchSize
    let length = record.length
    let rows = batchSize * length
    let hidden = config.hidden
    let stateSize = batchSize * hidden
    let gateWidth = config.cell.gateCount * hidden
    // Layers top-down: each one's dL/dx is the gradient reaching the outputs of the layer below.
    let dTop = topGradient(record, dHead: head.dHead)
    let probeTop = probe.map { topGradient($0.record, dHead: $0.head.dHead) }
    var dY = dTop
    var probeDY = probeTop ?? []
    var dhTotal: [[Float]] = Array(repeating: [], count: config.layers)
    var probeDh = dhTotal
    var dcTotal: [[Float]] = config.cell.hasCellState ? dhTotal : []
    var probeDc = dcTotal
    var dInputs: [Float] = []
    for layer in (0..<config.layers).reversed() {
      let layerRecord = record.layers[layer]
      var dh = pool.take(rows * hidden)  // (T, B, H)
      var dc = pool.take(config.cell.hasCellState ? rows * hidden : 0)  // (T, B, H)
      var dPre = pool.take(rows * gateWidth)  // (T, B, G·H)
      let (input, inputOffset) = layer == 0 ? (record.layerInput, 0) : (record.layers[layer - 1].h, stateSize)
      let needsInputGradient = layer > 0 || !config.input.isOneHot
      var dInput = pool.take(needsInputGradient ? rows * config.inputWidth(ofLayer: layer) : 0)
      // The probe's (T, 1, ·) counterparts; it needs dL/dx only to reach the layer below.
      let probeLength = probe?.record.length ?? 0  // 0 without a probe: its buffers are then empty
      var probeDhLayer = pool.take(probeLength * hidden)  // (T, 1, H)
      var probeDcLayer = pool.take(config.cell.hasCellState ? probeLength * hidden : 0)  // (T, 1, H)
      var probeDPre = pool.take(probeLength * gateWidth)  // (T, 1, G·H)
      var probeDInput = pool.take(layer > 0 ? probeLength * hidden : 0)  // (T, 1, H)
      parameters.withBase { params in
        grads.withMutableBase { grads in
          layerRecord.withBackwardBuffers(batchSize: batchSize, length: length, dY: dY, dh: &dh, dc: &dc, dPre: &dPre) {
            buffers in
            guard let probe else {
              return backwardRecurrence(
                layer: layer, params: params, grads: grads, truncation: truncation ?? 0, batch: buffers)
            }
            probe.record.layers[layer].withBackwardBuffers(
              batchSize: 1, length: probeLength, dY: probeDY, dh: &probeDhLayer, dc: &probeDcLayer, dPre: &probeDPre
            ) { probeBuffers in
              backwardRecurrence(
                layer: layer, params: params, grads: grads, truncation: truncation ?? 0, batch: buffers,
                probe: probeBuffers,
                whileWaiting: layer == config.layers - 1 ? whileWaiting : nil)
            }
          }
          input.withBase { input in
            dInput.withMutableBase { dInputPointer in
              backwardInputs(
                layer: layer, params: params, grads: grads, vectors: input + inputOffset, tokens: record.tokens,
                rows: rows, dPre: dPre, dVectors: needsInputGradient ? dInputPointer : nil)
            }
          }
        }
        if layer > 0, probe != nil {
          // The probe's dx (T, H) = dPre (T, G·H) · W_ih (G·H, H): what reaches the layer below.
          BLAS.gemm(
            m: probeLength, n: hidden, k: gateWidth, a: probeDPre, lda: gateWidth,
            b: params + layerOffsets[layer].weightIH, ldb: hidden, beta: 0, c: &probeDInput, ldc: hidden)
        }
      }
      dhTotal[layer] = dh
      if config.cell.hasCellState { dcTotal[layer] = dc }
      // dPre and a lower layer's dY are scratch; dTop is returned in the record.
      pool.give(layer == config.layers - 1 ? [dPre] : [dPre, dY])
      dY = dInput
      if probe != nil {
        probeDh[layer] = probeDhLayer
        if config.cell.hasCellState { probeDc[layer] = probeDcLayer }
        pool.give(layer == config.layers - 1 ? [probeDPre] : [probeDPre, probeDY])
        probeDY = probeDInput
      }
    }
    switch config.input {
    case .oneHot:
      break
    case .embedding(_, let dim):
      backwardEmbedding(tokens: record.tokens, dVectors: dY, dim: dim, grads: &grads)
    case .dense(let features):
      dInputs = batchFirst(dY, batchSize: batchSize, length: length, width: features)
    }
    let batchRecord = BackwardRecord(
      dhTotal: dhTotal, dcTotal: dcTotal, dLogits: head.dLogits, dTopOutputs: dTop, dInputs: dInputs)
    guard let probe, let probeTop else { return (batchRecord, nil) }
    return (
      batchRecord,
      BackwardRecord(
        dhTotal: probeDh, dcTotal: probeDc, dLogits: probe.head.dLogits, dTopOutputs: probeTop, dInputs: [])
    )
  }

  /// The gradient reaching the top layer's outputs from the head, `(T, B, H)`: `dHead` itself when
  /// every step is scored, else zeros with `dHead (B, H)` at the last step.
  private func topGradient(_ record: ForwardRecord, dHead: [Float]) -> [Float] {
    guard !record.logitsPerStep else { return dHead }
    let stateSize = record.batchSize * config.hidden
    let length = record.length
    var dTop = [Float](repeating: 0, count: length * stateSize)
    dTop.replaceSubrange(((length - 1) * stateSize)..<(length * stateSize), with: dHead)
    return dTop
  }

  /// Time-major token ids `(T, B)` and layer-0 input vectors `(T, B, I)` (empty for one-hot).
  private func gatherInputs(_ batch: Batch) -> (tokens: [Int32], vectors: [Float]) {
    let batchSize = batch.batchSize
    let length = batch.length
    switch config.input {
    case .dense(let features):
      precondition(batch.features.count == batchSize * length * features, "features must be (B, T, I)")
      var vectors = [Float](repeating: 0, count: batch.features.count)
      for b in 0..<batchSize {
        for t in 0..<length {
          let source = (b * length + t) * features
          let target = (t * batchSize + b) * features
          for j in 0..<features { vectors[target + j] = batch.features[source + j] }
        }
      }
      return ([], vectors)
    case .oneHot, .embedding:
      precondition(batch.tokens.count == batchSize * length, "tokens must be (B, T)")
      var tokens = [Int32](repeating: 0, count: batch.tokens.count)
      for b in 0..<batchSize {
        for t in 0..<length { tokens[t * batchSize + b] = batch.tokens[b * length + t] }
      }
      if case .embedding(let vocab, let dim) = config.input {
        return (tokens, parameters.withBase { embed(tokens: tokens, params: $0, vocab: vocab, dim: dim) })
      }
      return (tokens, [])
    }
  }

  /// Gradient of the mean loss with respect to the head outputs.
  private func scoreBackward(_ record: ForwardRecord, scoring: Scoring, dLogits: inout [Float]) {
    if config.head == .regression {
      let scale = 1 / Float(max(scoring.values.count, 1))
      Loss.squaredErrorBackward(outputs: record.logits, targets: scoring.values, scale: scale, dOutputs: &dLogits)
      return
    }
    Loss.crossEntropyBackward(
      probabilities: record.probabilities, rows: scoring.weights.count, classes: config.outputs,
      targets: scoring.classes, weights: scoring.weights, scale: 1 / Float(max(scoring.counted, 1)),
      dLogits: &dLogits)
  }

  /// Converts a time-major `(T, B, W)` buffer to batch-first `(B, T, W)`.
  private func batchFirst(_ values: [Float], batchSize: Int, length: Int, width: Int) -> [Float] {
    var result = [Float](repeating: 0, count: values.count)
    for t in 0..<length {
      for b in 0..<batchSize {
        let source = (t * batchSize + b) * width
        let target = (b * length + t) * width
        for j in 0..<width { result[target + j] = values[source + j] }
      }
    }
    return result
  }
}
