/// The bridge and one decoder step, each forward next to its backward.
extension Seq2SeqModel {
  // MARK: Bridge

  /// Decoder start of layer K (slot 0, `(B, D)`) = the encoder's final state of layer K, the forward
  /// and backward finals side by side when bidirectional; LSTM carries c the same way.
  func bridgeForward(_ record: Seq2SeqRecord) {
    let (b, h, d, dirs) = (record.batchSize, config.hidden, config.decoderHidden, encoder.directions)
    for layer in 0..<config.layers {
      for direction in 0..<dirs {
        let index = layer * dirs + direction
        let finalH = encoder.finalState(record.encoder.h[index], index: index, record: record.encoder)
        let finalC =
          config.cell == .lstm ? encoder.finalState(record.encoder.c[index], index: index, record: record.encoder) : nil
        for row in 0..<b {
          (record.decoderH[layer].pointer + row * d + direction * h).update(from: finalH + row * h, count: h)
          if let finalC {
            (record.decoderC[layer].pointer + row * d + direction * h).update(from: finalC + row * h, count: h)
          }
        }
      }
    }
  }

  /// Backward of the bridge: splits dL/d(decoder start) `(L, B, D)` into the encoder's
  /// dL/dh_n (and dL/dc_n) `(L·dirs, B, H)` in PyTorch's order.
  func bridgeBackward(
    _ record: Seq2SeqRecord, dStartH: [FloatBuffer], dStartC: [FloatBuffer], dFinalH: UnsafeMutablePointer<Float>,
    dFinalC: UnsafeMutablePointer<Float>
  ) {
    let (b, h, d, dirs) = (record.batchSize, config.hidden, config.decoderHidden, encoder.directions)
    for layer in 0..<config.layers {
      for direction in 0..<dirs {
        let index = layer * dirs + direction
        for row in 0..<b {
          (dFinalH + (index * b + row) * h).update(from: dStartH[layer].pointer + row * d + direction * h, count: h)
          if config.cell == .lstm {
            (dFinalC + (index * b + row) * h).update(from: dStartC[layer].pointer + row * d + direction * h, count: h)
          }
        }
      }
    }
  }

  // MARK: Decoder step

  /// The decoder's weights packed once for every step of a pass on `rows` rows, per layer: the
  /// forward pass's `W_ihᵀ` and `W_hhᵀ`, or the backward pass's `W_ih` and `W_hh`.
  struct DecoderWeights {
    /// `op(W_ih)` per layer.
    var input: [PackedWeights]
    /// W_hh and b_hh per layer.
    var recurrent: [RecurrentStep.Weights]

    /// Returns the packed buffers to `pool`.
    func recycle(into pool: BufferPool) {
      for weights in input + recurrent.map(\.hidden) { weights.recycle(into: pool) }
    }
  }

  /// Packs the decoder's weights for a forward (`forward`) or backward pass on `rows` rows.
  func decoderWeights(parameters: UnsafePointer<Float>, rows: Int, forward: Bool, pool: BufferPool) -> DecoderWeights {
    let gateWidth = config.cell.gateCount * config.decoderHidden
    return DecoderWeights(
      input: decoder.offsets.map { place in
        PackedWeights(
          parameters + place.inputWeight, transposed: forward, depth: forward ? place.inputWidth : gateWidth,
          width: forward ? gateWidth : place.inputWidth, rows: rows, pool: pool)
      },
      recurrent: (0..<config.layers).map {
        decoder.stepWeights($0, parameters: parameters, rows: rows, forward: forward, pool: pool)
      })
  }

  /// Every decoder step of a teacher-forced pass (the inputs are `batch.targetIn`), then the
  /// output head over all steps at once. Each thread takes a band of the batch through all steps.
  func decoderForward(_ record: Seq2SeqRecord, parameters: UnsafePointer<Float>) {
    let (t, b) = (record.targetLength, record.batchSize)
    let pool = BufferPool()
    let weights = decoderWeights(parameters: parameters, rows: b, forward: true, pool: pool)
    let scratch = DecoderScratch(model: self, batchSize: b)
    Parallel.forEachRange(b, minimumPerPart: RecurrentStack.rowsPerThread) { rows in
      for i in 0..<t {
        decoderStep(
          record, step: i, rows: rows, token: { record.batch.targetIn[$0 * t + i] }, weights: weights,
          scratch: scratch, parameters: parameters)
      }
    }
    weights.recycle(into: pool)
    outputForward(record, steps: 0..<t, parameters: parameters)
  }

  /// Step i for `tokens (B)` = y_{i−1} on the whole batch, with its logits: one step of decoding.
  func decoderStepForward(_ record: Seq2SeqRecord, step i: Int, tokens: [Int32], parameters: UnsafePointer<Float>) {
    let b = record.batchSize
    let pool = BufferPool()
    let weights = decoderWeights(parameters: parameters, rows: b, forward: true, pool: pool)
    decoderStep(
      record, step: i, rows: 0..<b, token: { tokens[$0] }, weights: weights,
      scratch: DecoderScratch(model: self, batchSize: b), parameters: parameters)
    outputForward(record, steps: i..<(i + 1), parameters: parameters)
  }

  /// Work space of a decoder pass, `(B, ·)` each: every band of rows uses its own rows.
  final class DecoderScratch {
    /// GRU's W_hh h without bias `(B, G·D)`.
    let recurrent: FloatBuffer
    /// Additive attention's W_s s `(B, D)` (empty otherwise).
    let projected: FloatBuffer

    init(model: Seq2SeqModel, batchSize: Int) {
      let d = model.config.decoderHidden
      recurrent = FloatBuffer(batchSize * model.config.cell.gateCount * d)
      projected = FloatBuffer(model.config.attention == .additive ? batchSize * d : 0)
    }
  }

  /// Step i on `rows` of the batch, `token(row)` = y_{i−1}: attention, x_i = concat(tgt_embedding(y_{i−1}),
  /// c_i), and every layer's cell (slot i → slot i+1).
  func decoderStep(
    _ record: Seq2SeqRecord, step i: Int, rows: Range<Int>, token: (Int) -> Int32, weights: DecoderWeights,
    scratch: DecoderScratch, parameters: UnsafePointer<Float>
  ) {
    let (b, d, e) = (record.batchSize, config.decoderHidden, config.embedding)
    attentionForward(record, step: i, rows: rows, projected: scratch.projected.pointer, parameters: parameters)
    let inputWidth = e + d
    let input = record.decoderInput.pointer + i * b * inputWidth  // (B, E + D)
    for row in rows {
      (input + row * inputWidth).update(from: parameters + targetEmbedding + Int(token(row)) * e, count: e)
      (input + row * inputWidth + e).update(from: record.context.pointer + (i * b + row) * d, count: d)
    }
    let gateWidth = config.cell.gateCount * d
    let first = rows.lowerBound
    for layer in 0..<config.layers {
      let place = decoder.offsets[layer]
      let below: UnsafeMutablePointer<Float> = record.decoderH[max(layer - 1, 0)].pointer + (i + 1) * b * d
      let layerInput = UnsafePointer(layer == 0 ? input + first * inputWidth : below + first * d)
      let gates = record.decoderGates[layer].pointer + (i * b + first) * gateWidth
      // (rows, G·D) = x W_ihᵀ + b_ih
      weights.input[layer].multiply(
        rows: rows.count, layerInput, lda: place.inputWidth, beta: 0, into: gates, ldc: gateWidth)
      RecurrentStep.addBias(
        parameters + place.inputBias, count: gateWidth, to: gates, rows: rows.count, width: gateWidth)
      let (h, c) = (record.decoderH[layer].pointer, record.decoderC[layer].pointer)
      let (state, previous) = ((i + 1) * b * d + first * d, i * b * d + first * d)
      RecurrentStep.forward(
        cell: config.cell, weights: weights.recurrent[layer], gates: gates, hPrev: h + previous, cPrev: c + previous,
        h: h + state, c: c + state, hnPre: record.decoderHnPre[layer].pointer + i * b * d + first * d,
        scratch: scratch.recurrent.pointer + first * gateWidth, rows: rows.count, hidden: d)
    }
  }

  /// logits_i = h_i^d W_outᵀ + b_out for the steps `steps`, all rows in one product `(steps·B, D) · (D, V)`.
  func outputForward(_ record: Seq2SeqRecord, steps: Range<Int>, parameters: UnsafePointer<Float>) {
    let (b, d, v) = (record.batchSize, config.decoderHidden, config.targetVocabulary)
    let rows = steps.count * b
    let logits = record.logits.pointer + steps.lowerBound * b * v
    for row in 0..<rows { (logits + row * v).update(from: parameters + outputBias, count: v) }
    BLAS.gemm(
      transB: true, m: rows, n: v, k: d, a: record.decoderH[config.layers - 1].pointer + (steps.lowerBound + 1) * b * d,
      lda: d, b: parameters + outputWeight, ldb: d, beta: 1, c: logits, ldc: v)
  }

  /// BPTT through every decoder step from dL/dh_i^d of the top layer `dTop (T, B, D)`: accumulates
  /// the decoder's, the target embedding's and the attention's gradients, dL/dh^e through attention
  /// into `dMemory` and into `dKeys` `(B, S, D)`, and the top layer's total dL/dh_i^d into `dTopStates (T, B, D)`;
  /// returns dL/d(start state) per layer (h and c). Each thread takes a band of the batch through all
  /// steps; the weight gradients come after, from products over all steps and rows.
  func decoderBackward(
    _ record: Seq2SeqRecord, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>,
    dTop: UnsafePointer<Float>, dMemory: UnsafeMutablePointer<Float>, dKeys: UnsafeMutablePointer<Float>,
    dTopStates: UnsafeMutablePointer<Float>
  ) -> (h: [FloatBuffer], c: [FloatBuffer]) {
    let (t, b, d, e, layers) = (
      record.targetLength, record.batchSize, config.decoderHidden, config.embedding, config.layers
    )
    let gateWidth = config.cell.gateCount * d
    let inputWidth = e + d
    let dhCarry = (0..<layers).map { _ in FloatBuffer(b * d) }  // dL/dh of slot i per layer
    let dcCarry = (0..<layers).map { _ in FloatBuffer(b * d) }
    // Written for every step and row by the cell's backward step and the input product.
    let dPreInput = (0..<layers).map { _ in FloatBuffer(overwritten: t * b * gateWidth) }
    let dPreHidden =
      config.cell == .gru ? (0..<layers).map { _ in FloatBuffer(overwritten: t * b * gateWidth) } : dPreInput
    let dInput = FloatBuffer(overwritten: t * b * inputWidth)  // dL/dx_i (T, B, E + D)
    // (B, D) each; every band of rows works on its own rows.
    let (dhAll, dcNextAll, dBelowAll, dContextAll, dFixedAll) = (
      FloatBuffer(b * d), FloatBuffer(b * d), FloatBuffer(b * d), FloatBuffer(b * d), FloatBuffer(b * d)
    )
    let scratchAll = FloatBuffer(b * d)
    let attention = AttentionGradients(model: self, record: record)
    let pool = BufferPool()
    let weights = decoderWeights(parameters: parameters, rows: b, forward: false, pool: pool)
    Parallel.forEachRange(b, minimumPerPart: RecurrentStack.rowsPerThread) { rows in
      let (first, size) = (rows.lowerBound * d, rows.count * d)
      let (dh, dcNext, dBelow) = (dhAll.pointer + first, dcNextAll.pointer + first, dBelowAll.pointer + first)
      for i in (0..<t).reversed() {
        for layer in (0..<layers).reversed() {
          let place = decoder.offsets[layer]
          let above = layer == layers - 1 ? dTop + i * b * d + first : UnsafePointer(dBelow)
          let dhCarryRows = dhCarry[layer].pointer + first
          for k in 0..<size { dh[k] = dhCarryRows[k] + above[k] }
          if layer == layers - 1 { (dTopStates + i * b * d + first).update(from: dh, count: size) }
          dcNext.update(from: dcCarry[layer].pointer + first, count: size)
          let (h, c) = (record.decoderH[layer].pointer, record.decoderC[layer].pointer)
          let gateRows = (i * b + rows.lowerBound) * gateWidth
          let dPre = dPreInput[layer].pointer + gateRows
          let (state, previous) = ((i + 1) * b * d + first, i * b * d + first)
          RecurrentStep.backward(
            cell: config.cell, weights: weights.recurrent[layer], dh: dh, dcNext: dcNext,
            gates: record.decoderGates[layer].pointer + gateRows, hPrev: h + previous, h: h + state,
            cPrev: c + previous, c: c + state, hnPre: record.decoderHnPre[layer].pointer + i * b * d + first,
            dPreInput: dPre, dPreHidden: dPreHidden[layer].pointer + gateRows, dhPrev: dhCarryRows,
            dcPrev: dcCarry[layer].pointer + first, scratch: scratchAll.pointer + first, rows: rows.count, hidden: d)
          // dL/dinput = dPre W_ih   (rows, G·D) · (G·D, in): the layer below's h_i, or x_i for layer 0.
          let target = layer == 0 ? dInput.pointer + (i * b + rows.lowerBound) * inputWidth : dBelow
          weights.input[layer].multiply(
            rows: rows.count, dPre, lda: gateWidth, beta: 0, into: target, ldc: place.inputWidth)
        }
        // x_i = concat(embedding, c_i): the c_i half goes back through attention into the query h_{i−1}^d.
        for row in rows {
          (dContextAll.pointer + row * d).update(from: dInput.pointer + (i * b + row) * inputWidth + e, count: d)
        }
        attentionBackward(
          record, step: i, rows: rows, parameters: parameters, dContext: dContextAll.pointer,
          dQuery: dhCarry[layers - 1].pointer, dMemory: dMemory, dKeys: dKeys, dFixedContext: dFixedAll.pointer,
          work: attention)
      }
      let dhTop = dhCarry[layers - 1].pointer + first
      for k in 0..<size { dhTop[k] += dFixedAll.pointer[first + k] }
    }
    weights.recycle(into: pool)
    attentionParameterGradients(record, gradients: gradients, work: attention)
    for layer in 0..<layers {
      let below: UnsafeMutablePointer<Float> = record.decoderH[max(layer - 1, 0)].pointer + b * d
      let layerInput = UnsafePointer(layer == 0 ? record.decoderInput.pointer : below)
      decoder.accumulateWeightGradients(
        place: decoder.offsets[layer], gradients: gradients, dPreInput: dPreInput[layer].pointer,
        dPreHidden: dPreHidden[layer].pointer, layerInput: layerInput, hPrevious: record.decoderH[layer].pointer,
        rows: t * b)
    }
    for i in 0..<t {
      for row in 0..<b {
        let id = Int(record.batch.targetIn[row * t + i])
        let dRow = gradients + targetEmbedding + id * e
        let source = dInput.pointer + (i * b + row) * inputWidth
        for k in 0..<e { dRow[k] += source[k] }
      }
    }
    return (dhCarry, dcCarry)
  }
}
