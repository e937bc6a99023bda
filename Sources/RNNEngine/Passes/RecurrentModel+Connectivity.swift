// Connectivity (Madsen 2019, "Visualizing memorization in RNNs"): how strongly one prediction
// depends on each earlier input. For an output position t̃ and a symbol k,
//
//   connectivity(t) = ‖∂ logit_k(t̃) / ∂x_t‖₂       for every input position t
//
// where x_t is what layer 0 reads at step t: the one-hot vector of the token (V entries, the
// gradient with respect to every entry, not only the token's), the looked-up embedding row (E) or
// the dense features. It is zero for t > t̃ unless the model is bidirectional (its backward
// direction reads the inputs after t̃).
//
// One backward pass gives it for one t̃: seed the head's gradient with row k of W_head at t̃ and
// zeros elsewhere (∂ logit_k / ∂y_t̃ = W_head[k]), run the recurrent layers backward and read dL/dx.
// Several queries run as rows of one batch, each row a copy of the sequence with its own seed.

/// One prediction whose connectivity to the inputs is wanted: the logit of `symbol` at `position`.
public struct ConnectivityQuery: Sendable, Equatable {
  /// t̃, the output step (0-based), after the model has read inputs 0…t̃.
  public var position: Int
  /// k, the head output (class) whose logit is differentiated.
  public var symbol: Int

  /// A query for the logit of `symbol` at step `position`.
  public init(position: Int, symbol: Int) {
    self.position = position
    self.symbol = symbol
  }
}

extension RecurrentModel {
  /// ‖∂ logit_k(t̃) / ∂x_t‖ for every input step t of `sequence` (one row), per query: `[query][t]`.
  ///
  /// x_t is the one-hot input vector, the embedding row or the features (see the file's comment).
  /// Runs from the zero state through the current weights; leaves `gradients` untouched.
  public func connectivity(of sequence: Batch, queries: [ConnectivityQuery]) -> [[Float]] {
    precondition(sequence.batchSize == 1, "connectivity reads one sequence")
    return connectivity(ofRows: Self.replicated(sequence, rows: queries.count), queries: queries)
  }

  /// The mean share of each prediction's connectivity at distance d = t̃ − t, for d = 0 ..< `window`.
  ///
  /// Samples `samples` predictions evenly over the text: each reads the `window` inputs ending at
  /// t̃ from the zero state and differentiates the logit of `targets[t̃]`. Each prediction's norms
  /// are divided by their sum before averaging, so models of different gains compare by shape: the
  /// curve says how far back the typical prediction looks.
  public func connectivityByDistance(
    inputs: [Int32], targets: [Int32], window: Int, samples: Int, rowsPerPass: Int = 32
  ) -> [Double] {
    precondition(inputs.count == targets.count && inputs.count >= window && window >= 1, "a window of text")
    let last = inputs.count - 1
    let ends = (0..<samples).map { window - 1 + ($0 * (last - window + 1)) / max(samples, 1) }
    var sums = [Double](repeating: 0, count: window)
    for chunk in stride(from: 0, to: ends.count, by: rowsPerPass) {
      let rowEnds = Array(ends[chunk..<min(chunk + rowsPerPass, ends.count)])
      let tokens = rowEnds.flatMap { inputs[($0 - window + 1)...$0] }
      let batch = Batch(
        batchSize: rowEnds.count, length: window, tokens: tokens,
        targets: .everyStep([Int32](repeating: 0, count: tokens.count)))
      let queries = rowEnds.map { ConnectivityQuery(position: window - 1, symbol: Int(targets[$0])) }
      for norms in connectivity(ofRows: batch, queries: queries) {
        let total = norms.reduce(0, +)
        guard total > 0 else { continue }
        for (step, norm) in norms.enumerated() { sums[window - 1 - step] += Double(norm / total) }
      }
    }
    return sums.map { $0 / Double(max(ends.count, 1)) }
  }

  /// The core of `connectivity`: row b of `batch` answers `queries[b]`, `[row][t]`.
  private func connectivity(ofRows batch: Batch, queries: [ConnectivityQuery]) -> [[Float]] {
    precondition(config.head == .classifier, "connectivity differentiates class logits")
    precondition(batch.batchSize == queries.count, "one query per row")
    let (rows, length, hidden) = (queries.count, batch.length, config.hidden)
    guard rows > 0 else { return [] }
    for query in queries {
      precondition((0..<length).contains(query.position), "query position \(query.position) outside the sequence")
      precondition((0..<config.outputs).contains(query.symbol), "query symbol \(query.symbol) outside the head")
    }
    let record = forward(batch)
    // dHead (T, B, D·H): row b is W_head[k_b] at t̃_b and zero at every other step (the head reads
    // both directions' states of a bidirectional model).
    let headWidth = config.directions * hidden
    var dHead = [Float](repeating: 0, count: length * rows * headWidth)
    for (row, query) in queries.enumerated() {
      let weights = headWeightOffset + query.symbol * headWidth
      let target = (query.position * rows + row) * headWidth
      dHead.replaceSubrange(target..<(target + headWidth), with: parameters[weights..<(weights + headWidth)])
    }
    var scratch = [Float](repeating: 0, count: layout.totalCount)
    let backward = backwardLayers(
      record, head: HeadGradients(dLogits: [], dHead: dHead), truncation: nil, into: &scratch, inputGradients: true)
    let width = config.input.width
    let norms = (0..<rows).map { row in
      (0..<length).map { step in
        let start = (row * length + step) * width  // dInputs is (B, T, I)
        var sum: Float = 0
        for value in backward.dInputs[start..<(start + width)] { sum += value * value }
        return sum.squareRoot()
      }
    }
    recycle(record, backward)
    return norms
  }

  /// `rows` copies of a one-row sequence, scored at every step (so the head reads every step).
  private static func replicated(_ sequence: Batch, rows: Int) -> Batch {
    let length = sequence.length
    let targets = Batch.Targets.everyStep([Int32](repeating: 0, count: rows * length))
    if sequence.tokens.isEmpty {
      let features = Array([[Float]](repeating: sequence.features, count: rows).joined())
      return Batch(batchSize: rows, length: length, features: features, targets: targets)
    }
    let tokens = Array([[Int32]](repeating: sequence.tokens, count: rows).joined())
    return Batch(batchSize: rows, length: length, tokens: tokens, targets: targets)
  }
}
