/// Attention, forward next to backward: scores of the query s = h_{i−1}^d against every encoder
/// output h_j^e, α_i = softmax over j < the source's length, c_i = Σ_j α_ij h_j^e.
///
/// Attention works on the encoder's output sequence by sequence, `record.memory (B, S, D)`, and
/// its gradient `dMemory (B, S, D)`; `attentionMemoryForward` and `attentionMemoryBackward`
/// convert from and to the encoder's `(S, B, D)`.
extension Seq2SeqModel {
  /// Copies h^e `(S, B, D)` into `record.memory (B, S, D)` and computes the keys every step reads:
  /// W h^e (general) or W_h h^e (additive), `(B·S, D)`.
  func attentionMemoryForward(_ record: Seq2SeqRecord, parameters: UnsafePointer<Float>) {
    guard config.attention != .none else { return }
    let (s, b, d) = (record.sourceLength, record.batchSize, config.decoderHidden)
    swapOuterAxes(record.encoder.top.pointer, s, b, width: d, into: record.memory.pointer)
    guard attentionOffsets.keyWeight >= 0 else { return }
    BLAS.gemm(
      transB: true, m: b * s, n: d, k: d, a: record.memory.pointer, lda: d, b: parameters + attentionOffsets.keyWeight,
      ldb: d, beta: 0, c: record.keys.pointer, ldc: d)
  }

  /// Backward of `attentionMemoryForward`: dW += dKeysᵀ h^e and dMemory += dKeys W `(B, S, D)`,
  /// then dL/dh^e `(S, B, D)` = dMemory in the encoder's order.
  func attentionMemoryBackward(
    _ record: Seq2SeqRecord, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>,
    dKeys: UnsafePointer<Float>, dMemory: UnsafeMutablePointer<Float>, dEncoderOutput: UnsafeMutablePointer<Float>
  ) {
    guard config.attention != .none else { return }
    let (s, b, d) = (record.sourceLength, record.batchSize, config.decoderHidden)
    if attentionOffsets.keyWeight >= 0 {
      BLAS.gemm(
        transA: true, m: d, n: d, k: b * s, a: dKeys, lda: d, b: record.memory.pointer, ldb: d, beta: 1,
        c: gradients + attentionOffsets.keyWeight, ldc: d)
      BLAS.gemm(
        m: b * s, n: d, k: d, a: dKeys, lda: d, b: parameters + attentionOffsets.keyWeight, ldb: d, beta: 1,
        c: dMemory, ldc: d)
    }
    swapOuterAxes(dMemory, b, s, width: d, into: dEncoderOutput)
  }

  /// Copies `source (first, second, width)` into `target (second, first, width)`.
  func swapOuterAxes(
    _ source: UnsafePointer<Float>, _ first: Int, _ second: Int, width: Int, into target: UnsafeMutablePointer<Float>
  ) {
    for outer in 0..<first {
      for inner in 0..<second {
        (target + (inner * first + outer) * width).update(from: source + (outer * second + inner) * width, count: width)
      }
    }
  }

  /// Step i on `rows` of the batch: α_i `(B, S)` and c_i `(B, D)` from the query h_{i−1}^d (top
  /// layer, slot i). `projected (B, D)` is additive attention's work space for W_s s.
  func attentionForward(
    _ record: Seq2SeqRecord, step i: Int, rows: Range<Int>, projected: UnsafeMutablePointer<Float>,
    parameters: UnsafePointer<Float>
  ) {
    let (s, b, d) = (record.sourceLength, record.batchSize, config.decoderHidden)
    let top = record.decoderH[config.layers - 1].pointer
    let query = top + i * b * d  // (B, D)
    let context = record.context.pointer + i * b * d  // (B, D)
    guard config.attention != .none else {
      // c = h_n^e, the bridged start of the top layer
      (context + rows.lowerBound * d).update(from: top + rows.lowerBound * d, count: rows.count * d)
      return
    }
    let memory = record.memory.pointer  // (B, S, D)
    let keys = config.attention == .dot ? memory : record.keys.pointer
    let alpha = record.alpha.pointer + i * b * s  // (B, S)
    if config.attention == .additive {
      BLAS.gemm(
        transB: true, m: rows.count, n: d, k: d, a: query + rows.lowerBound * d, lda: d,
        b: parameters + attentionOffsets.queryWeight, ldb: d, beta: 0, c: projected + rows.lowerBound * d, ldc: d)
    }
    for row in rows {
      let length = record.batch.sourceLengths[row]
      let scores = alpha + row * s
      let (rowMemory, rowKeys) = (memory + row * s * d, keys + row * s * d)  // (S, D) each
      if config.attention == .additive {
        for j in 0..<length {
          let key = rowKeys + j * d
          let hidden = record.additiveHidden.pointer + ((i * b + row) * s + j) * d
          for k in 0..<d { hidden[k] = FastMath.tanh(projected[row * d + k] + key[k]) }
          scores[j] = FastMath.dot(parameters + attentionOffsets.scoreWeight, hidden, count: d)
        }
      } else {
        // score_j = s · key_j   (S, D) · (D)
        FastMath.dots(query + row * d, rows: rowKeys, rowStride: d, count: length, width: d, into: scores)
      }
      let maximum = FastMath.maximum(scores, count: length)
      var total: Float = 0
      for j in 0..<length {
        scores[j] = FastMath.exp(scores[j] - maximum)
        total += scores[j]
      }
      for j in 0..<length { scores[j] /= total }
      // c = Σ_j α_j h_j   (S) · (S, D)
      let contextRow = context + row * d
      contextRow.update(repeating: 0, count: d)
      FastMath.addWeightedRows(scores, rows: rowMemory, rowStride: d, count: length, width: d, into: contextRow)
    }
  }

  /// What the attention's backward pass keeps from every step for its parameter gradients,
  /// which are summed after the decoder's loop (the threads' bands would race on them).
  final class AttentionGradients {
    /// dL/dscore `(T, B, S)`, zeros at padding.
    let dScores: FloatBuffer
    /// Additive: dL/d(W_s s) `(T, B, D)` (empty otherwise).
    let dProjected: FloatBuffer

    init(model: Seq2SeqModel, record: Seq2SeqRecord) {
      let (t, b) = (record.targetLength, record.batchSize)
      dScores = FloatBuffer(model.config.attention == .none ? 0 : t * b * record.sourceLength)
      dProjected = FloatBuffer(model.config.attention == .additive ? t * b * model.config.decoderHidden : 0)
    }
  }

  /// Backward of step i on `rows` from dL/dc_i `(B, D)`: adds dL/ds to `dQuery (B, D)`, and
  /// accumulates `dMemory`, `dKeys (B, S, D)`, `dFixedContext (B, D)` (no attention); keeps in
  /// `work` what `attentionParameterGradients` needs.
  func attentionBackward(
    _ record: Seq2SeqRecord, step i: Int, rows: Range<Int>, parameters: UnsafePointer<Float>,
    dContext: UnsafePointer<Float>, dQuery: UnsafeMutablePointer<Float>, dMemory: UnsafeMutablePointer<Float>,
    dKeys: UnsafeMutablePointer<Float>, dFixedContext: UnsafeMutablePointer<Float>, work: AttentionGradients
  ) {
    let (s, b, d) = (record.sourceLength, record.batchSize, config.decoderHidden)
    let kind = config.attention
    guard kind != .none else {
      for k in (rows.lowerBound * d)..<(rows.upperBound * d) { dFixedContext[k] += dContext[k] }
      return
    }
    let query = record.decoderH[config.layers - 1].pointer + i * b * d
    let memory = record.memory.pointer  // (B, S, D)
    let keys = config.attention == .dot ? memory : record.keys.pointer
    let alpha = record.alpha.pointer + i * b * s
    let dProjected = work.dProjected.pointer + i * b * d  // additive: dL/d(W_s s) (B, D)
    for row in rows {
      let length = record.batch.sourceLengths[row]
      let weights = alpha + row * s
      let dScores = work.dScores.pointer + (i * b + row) * s
      let dContextRow = dContext + row * d
      // This sequence's (S, D) blocks.
      let (rowMemory, rowKeys) = (memory + row * s * d, keys + row * s * d)
      let (rowDMemory, rowDKeys) = (dMemory + row * s * d, dKeys + row * s * d)
      // dα_j = dc · h_j   (S, D) · (D);  dscore_j = α_j (dα_j − Σ_k α_k dα_k).
      FastMath.dots(dContextRow, rows: rowMemory, rowStride: d, count: length, width: d, into: dScores)
      var weightedSum: Float = 0
      for j in 0..<length { weightedSum += weights[j] * dScores[j] }
      for j in 0..<length { dScores[j] = weights[j] * (dScores[j] - weightedSum) }
      let dQueryRow = dQuery + row * d
      let queryRow = query + row * d
      // dh_j += α_j dc, and for dot, whose keys are the h_j, also dscore_j s (one pass over dh).
      for j in 0..<length {
        let dValue = rowDMemory + j * d
        let weight = weights[j]
        if kind == .dot {
          let dScore = dScores[j]
          for k in 0..<d { dValue[k] = dValue[k] + weight * dContextRow[k] + dScore * queryRow[k] }
        } else {
          for k in 0..<d { dValue[k] += weight * dContextRow[k] }
        }
      }
      if kind == .additive {
        // score = v · u, u = tanh(W_s s + key): dv += dscore u (later), dpre = dscore v ⊙ (1 − u²).
        let v = parameters + attentionOffsets.scoreWeight
        let dProjectedRow = dProjected + row * d
        for j in 0..<length {
          let hidden = record.additiveHidden.pointer + ((i * b + row) * s + j) * d
          let dKey = rowDKeys + j * d
          let dScore = dScores[j]
          for k in 0..<d {
            let dPre = dScore * v[k] * (1 - hidden[k] * hidden[k])
            dProjectedRow[k] += dPre
            dKey[k] += dPre
          }
        }
      } else {
        // score = s · key: ds += Σ_j dscore_j key_j   (S) · (S, D); dkey_j += dscore_j s (dot: above).
        FastMath.addWeightedRows(dScores, rows: rowKeys, rowStride: d, count: length, width: d, into: dQueryRow)
        for j in 0..<length where kind == .general {
          let dKey = rowDKeys + j * d
          let dScore = dScores[j]
          for k in 0..<d { dKey[k] += dScore * queryRow[k] }
        }
      }
    }
    guard config.attention == .additive else { return }
    // W_s s: ds += dProjected W_s.
    BLAS.gemm(
      m: rows.count, n: d, k: d, a: dProjected + rows.lowerBound * d, lda: d,
      b: parameters + attentionOffsets.queryWeight, ldb: d, beta: 1, c: dQuery + rows.lowerBound * d, ldc: d)
  }

  /// The attention's own parameter gradients over all steps, after the decoder's backward loop:
  /// additive's dv += Σ dscore u `(1, T·B·S) · (T·B·S, D)` and dW_s += dProjectedᵀ s `(D, T·B) · (T·B, D)`.
  func attentionParameterGradients(
    _ record: Seq2SeqRecord, gradients: UnsafeMutablePointer<Float>, work: AttentionGradients
  ) {
    guard config.attention == .additive else { return }
    let (s, t, b, d) = (record.sourceLength, record.targetLength, record.batchSize, config.decoderHidden)
    BLAS.gemm(
      m: 1, n: d, k: t * b * s, a: work.dScores.pointer, lda: t * b * s, b: record.additiveHidden.pointer, ldb: d,
      beta: 1, c: gradients + attentionOffsets.scoreWeight, ldc: d)
    BLAS.gemm(
      transA: true, m: d, n: d, k: t * b, a: work.dProjected.pointer, lda: d,
      b: record.decoderH[config.layers - 1].pointer, ldb: d, beta: 1, c: gradients + attentionOffsets.queryWeight,
      ldc: d)
  }
}
