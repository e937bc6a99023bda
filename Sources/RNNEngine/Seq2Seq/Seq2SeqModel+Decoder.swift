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

  /// Step i for `tokens (B)` = y_{i−1}: attention, x_i = concat(tgt_embedding(y_{i−1}), c_i), every
  /// layer's cell (slot i → slot i+1), and logits_i = output(h_i^d) `(B, V)`.
  func decoderStepForward(_ record: Seq2SeqRecord, step i: Int, tokens: [Int32], parameters: UnsafePointer<Float>) {
    let (b, d, e) = (record.batchSize, config.decoderHidden, config.embedding)
    attentionForward(record, step: i, parameters: parameters)
    let inputWidth = e + d
    let input = record.decoderInput.pointer + i * b * inputWidth  // (B, E + D)
    for row in 0..<b {
      (input + row * inputWidth).update(from: parameters + targetEmbedding + Int(tokens[row]) * e, count: e)
      (input + row * inputWidth + e).update(from: record.context.pointer + (i * b + row) * d, count: d)
    }
    let gateWidth = config.cell.gateCount * d
    let scratch = allocateZeroed(b * gateWidth)
    defer { scratch.deallocate() }
    for layer in 0..<config.layers {
      let place = decoder.offsets[layer]
      let below: UnsafeMutablePointer<Float> = record.decoderH[max(layer - 1, 0)].pointer + (i + 1) * b * d
      let layerInput = UnsafePointer(layer == 0 ? input : below)
      let gates = record.decoderGates[layer].pointer + i * b * gateWidth
      BLAS.gemm(
        transB: true, m: b, n: gateWidth, k: place.inputWidth, a: layerInput, lda: place.inputWidth,
        b: parameters + place.inputWeight, ldb: place.inputWidth, beta: 0, c: gates, ldc: gateWidth)
      for row in 0..<b {
        for j in 0..<gateWidth { gates[row * gateWidth + j] += parameters[place.inputBias + j] }
      }
      let (h, c) = (record.decoderH[layer].pointer, record.decoderC[layer].pointer)
      RecurrentStep.forward(
        cell: config.cell,
        weights: .init(hiddenWeight: parameters + place.hiddenWeight, hiddenBias: parameters + place.hiddenBias),
        gates: gates, hPrev: h + i * b * d, cPrev: c + i * b * d, h: h + (i + 1) * b * d, c: c + (i + 1) * b * d,
        hnPre: record.decoderHnPre[layer].pointer + i * b * d, scratch: scratch, rows: b, hidden: d)
    }
    // logits_i = h_i^d W_outᵀ + b_out   (B, D) · (D, V)
    let v = config.targetVocabulary
    let logits = record.logits.pointer + i * b * v
    for row in 0..<b { (logits + row * v).update(from: parameters + outputBias, count: v) }
    BLAS.gemm(
      transB: true, m: b, n: v, k: d, a: record.decoderH[config.layers - 1].pointer + (i + 1) * b * d, lda: d,
      b: parameters + outputWeight, ldb: d, beta: 1, c: logits, ldc: v)
  }

  /// BPTT through every decoder step from dL/dh_i^d of the top layer `dTop (T, B, D)`: accumulates
  /// the decoder's, the target embedding's and the attention's gradients, dL/dh^e through attention
  /// into `dMemory` and into `dKeys`, and the top layer's total dL/dh_i^d into `dTopStates (T, B, D)`;
  /// returns dL/d(start state) per layer (h and c).
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
    let dPreInput = (0..<layers).map { _ in FloatBuffer(t * b * gateWidth) }
    let dPreHidden = config.cell == .gru ? (0..<layers).map { _ in FloatBuffer(t * b * gateWidth) } : dPreInput
    let dInput = FloatBuffer(t * b * inputWidth)  // dL/dx_i (T, B, E + D)
    let (dh, dcNext, dBelow, dContext, dFixed) = (
      FloatBuffer(b * d), FloatBuffer(b * d), FloatBuffer(b * d), FloatBuffer(b * d), FloatBuffer(b * d)
    )
    let scratch = FloatBuffer(b * d)
    for i in (0..<t).reversed() {
      for layer in (0..<layers).reversed() {
        let place = decoder.offsets[layer]
        let above = layer == layers - 1 ? dTop + i * b * d : UnsafePointer(dBelow.pointer)
        for k in 0..<(b * d) { dh.pointer[k] = dhCarry[layer].pointer[k] + above[k] }
        if layer == layers - 1 { (dTopStates + i * b * d).update(from: dh.pointer, count: b * d) }
        dcNext.pointer.update(from: dcCarry[layer].pointer, count: b * d)
        let (h, c) = (record.decoderH[layer].pointer, record.decoderC[layer].pointer)
        let dPre = dPreInput[layer].pointer + i * b * gateWidth
        RecurrentStep.backward(
          cell: config.cell,
          weights: .init(hiddenWeight: parameters + place.hiddenWeight, hiddenBias: parameters + place.hiddenBias),
          dh: dh.pointer, dcNext: dcNext.pointer, gates: record.decoderGates[layer].pointer + i * b * gateWidth,
          hPrev: h + i * b * d, h: h + (i + 1) * b * d, cPrev: c + i * b * d, c: c + (i + 1) * b * d,
          hnPre: record.decoderHnPre[layer].pointer + i * b * d, dPreInput: dPre,
          dPreHidden: dPreHidden[layer].pointer + i * b * gateWidth, dhPrev: dhCarry[layer].pointer,
          dcPrev: dcCarry[layer].pointer, scratch: scratch.pointer, rows: b, hidden: d)
        // dL/dinput = dPre W_ih   (B, G·D) · (G·D, in): the layer below's h_i, or x_i for layer 0.
        let target = layer == 0 ? dInput.pointer + i * b * inputWidth : dBelow.pointer
        BLAS.gemm(
          m: b, n: place.inputWidth, k: gateWidth, a: dPre, lda: gateWidth, b: parameters + place.inputWeight,
          ldb: place.inputWidth, beta: 0, c: target, ldc: place.inputWidth)
      }
      // x_i = concat(embedding, c_i): the c_i half goes back through attention into the query h_{i−1}^d.
      for row in 0..<b {
        (dContext.pointer + row * d).update(from: dInput.pointer + (i * b + row) * inputWidth + e, count: d)
      }
      attentionBackward(
        record, step: i, parameters: parameters, gradients: gradients, dContext: dContext.pointer,
        dQuery: dhCarry[layers - 1].pointer, dMemory: dMemory, dKeys: dKeys, dFixedContext: dFixed.pointer)
    }
    for k in 0..<(b * d) { dhCarry[layers - 1].pointer[k] += dFixed.pointer[k] }
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
