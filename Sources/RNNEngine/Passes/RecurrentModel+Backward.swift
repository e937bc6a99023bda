// The reference backward pass: `RecurrentModel+Forward.swift`'s steps in reverse, top layer first
// and, in each layer, last step first. Per layer l and step t:
//
//   dh_t     = dY_t + dPre_{t+1} W_hh                   (B, H)     dY_t from the head or the layer
//                                                                  above; the second term is cut
//                                                                  where truncation cuts
//   dPre_t   = cell′(dh_t, dc_{t+1 → t}, …)             (B, G·H)   `VanillaCell`, `LSTMCell`, `GRUCell`
//   dW_hh   += Σ_t dPre_tᵀ h_{t−1}    dW_ih += Σ_t dPre_tᵀ x_t    db_ih, db_hh += Σ_t dPre_t
//   dx_t     = dPre_t W_ih                              (B, I)     the layer below's dY_t
//
// The GRU's recurrent side of the n gate differs from its input side (r ⊙ dn), so it keeps two dPre.

/// What the head sends back: the loss's gradient with respect to the head outputs and the head's
/// gradient into the top layer's outputs it read.
struct HeadGradients {
  /// `(T, B, O)` or `(B, O)`, as the logits; empty after `trainHead`, which never stores them.
  var dLogits: [Float]
  /// `(rows, H)` for the rows `headInput` names.
  var dHead: [Float]
}

extension RecurrentModel {
  /// Backpropagates `record` and stores dL/dparameters in `gradients` (overwriting them).
  ///
  /// `truncation` k > 0 cuts the gradient between chunks of k steps (the forward state still
  /// flows); k ≥ T or nil is full BPTT.
  public func backward(_ record: ForwardRecord, truncation: Int? = nil) -> BackwardRecord {
    gradients.withMutableBase { $0.update(repeating: 0, count: layout.totalCount) }
    return backward(record, truncation: truncation, into: &gradients)
  }

  /// Backward into a caller-owned, zeroed gradient buffer, so probes can leave `gradients` alone.
  func backward(_ record: ForwardRecord, truncation: Int?, into grads: inout [Float]) -> BackwardRecord {
    precondition(record.config == config, "record comes from a different architecture")
    let head = grads.withMutableBase { headGradients(record, into: $0) }
    return backwardLayers(record, head: head, truncation: truncation, into: &grads)
  }

  /// The loss's gradient with respect to the head outputs, `dLogits`, and the head's gradient into
  /// the top layer's outputs it read (`headInput`), `dHead (rows, D·H)`; adds dW_head and db_head to
  /// `grads`.
  func headGradients(_ record: ForwardRecord, into grads: UnsafeMutablePointer<Float>) -> HeadGradients {
    let scoring = Scoring(batch: record.batch, head: config.head, outputs: config.outputs)
    let (headOffset, headRows) = headInput(of: record)
    var dLogits = pool.take(record.logits.count)
    scoreBackward(record, scoring: scoring, dLogits: &dLogits)
    var dHead = pool.take(headRows * config.outputWidth)  // (rows, D·H)
    parameters.withBase { params in
      topOutputs(of: record).withBase { top in
        backwardHead(
          params: params, dWeight: grads + headWeightOffset, dBias: grads + headBiasOffset,
          y: top + headOffset, rows: headRows, dLogits: dLogits, dY: &dHead)
      }
    }
    return HeadGradients(dLogits: dLogits, dHead: dHead)
  }

  /// The recurrent layers of `backward`, top down, from the head's gradients; adds the layers'
  /// gradients to `grads`. Each layer's dL/dx is the gradient reaching the outputs of the layer below.
  ///
  /// A bidirectional layer's reverse direction gets its half of the gradient reaching the layer's
  /// outputs reversed in time, as it read them, and hands back its dL/dx the right way round,
  /// added to the forward direction's.
  ///
  /// With `inputGradients`, `dInputs` holds dL/dx for layer 0's input whatever the encoding (the
  /// one-hot vector or the embedding row), batch-first `(B, T, I)`.
  func backwardLayers(
    _ record: ForwardRecord, head: HeadGradients, truncation: Int?, into grads: inout [Float],
    inputGradients: Bool = false
  ) -> BackwardRecord {
    let (batchSize, length) = (record.batchSize, record.length)
    let inputs = (tokens: record.tokens, vectors: record.layerInput)
    let dTop = topGradient(record, dHead: head.dHead)  // (T, B, D·H)
    var dY = dTop
    var dhTotal: [[Float]] = Array(repeating: [], count: config.recurrences)
    var dcTotal: [[Float]] = config.cell.hasCellState ? dhTotal : []
    for layer in (0..<config.layers).reversed() {
      let input = layerInput(layer, inputs: inputs, below: record.layers, batchSize: batchSize, length: length)
      var dInput: [Float] = []  // (T, B, I), both directions' dL/dx
      for direction in 0..<config.directions {
        let recurrence = layer * config.directions + direction
        let dYDirection = directionGradient(dY, direction: direction, batchSize: batchSize, length: length)
        var gradient = takeLayerGradients(
          recurrence, batchSize: batchSize, length: length, inputGradient: inputGradients)
        parameters.withBase { params in
          grads.withMutableBase { grads in
            record.layers[recurrence].withBackwardBuffers(
              batchSize: batchSize, length: length, dY: dYDirection, &gradient
            ) { buffers in
              backwardRecurrence(
                layer: recurrence, params: params, grads: grads, truncation: truncation ?? 0, batch: buffers)
            }
            let read = direction == 0 ? input : input.reversedInTime(batchSize: batchSize, length: length)
            backwardLayerInput(
              recurrence, input: read, rows: batchSize * length, params: params, grads: grads, gradient: &gradient)
          }
        }
        dhTotal[recurrence] = gradient.dh
        if config.cell.hasCellState { dcTotal[recurrence] = gradient.dc }
        pool.give([gradient.dPre])  // scratch
        addInputGradient(gradient.dInput, direction: direction, batchSize: batchSize, length: length, to: &dInput)
      }
      if layer != config.layers - 1 { pool.give([dY]) }  // a lower layer's dY is scratch; dTop is returned
      dY = dInput
    }
    let dInputs =
      inputGradients
      ? batchFirst(dY, batchSize: batchSize, length: length, width: config.input.width)
      : backwardLayer0Input(record, dX: dY, into: &grads)
    return BackwardRecord(
      dhTotal: dhTotal, dcTotal: dcTotal, dLogits: head.dLogits, dTopOutputs: dTop, dInputs: dInputs)
  }

  /// The part of `dY (T, B, D·H)`, the gradient reaching a layer's outputs, that belongs to
  /// direction `direction`, `(T, B, H)` in the order it took the steps: `dY` itself when unidirectional.
  func directionGradient(_ dY: [Float], direction: Int, batchSize: Int, length: Int) -> [Float] {
    guard config.bidirectional else { return dY }
    let hidden = config.hidden
    var part = [Float](repeating: 0, count: length * batchSize * hidden)
    for t in 0..<length {
      let position = direction == 0 ? t : length - 1 - t
      for b in 0..<batchSize {
        let source = (position * batchSize + b) * 2 * hidden + direction * hidden
        let target = (t * batchSize + b) * hidden
        for j in 0..<hidden { part[target + j] = dY[source + j] }
      }
    }
    return part
  }

  /// Adds direction `direction`'s dL/dx (in its order of steps) to `total (T, B, I)` (the first
  /// direction's becomes it, a reverse direction's is added position by position).
  func addInputGradient(_ dInput: [Float], direction: Int, batchSize: Int, length: Int, to total: inout [Float]) {
    guard direction > 0 else {
      total = dInput
      return
    }
    guard !dInput.isEmpty else { return }
    let stepSize = dInput.count / length
    for t in 0..<length {
      let (source, target) = (t * stepSize, (length - 1 - t) * stepSize)
      for j in 0..<stepSize { total[target + j] += dInput[source + j] }
    }
    pool.give([dInput])
  }

  /// Buffers from the pool for recurrence `layer`'s gradients over `batchSize` sequences of `length` steps;
  /// `inputGradient` asks for dL/dx even where training needs none (a one-hot layer 0).
  func takeLayerGradients(_ layer: Int, batchSize: Int, length: Int, inputGradient: Bool = false) -> LayerGradients {
    let rows = batchSize * length
    let needsInputGradient = inputGradient || stackLayer(ofRecurrence: layer) > 0 || !config.input.isOneHot
    return LayerGradients(
      dh: pool.take(rows * config.hidden), dc: pool.take(config.cell.hasCellState ? rows * config.hidden : 0),
      dPre: pool.take(rows * config.cell.gateCount * config.hidden),
      dInput: pool.take(needsInputGradient ? rows * inputWidth(ofRecurrence: layer) : 0))
  }

  /// Recurrence `layer`'s input side once its recurrence is done, over the `rows` it read
  /// (`input`): adds dW_ih to `grads` and writes `gradient.dInput` (empty for a one-hot layer 0).
  func backwardLayerInput(
    _ layer: Int, input: LayerInput, rows: Int, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
    gradient: inout LayerGradients
  ) {
    let needsInputGradient = !gradient.dInput.isEmpty
    input.vectors.withBase { vectors in
      gradient.dInput.withMutableBase { dInput in
        backwardInputs(
          layer: layer, params: params, grads: grads, vectors: vectors + input.offset, tokens: input.tokens, rows: rows,
          dPre: gradient.dPre, dVectors: needsInputGradient ? dInput : nil)
      }
    }
  }

  /// What reaches layer 0's input, `dX (T, B, I)`: an embedding's gradient goes into `grads`;
  /// dense features get theirs back batch-first `(B, T, I)`; one-hot inputs have none.
  func backwardLayer0Input(_ record: ForwardRecord, dX: [Float], into grads: inout [Float]) -> [Float] {
    switch config.input {
    case .oneHot:
      return []
    case .embedding(_, let dim):
      backwardEmbedding(tokens: record.tokens, dVectors: dX, dim: dim, grads: &grads)
      return []
    case .dense(let features):
      return batchFirst(dX, batchSize: record.batchSize, length: record.length, width: features)
    }
  }

  /// The gradient reaching the top layer's outputs from the head, `(T, B, D·H)`: `dHead` itself when
  /// every step is scored, else zeros with `dHead (B, D·H)` at the last step.
  func topGradient(_ record: ForwardRecord, dHead: [Float]) -> [Float] {
    guard !record.logitsPerStep else { return dHead }
    let stateSize = record.batchSize * config.outputWidth
    let length = record.length
    var dTop = [Float](repeating: 0, count: length * stateSize)
    dTop.replaceSubrange(((length - 1) * stateSize)..<(length * stateSize), with: dHead)
    return dTop
  }

  /// Hands a finished step's buffers back so the next pass reuses them instead of allocating
  /// (`trainStep` and `evaluate` do this themselves), and ends the step. Safe even if a copy of a
  /// record is kept: a shared buffer is copied before it is written.
  public func recycle(_ record: ForwardRecord, _ backward: BackwardRecord? = nil) {
    give(record, backward)
    pool.endStep()
  }

  /// Gives a record's buffers to the pool.
  private func give(_ record: ForwardRecord, _ backward: BackwardRecord?) {
    pool.give(record.layers.flatMap { [$0.h, $0.c, $0.gates, $0.hnPre] } + [record.logits, record.probabilities])
    if let backward { pool.give(backward.dhTotal + backward.dcTotal + [backward.dLogits, backward.dTopOutputs]) }
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
    var result = uninitializedFloats(values.count)  // every element is written below
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

/// One layer's gradients in a backward pass, time-major, from the pool.
struct LayerGradients {
  /// Total dL/dh_t `(T, B, H)`.
  var dh: [Float]
  /// Total dL/dc_t `(T, B, H)` (LSTM); empty for other cells.
  var dc: [Float]
  /// Input-side pre-activation gradients `(T, B, G·H)`.
  var dPre: [Float]
  /// dL/dx_t `(T, B, I)`, the layer below's dY; empty where nothing needs it (a one-hot layer 0).
  var dInput: [Float]
}
