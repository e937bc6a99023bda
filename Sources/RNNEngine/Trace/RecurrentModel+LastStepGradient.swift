extension RecurrentModel {
  /// ‖∂L_T/∂h_t‖ at every step t of each layer, `[layer][T]`: the loss of the sequence's last
  /// scored step alone, carried back through the true step Jacobians (and the LSTM's cell state),
  /// on the scale of the whole loss (divided by the scored positions as the mean loss is).
  ///
  /// Last-step and regression targets score only that step, so it is `backward`'s own ∂L/∂h_t.
  /// Every-step targets run the sequence again as a batch of one whose mask keeps only its last
  /// scored step, from the same initial state.
  func lastStepGradientNorms(record: ForwardRecord, backward: BackwardRecord, sequence: Int) -> [[Float]] {
    let batch = record.batch
    let length = batch.length
    let hidden = config.hidden
    // Per-step norms of a time-major `(T, B, H)` buffer's rows for sequence `b` of `B`, times `scale`.
    func norms(_ values: [Float], batchSize: Int, b: Int, scale: Float) -> [Float] {
      values.withBase { values in
        (0..<length).map { t in
          scale * FastMath.sumOfSquares(values + (t * batchSize + b) * hidden, count: hidden).squareRoot()
        }
      }
    }
    guard case .everyStep(let targets) = batch.targets else {
      return backward.dhTotal.map { norms($0, batchSize: batch.batchSize, b: sequence, scale: 1) }
    }
    let rows = (sequence * length)..<((sequence + 1) * length)
    let mask = batch.mask.isEmpty ? [Float](repeating: 1, count: length) : Array(batch.mask[rows])
    guard let last = mask.lastIndex(where: { $0 > 0 }) else {
      return Array(repeating: Array(repeating: 0, count: length), count: config.layers)
    }
    var lastOnly = [Float](repeating: 0, count: length)
    lastOnly[last] = 1
    let one =
      batch.tokens.isEmpty
      ? Batch(
        batchSize: 1, length: length,
        features: Array(
          batch.features[(rows.lowerBound * config.input.width)..<(rows.upperBound * config.input.width)]),
        targets: .everyStep(Array(targets[rows])), mask: lastOnly)
      : Batch(
        batchSize: 1, length: length, tokens: Array(batch.tokens[rows]), targets: .everyStep(Array(targets[rows])),
        mask: lastOnly)
    // Row 0 of h and c is the initial state; this sequence's slice of it.
    let start = (sequence * hidden)..<((sequence + 1) * hidden)
    let initial = RecurrentState(
      h: record.layers.map { Array($0.h[start]) },
      c: config.cell.hasCellState ? record.layers.map { Array($0.c[start]) } : [])
    let alone = forward(one, initialState: initial)
    var scratch = [Float](repeating: 0, count: layout.totalCount)
    let back = self.backward(alone, truncation: nil, into: &scratch)
    let counted = Scoring(batch: batch, head: config.head, outputs: config.outputs).counted
    return back.dhTotal.map { norms($0, batchSize: 1, b: 0, scale: 1 / Float(max(counted, 1))) }
  }
}
