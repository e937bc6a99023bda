/// The whole forward pass (encode, bridge, decode every step, loss) next to its backward pass.
extension Seq2SeqModel {
  // MARK: Forward

  /// Runs `batch` with teacher forcing and computes the masked mean cross-entropy.
  public func forward(_ batch: Seq2SeqBatch) -> Seq2SeqRecord {
    let record = encode(batch, everyStepRuns: true)
    parameters.withUnsafeBufferPointer { decoderForward(record, parameters: $0.baseAddress!) }
    computeLoss(record)
    return record
  }

  /// Embeds and encodes the source, bridges the final states into the decoder's start and prepares
  /// the attention keys: everything before the first decoder step. `everyStepRuns`: the caller runs
  /// every decoder step (teacher forcing), see `Seq2SeqRecord.init`.
  func encode(_ batch: Seq2SeqBatch, everyStepRuns: Bool = false) -> Seq2SeqRecord {
    precondition(batch.sourceLengths.allSatisfy { $0 >= 1 && $0 <= batch.sourceLength }, "source lengths out of range")
    return parameters.withUnsafeBufferPointer { buffer in
      let parameters = buffer.baseAddress!
      let (s, b, e) = (batch.sourceLength, batch.batchSize, config.embedding)
      let embedded = FloatBuffer(overwritten: s * b * e)  // (S, B, E)
      for t in 0..<s {
        for row in 0..<b {
          let id = Int(batch.source[row * s + t])
          (embedded.pointer + (t * b + row) * e).update(from: parameters + sourceEmbedding + id * e, count: e)
        }
      }
      let states = encoder.forward(
        parameters: parameters, input: embedded.pointer, lengths: batch.sourceLengths, length: s)
      let record = Seq2SeqRecord(
        model: self, batch: batch, encoder: states, sourceEmbedded: embedded, everyStepRuns: everyStepRuns)
      bridgeForward(record)
      attentionMemoryForward(record, parameters: parameters)
      return record
    }
  }

  /// Fills `probabilities`, `loss`, `tokenCount` and `correctTokens` from the logits and `targetOut`.
  func computeLoss(_ record: Seq2SeqRecord) {
    let (t, b, v) = (record.targetLength, record.batchSize, config.targetVocabulary)
    var (total, count, correct) = (0.0, 0, 0)
    for i in 0..<t {
      for row in 0..<b {
        let target = record.batch.targetOut[row * t + i]
        let offset = (i * b + row) * v
        let (loss, hit) = Loss.softmax(
          record.logits.pointer + offset, classes: v, into: record.probabilities.pointer + offset, target: target,
          weight: target == Seq2SeqToken.padding ? 0 : 1)
        guard target != Seq2SeqToken.padding else { continue }
        total += loss
        count += 1
        if hit { correct += 1 }
      }
    }
    record.loss = total / Double(max(count, 1))
    record.tokenCount = count
    record.correctTokens = correct
  }

  // MARK: Backward

  /// Backpropagates the record's loss into `gradients` (overwritten) and returns the gradients
  /// that reached the encoder by each path.
  @discardableResult
  public func backward(_ record: Seq2SeqRecord) -> Seq2SeqBackward {
    backward(record, dLogits: lossGradient(record))
  }

  /// dL/dlogits of the masked mean cross-entropy `(T, B, V)`: (softmax − one-hot) / tokens, zero at padding.
  func lossGradient(_ record: Seq2SeqRecord) -> FloatBuffer {
    let (t, b, v) = (record.targetLength, record.batchSize, config.targetVocabulary)
    let dLogits = FloatBuffer(t * b * v)
    for i in 0..<t {
      for row in 0..<b {
        let target = record.batch.targetOut[row * t + i]
        guard target != Seq2SeqToken.padding else { continue }
        Loss.softmaxGradient(
          record.probabilities.pointer + (i * b + row) * v, classes: v, target: target,
          scale: 1 / Float(record.tokenCount), into: dLogits.pointer + (i * b + row) * v)
      }
    }
    return dLogits
  }

  /// Backpropagates any seed `dLogits (T, B, V)` (the loss's gradient, or a one-hot picking one
  /// logit) into `gradients` (overwritten) and returns the gradients that reached the encoder.
  func backward(_ record: Seq2SeqRecord, dLogits: FloatBuffer) -> Seq2SeqBackward {
    for index in gradients.indices { gradients[index] = 0 }
    let (s, t, b) = (record.sourceLength, record.targetLength, record.batchSize)
    let (d, e, v, h) = (config.decoderHidden, config.embedding, config.targetVocabulary, config.hidden)
    let dMemory = FloatBuffer(s * b * d)  // dL/dh^e through attention (S, B, D)
    let dMemoryByRow = FloatBuffer(config.attention == .none ? 0 : b * s * d)  // the same, (B, S, D)
    let dFinalH = FloatBuffer(config.layers * encoder.directions * b * h)
    let dFinalC = FloatBuffer(config.cell == .lstm ? dFinalH.count : 0)
    var dSource = FloatBuffer(0)
    let dDecoderStates = FloatBuffer(t * b * d)  // dL/dh_i^d of the top layer (T, B, D)
    parameters.withUnsafeBufferPointer { buffer in
      gradients.withUnsafeMutableBufferPointer { gradientBuffer in
        let (parameters, gradients) = (buffer.baseAddress!, gradientBuffer.baseAddress!)
        // Output head over all steps: dLogits (T·B, V) → dW_out, db_out and dTop (T, B, D).
        let topStates = record.decoderH[config.layers - 1].pointer + b * d  // slots 1…T (T·B, D)
        BLAS.gemm(
          transA: true, m: v, n: d, k: t * b, a: dLogits.pointer, lda: v, b: topStates, ldb: d, beta: 1,
          c: gradients + outputWeight, ldc: d)
        addColumnSums(of: dLogits.pointer, rows: t * b, columns: v, to: gradients + outputBias)
        let dTop = FloatBuffer(overwritten: t * b * d)
        BLAS.gemm(
          m: t * b, n: d, k: v, a: dLogits.pointer, lda: v, b: parameters + outputWeight, ldb: d, beta: 0,
          c: dTop.pointer, ldc: d)

        let dKeys = FloatBuffer(record.keys.count)
        let (dStartH, dStartC) = decoderBackward(
          record, parameters: parameters, gradients: gradients, dTop: dTop.pointer, dMemory: dMemoryByRow.pointer,
          dKeys: dKeys.pointer, dTopStates: dDecoderStates.pointer)
        attentionMemoryBackward(
          record, parameters: parameters, gradients: gradients, dKeys: dKeys.pointer, dMemory: dMemoryByRow.pointer,
          dEncoderOutput: dMemory.pointer)
        bridgeBackward(record, dStartH: dStartH, dStartC: dStartC, dFinalH: dFinalH.pointer, dFinalC: dFinalC.pointer)
        dSource = encoder.backward(
          parameters: parameters, gradients: gradients, record: record.encoder, input: record.sourceEmbedded.pointer,
          dOutput: dMemory.pointer, dFinalH: dFinalH.pointer, dFinalC: config.cell == .lstm ? dFinalC.pointer : nil)
        // Embedding rows gather their positions' gradients.
        for position in 0..<s {
          for row in 0..<b where position < record.batch.sourceLengths[row] {
            let id = Int(record.batch.source[row * s + position])
            let dRow = gradients + sourceEmbedding + id * e
            let source = dSource.pointer + (position * b + row) * e
            for k in 0..<e { dRow[k] += source[k] }
          }
        }
      }
    }
    return Seq2SeqBackward(
      dEncoderOutput: dMemory, dFinalH: dFinalH, dFinalC: dFinalC, dSource: dSource, dDecoderStates: dDecoderStates)
  }
}
