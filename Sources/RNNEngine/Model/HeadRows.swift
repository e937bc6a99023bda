/// One classifier row as `HeadRows` scored it.
struct ScoredRow {
  var loss = 0.0
  var hit = false
}

/// What a head's scoring of some rows fills: logits, and for a classifier the softmax and each
/// row's loss. `withRows` lends them to `HeadRows`, which any thread may use on any rows; `finish`
/// hands them to the record.
struct HeadOutputs {
  private let model: RecurrentModel
  private var logits: [Float]  // (rows, O)
  private var probabilities: [Float]  // (rows, O), classifier
  private var scoredRows: [ScoredRow]  // (rows), classifier

  /// Buffers for `rows` rows of `model`'s head, from its pool.
  init(_ model: RecurrentModel, rows: Int) {
    let outputs = model.config.outputs
    let isClassifier = model.config.head == .classifier
    self.model = model
    logits = model.pool.take(rows * outputs)
    probabilities = model.pool.take(isClassifier ? rows * outputs : 0)
    scoredRows = [ScoredRow](repeating: ScoredRow(), count: isClassifier ? rows : 0)
  }

  /// Calls `body` with the rows' scorer, which writes into these buffers while `body` runs.
  mutating func withRows<R>(params: UnsafePointer<Float>, scoring: Scoring, _ body: (HeadRows) -> R) -> R {
    let model = model
    return logits.withMutableBase { logits in
      probabilities.withMutableBase { probabilities in
        scoredRows.withUnsafeMutableBufferPointer { scoredRows in
          body(
            HeadRows(
              model: model, params: params, scoring: scoring, logits: logits, probabilities: probabilities,
              scoredRows: scoredRows.baseAddress!))
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
}

/// Scores any band of a head's rows into `HeadOutputs`' buffers: logits, and for a classifier the
/// softmax and loss, each row while it is in the cache of the core that scored it. Bands never
/// overlap, so threads may score different bands at once.
struct HeadRows: @unchecked Sendable {
  let model: RecurrentModel
  let params: UnsafePointer<Float>
  let scoring: Scoring
  let logits: UnsafeMutablePointer<Float>
  let probabilities: UnsafeMutablePointer<Float>
  let scoredRows: UnsafeMutablePointer<ScoredRow>

  /// Scores rows `band`, reading the head's input rows from `y (rows, D·H)`.
  func score(_ band: Range<Int>, y: UnsafePointer<Float>) {
    let outputs = model.config.outputs
    let width = model.config.outputWidth
    model.forwardHead(
      params: params, y: y + band.lowerBound * width, rows: band.count, logits: logits + band.lowerBound * outputs,
      mayUseThreads: false, packed: nil)
    guard model.config.head == .classifier else { return }
    for row in band {
      let scored = Loss.softmax(
        logits + row * outputs, classes: outputs, into: probabilities + row * outputs, target: scoring.classes[row],
        weight: scoring.weights[row])
      scoredRows[row] = ScoredRow(loss: scored.loss, hit: scored.hit)
    }
  }
}
