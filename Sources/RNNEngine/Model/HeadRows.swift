/// One classifier row as `HeadRows` scored it.
struct ScoredRow {
  var loss = 0.0
  var hit = false
  /// For a riding probe's rows: what the trace reads from the row.
  var prediction: RowPrediction?
}

/// What a head's scoring of some rows fills: logits, softmax, and for a riding probe dLogits and
/// the gradient into the top layer. `withRows` lends them to `HeadRows`, which any thread may use
/// on any rows; `finish` hands them to the record.
struct HeadOutputs {
  private let model: RecurrentModel
  private let backpropagates: Bool
  private var logits: [Float]  // (rows, O)
  private var probabilities: [Float]  // (rows, O), classifier
  private var dLogits: [Float]  // (rows, O), when backpropagating
  private var dHead: [Float]  // (rows, D·H), when backpropagating
  private var scoredRows: [ScoredRow]  // (rows), classifier

  /// Buffers for `rows` rows of `model`'s head, from its pool.
  init(_ model: RecurrentModel, rows: Int, backpropagates: Bool) {
    let outputs = model.config.outputs
    let isClassifier = model.config.head == .classifier
    precondition(!backpropagates || isClassifier, "only a classifier head backpropagates as it scores")
    (self.model, self.backpropagates) = (model, backpropagates)
    logits = model.pool.take(rows * outputs)
    probabilities = model.pool.take(isClassifier ? rows * outputs : 0)
    dLogits = model.pool.take(backpropagates ? rows * outputs : 0)
    dHead = model.pool.take(backpropagates ? rows * model.config.outputWidth : 0)
    scoredRows = [ScoredRow](repeating: ScoredRow(), count: isClassifier ? rows : 0)
  }

  /// Calls `body` with the rows' scorer, which writes into these buffers while `body` runs.
  mutating func withRows<R>(
    params: UnsafePointer<Float>, scoring: Scoring, packed: PackedWeights?, backpropagating: PackedWeights?,
    _ body: (HeadRows) -> R
  ) -> R {
    precondition(backpropagating == nil || backpropagates, "buffers for dLogits were not made")
    let model = model
    return logits.withMutableBase { logits in
      probabilities.withMutableBase { probabilities in
        dLogits.withMutableBase { dLogits in
          dHead.withMutableBase { dHead in
            scoredRows.withUnsafeMutableBufferPointer { scoredRows in
              body(
                HeadRows(
                  model: model, params: params, scoring: scoring, packed: packed, inputGradient: backpropagating,
                  logits: logits, probabilities: probabilities, dLogits: dLogits, dHead: dHead,
                  scoredRows: scoredRows.baseAddress!))
            }
          }
        }
      }
    }
  }

  /// Moves the scored rows into `record`: logits, probabilities, loss and hits.
  consuming func finish(_ record: inout ForwardRecord, scoring: Scoring) {
    let isClassifier = model.config.head == .classifier
    let lossSum =
      isClassifier ? scoredRows.reduce(0) { $0 + $1.loss } : Loss.squaredError(outputs: logits, targets: scoring.values)
    record.logits = logits
    record.probabilities = probabilities
    record.loss = model.meanLoss(lossSum, scoring: scoring)
    record.correct = scoredRows.count { $0.hit }
  }

  /// A riding probe's rows' predictions for the trace, in row order, once every row is scored.
  var predictions: [RowPrediction] {
    let predictions = scoredRows.compactMap(\.prediction)
    precondition(predictions.count == scoredRows.count, "every row is scored before the head finishes")
    return predictions
  }

  /// `finish` for a riding probe's rows, scored with `backpropagating`: returns the head's gradients.
  consuming func finishBackpropagating(_ record: inout ForwardRecord, scoring: Scoring) -> HeadGradients {
    precondition(backpropagates, "buffers for dLogits were not made")
    let gradients = HeadGradients(dLogits: dLogits, dHead: dHead)
    finish(&record, scoring: scoring)
    return gradients
  }
}

/// Scores any band of a head's rows into `HeadOutputs`' buffers: logits, and for a classifier the
/// softmax and loss; with `inputGradient` (a riding probe's head), also the trace's predictions,
/// dLogits and the rows of dY, each row while it is in the cache of the core that scored it.
/// Bands never overlap, so threads may score different bands at once.
struct HeadRows: @unchecked Sendable {
  let model: RecurrentModel
  let params: UnsafePointer<Float>
  let scoring: Scoring
  /// W_headᵀ made ready for the logits (nil: BLAS on W_head as stored).
  let packed: PackedWeights?
  /// W_head made ready for dY = dLogits · W_head, when the rows backpropagate.
  let inputGradient: PackedWeights?
  let logits: UnsafeMutablePointer<Float>
  let probabilities: UnsafeMutablePointer<Float>
  let dLogits: UnsafeMutablePointer<Float>
  let dHead: UnsafeMutablePointer<Float>
  let scoredRows: UnsafeMutablePointer<ScoredRow>

  /// Scores rows `band`, reading the head's input rows from `y (rows, D·H)`.
  func score(_ band: Range<Int>, y: UnsafePointer<Float>) {
    let outputs = model.config.outputs
    let width = model.config.outputWidth
    let bandInput = y + band.lowerBound * width
    model.forwardHead(
      params: params, y: bandInput, rows: band.count, logits: logits + band.lowerBound * outputs, mayUseThreads: false,
      packed: packed)
    guard model.config.head == .classifier else { return }
    let scale = 1 / Float(max(scoring.counted, 1))  // dLogits of the mean loss
    for row in band {
      let (rowLogits, rowProbabilities) = (logits + row * outputs, probabilities + row * outputs)
      let (target, weight) = (scoring.classes[row], scoring.weights[row])
      let scored = Loss.softmax(rowLogits, classes: outputs, into: rowProbabilities, target: target, weight: weight)
      scoredRows[row] = ScoredRow(loss: scored.loss, hit: scored.hit)
      guard inputGradient != nil else { continue }
      scoredRows[row].prediction = RowPrediction(
        probabilities: rowProbabilities, logits: rowLogits, classes: outputs, target: target, weight: weight)
      Loss.softmaxGradient(
        rowProbabilities, classes: outputs, target: target, scale: weight * scale, into: dLogits + row * outputs)
    }
    guard let inputGradient else { return }
    model.backwardHead(
      params: params, dWeight: nil, dBias: nil, y: bandInput, rows: band.count,
      dLogits: dLogits + band.lowerBound * outputs, dY: dHead + band.lowerBound * width, mayUseThreads: false,
      packed: inputGradient)
  }
}
