extension RecurrentModel {
  /// Runs the model over `batch` from `initialState` (zeros if nil) and scores it.
  ///
  /// The returned record holds every step of every layer, the head outputs and the loss;
  /// pass it to `backward` for gradients.
  public func forward(_ batch: Batch, initialState: RecurrentState? = nil) -> ForwardRecord {
    let scoring = Scoring(batch: batch, head: config.head, outputs: config.outputs)
    var record = forwardLayers(batch, scoring: scoring, initialState: initialState)
    scoreHead(&record, scoring: scoring)
    return record
  }

  /// The recurrent layers of `forward`: a record whose head outputs are still empty and loss 0.
  func forwardLayers(_ batch: Batch, scoring: Scoring, initialState: RecurrentState?) -> ForwardRecord {
    let batchSize = batch.batchSize, length = batch.length, rows = batchSize * length
    let hidden = config.hidden, gateWidth = config.cell.gateCount * hidden, stateSize = batchSize * hidden
    precondition(parameters.count == layout.totalCount, "parameter count must match the layout")
    let (tokens, layerInput) = gatherInputs(batch)
    let start = initialState ?? RecurrentState.zeros(config: config, batchSize: batchSize)
    precondition(start.h.count == config.layers && start.h.allSatisfy { $0.count == stateSize }, "h0 must be (L, B, H)")
    precondition(!config.cell.hasCellState || start.c.count == config.layers, "c0 must be (L, B, H)")

    var layers: [LayerRecord] = []
    for layer in 0..<config.layers {
      var gates = pool.take(rows * gateWidth)  // (T, B, G·H), set by projectInputs
      var h = pool.take((length + 1) * stateSize)  // (T+1, B, H), rows 1…T written by the recurrence
      h.replaceSubrange(0..<stateSize, with: start.h[layer])
      var c: [Float] = []  // (T+1, B, H)
      if config.cell.hasCellState {
        c = pool.take((length + 1) * stateSize)
        c.replaceSubrange(0..<stateSize, with: start.c[layer])
      }
      var hnPre = pool.take(config.cell == .gru ? rows * hidden : 0)  // (T, B, H)
      // Layer 0 reads the gathered inputs, the others the outputs h_1…h_T of the layer below: (T, B, I).
      let (input, inputOffset) = layer == 0 ? (layerInput, 0) : (layers[layer - 1].h, stateSize)
      parameters.withBase { params in
        input.withBase { input in
          projectInputs(
            layer: layer, params: params, vectors: input + inputOffset, tokens: tokens, rows: rows, gates: &gates)
        }
        forwardRecurrence(
          layer: layer, params: params, batchSize: batchSize, length: length, gates: &gates, h: &h, c: &c,
          hnPre: &hnPre)
      }
      layers.append(LayerRecord(h: h, c: c, gates: gates, hnPre: hnPre))
    }

    return ForwardRecord(
      config: config, batch: batch, tokens: tokens, layerInput: layerInput, layers: layers, logits: [],
      probabilities: [], logitsPerStep: scoring.perStep, loss: 0, correct: 0, counted: scoring.counted)
  }

  /// Where the head reads the top layer's outputs: h_1…h_T (every step scored) or only h_T, and how many rows.
  func headInput(of record: ForwardRecord) -> (offset: Int, rows: Int) {
    let stateSize = record.batchSize * config.hidden
    return record.logitsPerStep
      ? (stateSize, record.length * record.batchSize) : (record.length * stateSize, record.batchSize)
  }

  /// The head's logits (and softmax), the loss and the count of correct predictions, for a record
  /// that `forwardLayers` filled.
  private func scoreHead(_ record: inout ForwardRecord, scoring: Scoring) {
    let (headOffset, headRows) = headInput(of: record)
    var logits = pool.take(headRows * config.outputs)  // (T, B, O) or (B, O)
    var probabilities = pool.take(config.head == .classifier ? logits.count : 0)
    parameters.withBase { params in
      record.layers[config.layers - 1].h.withBase { top in
        forwardHead(params: params, y: top + headOffset, rows: headRows, logits: &logits)
      }
    }
    let (lossSum, correct) = score(logits, scoring: scoring, probabilities: &probabilities)
    record.logits = logits
    record.probabilities = probabilities
    record.loss = meanLoss(lossSum, scoring: scoring)
    record.correct = correct
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
  /// (`trainStep` and `evaluate` do this themselves). Safe even if a copy of the record is kept:
  /// a shared buffer is copied before it is written.
  public func recycle(_ record: ForwardRecord, _ backward: BackwardRecord? = nil) {
    pool.give(record.layers.flatMap { [$0.h, $0.c, $0.gates, $0.hnPre] } + [record.logits, record.probabilities])
    if let backward { pool.give(backward.dhTotal + backward.dcTotal + [backward.dLogits, backward.dTopOutputs]) }
    pool.endStep()
  }

  /// Backward into a caller-owned, zeroed gradient buffer, so probes can leave `gradients` alone.
  func backward(_ record: ForwardRecord, truncation: Int?, into grads: inout [Float]) -> BackwardRecord {
    precondition(record.config == config, "record comes from a different architecture")
    let scoring = Scoring(batch: record.batch, head: config.head, outputs: config.outputs)
    let (headOffset, headRows) = headInput(of: record)

    // Loss and head: dLogits, then the direct gradient into the top layer's outputs.
    var dLogits = pool.take(record.logits.count)
    scoreBackward(record, scoring: scoring, dLogits: &dLogits)
    var dHead = pool.take(headRows * config.hidden)  // (rows, H)
    parameters.withBase { params in
      record.layers[config.layers - 1].h.withBase { top in
        grads.withMutableBase { grads in
          backwardHead(
            params: params, dWeight: grads + headWeightOffset, dBias: grads + headBiasOffset, y: top + headOffset,
            rows: headRows, dLogits: dLogits, dY: &dHead)
        }
      }
    }
    return backwardLayers(record, dHead: dHead, dLogits: dLogits, truncation: truncation, into: &grads)
  }

  /// The recurrent layers of `backward`, from `dHead`, the gradient the head sends into the top
  /// layer's outputs it read (`headInput`); adds the layers' gradients to `grads`.
  func backwardLayers(
    _ record: ForwardRecord, dHead: [Float], dLogits: [Float], truncation: Int?, into grads: inout [Float]
  ) -> BackwardRecord {
    let batchSize = record.batchSize, length = record.length, rows = batchSize * length
    let hidden = config.hidden, stateSize = batchSize * hidden, gateWidth = config.cell.gateCount * hidden
    var dTop = dHead  // (T, B, H)
    if !record.logitsPerStep {
      dTop = [Float](repeating: 0, count: rows * hidden)
      dTop.replaceSubrange(((length - 1) * stateSize)..<(length * stateSize), with: dHead)
    }
    // Layers top-down: each one's dL/dx is the gradient reaching the outputs of the layer below.
    var dY = dTop
    var dhTotal: [[Float]] = Array(repeating: [], count: config.layers)
    var dcTotal: [[Float]] = config.cell.hasCellState ? Array(repeating: [], count: config.layers) : []
    var dInputs: [Float] = []
    for layer in (0..<config.layers).reversed() {
      let layerRecord = record.layers[layer]
      var dh = pool.take(rows * hidden)  // (T, B, H)
      var dc = pool.take(config.cell.hasCellState ? rows * hidden : 0)  // (T, B, H)
      var dPre = pool.take(rows * gateWidth)  // (T, B, G·H)
      let (input, inputOffset) = layer == 0 ? (record.layerInput, 0) : (record.layers[layer - 1].h, stateSize)
      let needsInputGradient = layer > 0 || !config.input.isOneHot
      var dInput = pool.take(needsInputGradient ? rows * config.inputWidth(ofLayer: layer) : 0)
      parameters.withBase { params in
        backwardRecurrence(
          layer: layer, params: params, grads: &grads, batchSize: batchSize, length: length,
          truncation: truncation ?? 0, gates: layerRecord.gates, h: layerRecord.h, c: layerRecord.c,
          hnPre: layerRecord.hnPre, dY: dY, dhTotal: &dh, dcTotal: &dc, dPreInput: &dPre)
        input.withBase { input in
          dInput.withMutableBase { dInputPointer in
            backwardInputs(
              layer: layer, params: params, grads: &grads, vectors: input + inputOffset, tokens: record.tokens,
              rows: rows, dPre: dPre, dVectors: needsInputGradient ? dInputPointer : nil)
          }
        }
      }
      dhTotal[layer] = dh
      if config.cell.hasCellState { dcTotal[layer] = dc }
      // dPre and a lower layer's dY are scratch; dTop is returned in the record.
      pool.give(layer == config.layers - 1 ? [dPre] : [dPre, dY])
      dY = dInput
    }
    switch config.input {
    case .oneHot:
      break
    case .embedding(_, let dim):
      backwardEmbedding(tokens: record.tokens, dVectors: dY, dim: dim, grads: &grads)
    case .dense(let features):
      dInputs = batchFirst(dY, batchSize: batchSize, length: length, width: features)
    }
    return BackwardRecord(dhTotal: dhTotal, dcTotal: dcTotal, dLogits: dLogits, dTopOutputs: dTop, dInputs: dInputs)
  }

  /// Time-major token ids `(T, B)` and layer-0 input vectors `(T, B, I)` (empty for one-hot).
  private func gatherInputs(_ batch: Batch) -> (tokens: [Int32], vectors: [Float]) {
    let batchSize = batch.batchSize, length = batch.length
    switch config.input {
    case .dense(let features):
      precondition(batch.features.count == batchSize * length * features, "features must be (B, T, I)")
      var vectors = [Float](repeating: 0, count: batch.features.count)
      for b in 0..<batchSize {
        for t in 0..<length {
          let source = (b * length + t) * features, target = (t * batchSize + b) * features
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

  /// Summed loss over the scored rows and the number of correct argmax predictions.
  private func score(
    _ logits: UnsafePointer<Float>, scoring: Scoring, probabilities: UnsafeMutablePointer<Float>
  ) -> (sum: Double, correct: Int) {
    if config.head == .regression {
      return (Loss.squaredError(outputs: logits, targets: scoring.values), 0)
    }
    return Loss.crossEntropy(
      logits: logits, rows: scoring.weights.count, classes: config.outputs, targets: scoring.classes,
      weights: scoring.weights, probabilities: probabilities)
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
        let source = (t * batchSize + b) * width, target = (b * length + t) * width
        for j in 0..<width { result[target + j] = values[source + j] }
      }
    }
    return result
  }
}
