/// One layer's hidden state h_t at every position of a text, position-major `(N, H)`.
public struct UnitActivations: Sendable, Equatable {
  /// N, the positions (one per input symbol).
  public let positions: Int
  /// H, the units.
  public let units: Int
  /// h_t of every unit, index `t * units + j`.
  public let values: [Float]

  /// Activations from explicit values `(positions, units)`.
  public init(positions: Int, units: Int, values: [Float]) {
    precondition(values.count == positions * units, "values must be (positions, units)")
    self.positions = positions
    self.units = units
    self.values = values
  }

  /// h_t of unit `unit` at `position`.
  public subscript(position: Int, unit: Int) -> Float { values[position * units + unit] }

  /// The `quantile` (0…1) of |h| over every unit and position, read from an even sample of at most
  /// `sampleSize` values so it stays cheap on a long text.
  public func magnitudeQuantile(_ quantile: Double, sampleSize: Int = 100_000) -> Float {
    guard !values.isEmpty else { return 0 }
    let stride = max(1, values.count / sampleSize)
    let sample = Swift.stride(from: 0, to: values.count, by: stride).map { abs(values[$0]) }.sorted()
    let index = Int((Double(sample.count - 1) * min(max(quantile, 0), 1)).rounded())
    return sample[index]
  }
}

extension RecurrentModel {
  /// The hidden states of `layer` (the top one if nil) over `tokens`, as if read in one pass from
  /// the zero state, computed in `rows` pieces side by side as one batch.
  ///
  /// Each piece first reads the `warmUp` symbols before it and drops their states, so its start
  /// sees (almost) the state a single pass would have. The batch runs `chunkLength` steps at a
  /// time, carrying the state, so the records stay small; the head is never run. A bidirectional
  /// layer's units are both directions' (`bidirectionalActivations`).
  public func unitActivations(
    of tokens: [Int32], layer: Int? = nil, rows: Int = 64, warmUp: Int = 64, chunkLength: Int = 128
  ) -> UnitActivations {
    let layer = layer ?? config.layers - 1
    precondition((0..<config.layers).contains(layer), "no layer \(layer)")
    precondition(config.input.usesTokens, "unit activations read symbols")
    precondition(chunkLength >= 1, "chunks must hold at least one step")
    if config.bidirectional { return bidirectionalActivations(of: tokens, layer: layer) }
    let (count, hidden) = (tokens.count, config.hidden)
    guard count > 0 else { return UnitActivations(positions: 0, units: hidden, values: []) }
    let rows = max(1, min(rows, count))
    let piece = (count + rows - 1) / rows
    let starts = (0..<rows).map { max(0, $0 * piece - warmUp) }
    let length = piece + warmUp
    var values = [Float](repeating: 0, count: count * hidden)
    var state: RecurrentState?
    for chunkStart in stride(from: 0, to: length, by: chunkLength) {
      let steps = min(chunkLength, length - chunkStart)
      // (B, steps) tokens; a row that runs past the text reads padding after its last kept state.
      var chunkTokens = [Int32](repeating: tokens[0], count: rows * steps)
      for (row, start) in starts.enumerated() {
        let (first, end) = (start + chunkStart, min(start + chunkStart + steps, count))
        guard first < end else { continue }
        chunkTokens.replaceSubrange((row * steps)..<(row * steps + end - first), with: tokens[first..<end])
      }
      let batch = Batch(
        batchSize: rows, length: steps, tokens: chunkTokens,
        targets: .everyStep([Int32](repeating: 0, count: rows * steps)))
      let record = forwardLayers(
        batch, scoring: Scoring(batch: batch, head: config.head, outputs: config.outputs), initialState: state)
      let states = record.layers[layer].h  // (steps+1, B, H), h[0] the carried state
      for (row, start) in starts.enumerated() {
        let kept = min(row * piece, count)..<min((row + 1) * piece, count)  // the last rows may hold nothing
        for step in 0..<steps where kept.contains(start + chunkStart + step) {
          let (position, source) = (start + chunkStart + step, ((step + 1) * rows + row) * hidden)
          values.replaceSubrange(
            (position * hidden)..<((position + 1) * hidden), with: states[source..<(source + hidden)])
        }
      }
      state = record.finalState
      recycle(record)
    }
    return UnitActivations(positions: count, units: hidden, values: values)
  }

  /// A bidirectional layer's outputs over `tokens`, `(N, 2H)`: units 0..<H are the forward
  /// direction's h, H..<2H the backward direction's at the same position. One pass reads the whole
  /// text as one sequence, since the backward direction must start from its end (pieces read left
  /// to right could not warm it up).
  private func bidirectionalActivations(of tokens: [Int32], layer: Int) -> UnitActivations {
    let (count, width) = (tokens.count, 2 * config.hidden)
    guard count > 0 else { return UnitActivations(positions: 0, units: width, values: []) }
    let batch = Batch(
      batchSize: 1, length: count, tokens: tokens, targets: .everyStep([Int32](repeating: 0, count: count)))
    let record = forwardLayers(
      batch, scoring: Scoring(batch: batch, head: config.head, outputs: config.outputs), initialState: nil)
    let outputs = outputs(ofLayer: layer, in: record.layers, batchSize: 1, length: count)  // (T+1, 1, 2H)
    recycle(record)
    return UnitActivations(positions: count, units: width, values: Array(outputs[width...]))
  }
}
