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
  ///
  /// Layer 0 reads x_i = [tgt_embedding(y_{i−1}); c_i]: its product takes only W_ih's context
  /// columns, and the embedding's share is a row of `embeddingTable`, one per symbol.
  struct DecoderWeights {
    /// `op(W_ih)` per layer (layer 0: the context columns `W_ih[:, E:]`).
    var input: [PackedWeights]
    /// W_hh and b_hh per layer.
    var recurrent: [RecurrentStep.Weights]
    /// Forward: row v = tgt_embedding[v] W_ih[:, :E]ᵀ + b_ih `(V, G·D)` (empty for the backward pass).
    var embeddingTable: FloatBuffer

    /// Returns the packed buffers to `pool`.
    func recycle(into pool: BufferPool) {
      for weights in input + recurrent.map(\.hidden) { weights.recycle(into: pool) }
    }
  }

  /// Packs the decoder's weights for a forward (`forward`) or backward pass on `rows` rows.
  func decoderWeights(parameters: UnsafePointer<Float>, rows: Int, forward: Bool, pool: BufferPool) -> DecoderWeights {
    let gateWidth = config.cell.gateCount * config.decoderHidden
    return DecoderWeights(
      input: decoder.offsets.enumerated().map { layer, place in
        let skipped = layer == 0 ? config.embedding : 0  // layer 0: the embedding's columns come from the table
        let width = place.inputWidth - skipped
        return PackedWeights(
          parameters + place.inputWeight + skipped, transposed: forward, depth: forward ? width : gateWidth,
          width: forward ? gateWidth : width, rows: rows, pool: pool, leadingDimension: place.inputWidth)
      },
      recurrent: (0..<config.layers).map {
        decoder.stepWeights($0, parameters: parameters, rows: rows, forward: forward, pool: pool)
      },
      embeddingTable: forward ? targetEmbeddingTable(parameters: parameters) : FloatBuffer(0))
  }

  /// Row v of `(V, G·D)`: where symbol v's layer-0 pre-activations start, tgt_embedding[v] W_ih[:, :E]ᵀ + b_ih.
  func targetEmbeddingTable(parameters: UnsafePointer<Float>) -> FloatBuffer {
    let (v, e, gateWidth) = (config.targetVocabulary, config.embedding, config.cell.gateCount * config.decoderHidden)
    let place = decoder.offsets[0]
    let table = FloatBuffer(overwritten: v * gateWidth)
    for symbol in 0..<v {
      (table.pointer + symbol * gateWidth).update(from: parameters + place.inputBias, count: gateWidth)
    }
    BLAS.gemm(
      transB: true, m: v, n: gateWidth, k: e, a: parameters + targetEmbedding, lda: e,
      b: parameters + place.inputWeight, ldb: place.inputWidth, beta: 1, c: table.pointer, ldc: gateWidth)
    return table
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
    let (b, d) = (record.batchSize, config.decoderHidden)
    attentionForward(record, step: i, rows: rows, projected: scratch.projected.pointer, parameters: parameters)
    let gateWidth = config.cell.gateCount * d
    let first = rows.lowerBound
    for layer in 0..<config.layers {
      let place = decoder.offsets[layer]
      let gates = record.decoderGates[layer].pointer + (i * b + first) * gateWidth
      if layer == 0 {
        // (rows, G·D) = x W_ihᵀ + b_ih = [tgt_embedding(y_{i−1}) W_ih[:, :E]ᵀ + b_ih] (the table's row)
        //   + c_i W_ih[:, E:]ᵀ   (rows, D) · (D, G·D)
        for row in rows {
          (gates + (row - first) * gateWidth).update(
            from: weights.embeddingTable.pointer + Int(token(row)) * gateWidth, count: gateWidth)
        }
        weights.input[0].multiply(
          rows: rows.count, record.context.pointer + (i * b + first) * d, lda: d, beta: 1, into: gates, ldc: gateWidth)
      } else {
        // (rows, G·D) = h_i of the layer below W_ihᵀ + b_ih
        weights.input[layer].multiply(
          rows: rows.count, record.decoderH[layer - 1].pointer + (i + 1) * b * d + first * d, lda: d, beta: 0,
          into: gates, ldc: gateWidth)
        RecurrentStep.addBias(
          parameters + place.inputBias, count: gateWidth, to: gates, rows: rows.count, width: gateWidth)
      }
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
    let (t, b, d, layers) = (record.targetLength, record.batchSize, config.decoderHidden, config.layers)
    let gateWidth = config.cell.gateCount * d
    let dhCarry = (0..<layers).map { _ in FloatBuffer(b * d) }  // dL/dh of slot i per layer
    let dcCarry = (0..<layers).map { _ in FloatBuffer(b * d) }
    // Written for every step and row by the cell's backward step and the input product.
    let dPreInput = (0..<layers).map { _ in FloatBuffer(overwritten: t * b * gateWidth) }
    let dPreHidden =
      config.cell == .gru ? (0..<layers).map { _ in FloatBuffer(overwritten: t * b * gateWidth) } : dPreInput
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
          // dL/dinput = dPre W_ih   (rows, G·D) · (G·D, D): the layer below's h_i, or for layer 0 the
          // c_i half of x_i = [embedding; c_i] (the embedding's half: `decoderInputGradients`), which
          // goes back through attention into the query h_{i−1}^d.
          let target = layer == 0 ? dContextAll.pointer + rows.lowerBound * d : dBelow
          weights.input[layer].multiply(rows: rows.count, dPre, lda: gateWidth, beta: 0, into: target, ldc: d)
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
      // Layer 0's W_ih: `decoderInputGradients`; above, x is the layer below's h_i (slots 1…T).
      let layerInput = layer == 0 ? nil : UnsafePointer(record.decoderH[layer - 1].pointer + b * d)
      decoder.accumulateWeightGradients(
        place: decoder.offsets[layer], gradients: gradients, dPreInput: dPreInput[layer].pointer,
        dPreHidden: dPreHidden[layer].pointer, layerInput: layerInput, hPrevious: record.decoderH[layer].pointer,
        rows: t * b)
    }
    decoderInputGradients(record, parameters: parameters, gradients: gradients, dPre: dPreInput[0].pointer)
    return (dhCarry, dcCarry)
  }

  /// Backward of layer 0's x_i W_ihᵀ with x_i = [tgt_embedding(y_{i−1}); c_i], from `dPre (T·B, G·D)`:
  /// dW_ih's context columns from the contexts, and its embedding columns and the target
  /// embedding's gradient from dPre summed per symbol (the rows of one symbol share its embedding).
  func decoderInputGradients(
    _ record: Seq2SeqRecord, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>,
    dPre: UnsafePointer<Float>
  ) {
    let (t, b, d, e, v) = (
      record.targetLength, record.batchSize, config.decoderHidden, config.embedding, config.targetVocabulary
    )
    let gateWidth = config.cell.gateCount * d
    let place = decoder.offsets[0]
    // dW_ih[:, E:] (G·D, D) += dPreᵀ (G·D, T·B) · c (T·B, D)
    BLAS.gemm(
      transA: true, m: gateWidth, n: d, k: t * b, a: dPre, lda: gateWidth, b: record.context.pointer, ldb: d,
      beta: 1, c: gradients + place.inputWeight + e, ldc: place.inputWidth)
    let perSymbol = FloatBuffer(v * gateWidth)  // Σ dPre over the rows reading symbol v (V, G·D)
    for i in 0..<t {
      for row in 0..<b {
        let target = perSymbol.pointer + Int(record.batch.targetIn[row * t + i]) * gateWidth
        let source = dPre + (i * b + row) * gateWidth
        for j in 0..<gateWidth { target[j] += source[j] }
      }
    }
    // dW_ih[:, :E] (G·D, E) += perSymbolᵀ (G·D, V) · tgt_embedding (V, E)
    BLAS.gemm(
      transA: true, m: gateWidth, n: e, k: v, a: perSymbol.pointer, lda: gateWidth, b: parameters + targetEmbedding,
      ldb: e, beta: 1, c: gradients + place.inputWeight, ldc: place.inputWidth)
    // dtgt_embedding (V, E) += perSymbol (V, G·D) · W_ih[:, :E] (G·D, E)
    BLAS.gemm(
      m: v, n: e, k: gateWidth, a: perSymbol.pointer, lda: gateWidth, b: parameters + place.inputWeight,
      ldb: place.inputWidth, beta: 1, c: gradients + targetEmbedding, ldc: e)
  }
}
