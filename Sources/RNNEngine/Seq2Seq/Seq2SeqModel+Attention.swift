/// Attention, forward next to backward: scores of the query s = h_{i−1}^d against every encoder
/// output h_j^e, α_i = softmax over j < the source's length, c_i = Σ_j α_ij h_j^e.
extension Seq2SeqModel {
  /// Precomputes the keys every step reads: W h^e (general) or W_h h^e (additive), `(S·B, D)`.
  func attentionKeysForward(_ record: Seq2SeqRecord, parameters: UnsafePointer<Float>) {
    guard attentionOffsets.keyWeight >= 0 else { return }
    let d = config.decoderHidden
    BLAS.gemm(
      transB: true, m: record.sourceLength * record.batchSize, n: d, k: d, a: record.encoder.top.pointer, lda: d,
      b: parameters + attentionOffsets.keyWeight, ldb: d, beta: 0, c: record.keys.pointer, ldc: d)
  }

  /// Backward of `attentionKeysForward`: dW += dKeysᵀ h^e, dh^e += dKeys W.
  func attentionKeysBackward(
    _ record: Seq2SeqRecord, parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>,
    dKeys: UnsafePointer<Float>, dMemory: UnsafeMutablePointer<Float>
  ) {
    guard attentionOffsets.keyWeight >= 0 else { return }
    let d = config.decoderHidden
    let rows = record.sourceLength * record.batchSize
    BLAS.gemm(
      transA: true, m: d, n: d, k: rows, a: dKeys, lda: d, b: record.encoder.top.pointer, ldb: d, beta: 1,
      c: gradients + attentionOffsets.keyWeight, ldc: d)
    BLAS.gemm(
      m: rows, n: d, k: d, a: dKeys, lda: d, b: parameters + attentionOffsets.keyWeight, ldb: d, beta: 1,
      c: dMemory, ldc: d)
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
    let memory = record.encoder.top.pointer  // (S, B, D)
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
      for j in 0..<length {
        let key = keys + (j * b + row) * d
        if config.attention == .additive {
          let hidden = record.additiveHidden.pointer + ((i * b + row) * s + j) * d
          for k in 0..<d { hidden[k] = FastMath.tanh(projected[row * d + k] + key[k]) }
          scores[j] = FastMath.dot(parameters + attentionOffsets.scoreWeight, hidden, count: d)
        } else {
          scores[j] = FastMath.dot(query + row * d, key, count: d)
        }
      }
      let maximum = FastMath.maximum(scores, count: length)
      var total: Float = 0
      for j in 0..<length {
        scores[j] = FastMath.exp(scores[j] - maximum)
        total += scores[j]
      }
      for j in 0..<length { scores[j] /= total }
      let contextRow = context + row * d
      contextRow.update(repeating: 0, count: d)
      for j in 0..<length {
        let value = memory + (j * b + row) * d
        for k in 0..<d { contextRow[k] += scores[j] * value[k] }
      }
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
  /// accumulates `dMemory`, `dKeys (S, B, D)`, `dFixedContext (B, D)` (no attention); keeps in
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
    let memory = record.encoder.top.pointer
    let keys = config.attention == .dot ? memory : record.keys.pointer
    let alpha = record.alpha.pointer + i * b * s
    let dProjected = work.dProjected.pointer + i * b * d  // additive: dL/d(W_s s) (B, D)
    for row in rows {
      let length = record.batch.sourceLengths[row]
      let weights = alpha + row * s
      let dScores = work.dScores.pointer + (i * b + row) * s
      let dContextRow = dContext + row * d
      // dα_j = dc · h_j;  dscore_j = α_j (dα_j − Σ_k α_k dα_k);  dh_j += α_j dc.
      var weightedSum: Float = 0
      for j in 0..<length {
        let value = memory + (j * b + row) * d
        dScores[j] = FastMath.dot(dContextRow, value, count: d)
        weightedSum += weights[j] * dScores[j]
        let dValue = dMemory + (j * b + row) * d
        for k in 0..<d { dValue[k] += weights[j] * dContextRow[k] }
      }
      for j in 0..<length { dScores[j] = weights[j] * (dScores[j] - weightedSum) }
      let dQueryRow = dQuery + row * d
      if kind == .additive {
        // score = v · u, u = tanh(W_s s + key): dv += dscore u (later), dpre = dscore v ⊙ (1 − u²).
        let v = parameters + attentionOffsets.scoreWeight
        let dProjectedRow = dProjected + row * d
        for j in 0..<length {
          let hidden = record.additiveHidden.pointer + ((i * b + row) * s + j) * d
          let dKey = dKeys + (j * b + row) * d
          let dScore = dScores[j]
          for k in 0..<d {
            let dPre = dScore * v[k] * (1 - hidden[k] * hidden[k])
            dProjectedRow[k] += dPre
            dKey[k] += dPre
          }
        }
      } else {
        // score = s · key: ds += dscore key, dkey += dscore s.
        let queryRow = query + row * d
        let dKeyBase = kind == .dot ? dMemory : dKeys
        for j in 0..<length {
          let key = keys + (j * b + row) * d
          let dKey = dKeyBase + (j * b + row) * d
          let dScore = dScores[j]
          for k in 0..<d { dQueryRow[k] += dScore * key[k] }
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
