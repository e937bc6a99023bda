// The reference forward pass. Per layer l and step t (PyTorch's equations, gate order and names):
//
//   pre_t    = x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh  (B, G·H)   the input side for every t at
//                                                                  once, the recurrent side step by step
//   h_t, c_t = cell(pre_t, h_{t−1}, c_{t−1})           (B, H)     `VanillaCell`, `LSTMCell`, `GRUCell`
//
// (The GRU's n gate adds its recurrent side inside the cell: n = tanh(x W_inᵀ + b_in + r ⊙ (h W_hnᵀ + b_hn)).)
// x_t is the layer below's h_t (layer 0: the one-hot token, its embedding or the features), and
// the head reads the top layer: logits = y W_headᵀ + b_head (rows, O), then softmax cross-entropy
// or mean squared error. `RecurrentModel+Backward.swift` runs the same steps in reverse; threads
// take bands of the batch (`RecurrentModel+Recurrence.swift`).

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

  /// The recurrent layers of `forward`, bottom up: a record whose head outputs are still empty and loss 0.
  ///
  /// A bidirectional layer runs its reverse direction on its input reversed in time, so both
  /// directions use the same recurrence; the layer above and the head read their outputs side by
  /// side at each position (`outputs(ofLayer:in:batchSize:length:)`).
  func forwardLayers(_ batch: Batch, scoring: Scoring, initialState: RecurrentState?) -> ForwardRecord {
    let (batchSize, length) = (batch.batchSize, batch.length)
    let start = checkedStart(initialState, batchSize: batchSize)
    let inputs = gatherInputs(batch)  // (T, B) tokens, (T, B, I) vectors
    var layers: [LayerRecord] = []
    for layer in 0..<config.layers {
      let input = layerInput(layer, inputs: inputs, below: layers, batchSize: batchSize, length: length)
      for direction in 0..<config.directions {
        let recurrence = layer * config.directions + direction
        let read = direction == 0 ? input : input.reversedInTime(batchSize: batchSize, length: length)
        var record = startLayer(recurrence, batchSize: batchSize, length: length, from: start)
        parameters.withBase { params in
          let table = oneHotInputTable(layer: recurrence, params: params)
          defer { table?.deallocate() }
          projectInputs(layer: recurrence, params: params, table: table, input: read, into: &record)
          record.withForwardBuffers(batchSize: batchSize, length: length) { buffers in
            forwardRecurrence(layer: recurrence, params: params, batch: buffers)
          }
        }
        layers.append(record)
      }
    }
    return unscoredRecord(batch, inputs: inputs, layers: layers, scoring: scoring)
  }

  /// What layer `layer` reads at every position, in reading order: the gathered `inputs` for
  /// layer 0, the outputs of the layer below (from the records `below`) above it.
  func layerInput(
    _ layer: Int, inputs: (tokens: [Int32], vectors: [Float]), below: [LayerRecord], batchSize: Int, length: Int
  ) -> LayerInput {
    guard layer > 0 else { return LayerInput(tokens: inputs.tokens, vectors: inputs.vectors, offset: 0) }
    let outputs = outputs(ofLayer: layer - 1, in: below, batchSize: batchSize, length: length)
    return LayerInput(tokens: inputs.tokens, vectors: outputs, offset: batchSize * config.outputWidth)
  }

  /// Sets `record`'s gates to the input side of recurrence `layer`'s pre-activations, from what it reads.
  func projectInputs(
    layer: Int, params: UnsafePointer<Float>, table: UnsafePointer<Float>?, input: LayerInput,
    into record: inout LayerRecord
  ) {
    let rows = record.gates.count / (config.cell.gateCount * config.hidden)
    input.vectors.withBase { vectors in
      record.gates.withMutableBase { gates in
        projectInputs(
          layer: layer, params: params, vectors: vectors + input.offset, tokens: input.tokens, rows: rows, gates: gates,
          table: table)
      }
    }
  }

  /// Layer `layer`'s outputs at every position, `(T+1, B, D·H)` laid out like a record's h (row
  /// block 0, before the first step, is never read): the layer's h itself when unidirectional; when
  /// bidirectional, at each position the forward direction's h beside the reverse direction's.
  func outputs(ofLayer layer: Int, in records: [LayerRecord], batchSize: Int, length: Int) -> [Float] {
    guard config.bidirectional else { return records[layer].h }
    let hidden = config.hidden
    let (forward, reverse) = (records[2 * layer].h, records[2 * layer + 1].h)
    var outputs = [Float](repeating: 0, count: (length + 1) * batchSize * 2 * hidden)
    for t in 0..<length {
      for b in 0..<batchSize {
        // Position t is the forward direction's step t and the reverse direction's step T−1−t.
        let target = ((t + 1) * batchSize + b) * 2 * hidden
        let forwardRow = ((t + 1) * batchSize + b) * hidden
        let reverseRow = ((length - t) * batchSize + b) * hidden
        for j in 0..<hidden {
          outputs[target + j] = forward[forwardRow + j]
          outputs[target + hidden + j] = reverse[reverseRow + j]
        }
      }
    }
    return outputs
  }

  /// The top layer's outputs, `(T+1, B, D·H)`, as `outputs(ofLayer:in:batchSize:length:)`: what the head reads.
  func topOutputs(of record: ForwardRecord) -> [Float] {
    outputs(ofLayer: config.layers - 1, in: record.layers, batchSize: record.batchSize, length: record.length)
  }

  /// `initialState`, or zeros, checked against the model and `batchSize`.
  func checkedStart(_ initialState: RecurrentState?, batchSize: Int) -> RecurrentState {
    precondition(parameters.count == layout.totalCount, "parameter count must match the layout")
    let start = initialState ?? RecurrentState.zeros(config: config, batchSize: batchSize)
    precondition(
      start.h.count == config.recurrences && start.h.allSatisfy { $0.count == batchSize * config.hidden },
      "h0 must be (L·D, B, H)")
    precondition(!config.cell.hasCellState || start.c.count == config.recurrences, "c0 must be (L·D, B, H)")
    return start
  }

  /// The record of `batch`'s recurrent `layers`, before the head has scored it (no logits, loss 0).
  func unscoredRecord(
    _ batch: Batch, inputs: (tokens: [Int32], vectors: [Float]), layers: [LayerRecord], scoring: Scoring
  ) -> ForwardRecord {
    ForwardRecord(
      config: config, batch: batch, tokens: inputs.tokens, layerInput: inputs.vectors, layers: layers, logits: [],
      probabilities: [], logitsPerStep: scoring.perStep, loss: 0, correct: 0, counted: scoring.counted)
  }

  /// Layer `layer`'s record for `batchSize` sequences, its buffers from the pool, with the initial
  /// state from `start` in row block 0 (the rest is written by the input projection and the recurrence).
  func startLayer(_ layer: Int, batchSize: Int, length: Int, from start: RecurrentState) -> LayerRecord {
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

  /// Where the head reads the top layer's outputs (`topOutputs`): every step's (every step
  /// scored) or only the last, and how many rows.
  func headInput(of record: ForwardRecord) -> (offset: Int, rows: Int) {
    headInput(batchSize: record.batchSize, length: record.length, perStep: record.logitsPerStep)
  }

  /// `headInput` for a record of `batchSize` sequences of `length` steps, scored at every step or the last.
  func headInput(batchSize: Int, length: Int, perStep: Bool) -> (offset: Int, rows: Int) {
    let stateSize = batchSize * config.outputWidth
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
    var outputs = HeadOutputs(self, rows: headRows)
    let rowsPerPart = Parallel.minimumPerPart(
      floor: 16, work: 1 << 18, itemWork: config.outputs * (config.outputWidth + 16))
    parameters.withBase { params in
      topOutputs(of: record).withBase { top in
        outputs.withRows(params: params, scoring: scoring) { rows in
          Parallel.forEachRange(headRows, minimumPerPart: rowsPerPart) { band in rows.score(band, y: top + headOffset) }
        }
      }
    }
    outputs.finish(&record, scoring: scoring)
  }

  /// Mean over counted positions (cross-entropy) or over all B·O outputs (MSE), like PyTorch's "mean".
  func meanLoss(_ sum: Double, scoring: Scoring) -> Float {
    let normaliser = config.head == .regression ? scoring.values.count : scoring.counted
    return normaliser > 0 ? Float(sum / Double(normaliser)) : 0
  }

  /// Time-major token ids `(T, B)` and layer-0 input vectors `(T, B, I)` (empty for one-hot).
  func gatherInputs(_ batch: Batch) -> (tokens: [Int32], vectors: [Float]) {
    let batchSize = batch.batchSize
    let length = batch.length
    switch config.input {
    case .dense(let features):
      precondition(batch.features.count == batchSize * length * features, "features must be (B, T, I)")
      var vectors = uninitializedFloats(batch.features.count)  // every element is written below
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
}
