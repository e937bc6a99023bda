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
  func forwardLayers(_ batch: Batch, scoring: Scoring, initialState: RecurrentState?) -> ForwardRecord {
    let (batchSize, length) = (batch.batchSize, batch.length)
    let start = checkedStart(initialState, batchSize: batchSize)
    let inputs = gatherInputs(batch)  // (T, B) tokens, (T, B, I) vectors
    var layers: [LayerRecord] = []
    for layer in 0..<config.layers {
      var record = startLayer(layer, batchSize: batchSize, length: length, from: start)
      parameters.withBase { params in
        let table = oneHotInputTable(layer: layer, params: params)
        defer { table?.deallocate() }
        projectInputs(layer: layer, params: params, table: table, inputs: inputs, below: layers.last, into: &record)
        record.withForwardBuffers(batchSize: batchSize, length: length) { buffers in
          forwardRecurrence(layer: layer, params: params, batch: buffers)
        }
      }
      layers.append(record)
    }
    return unscoredRecord(batch, inputs: inputs, layers: layers, scoring: scoring)
  }

  /// `initialState`, or zeros, checked against the model and `batchSize`.
  func checkedStart(_ initialState: RecurrentState?, batchSize: Int) -> RecurrentState {
    precondition(parameters.count == layout.totalCount, "parameter count must match the layout")
    let start = initialState ?? RecurrentState.zeros(config: config, batchSize: batchSize)
    precondition(
      start.h.count == config.layers && start.h.allSatisfy { $0.count == batchSize * config.hidden },
      "h0 must be (L, B, H)")
    precondition(!config.cell.hasCellState || start.c.count == config.layers, "c0 must be (L, B, H)")
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

  /// Sets `record`'s gates to the input side of the pre-activations: layer 0 reads the gathered
  /// `inputs`, the others the outputs h_1…h_T of the layer `below`, `(T, B, I)`.
  func projectInputs(
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
}
