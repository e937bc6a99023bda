/// What one recurrence reads at every step, time-major: token ids `(T, B)` (for a one-hot layer
/// 0) and vectors `(T, B, I)` starting at `offset` (the features, embeddings or the layer below's outputs).
struct LayerInput {
  /// Token ids `(T, B)`; read only by a one-hot layer 0.
  var tokens: [Int32]
  /// Input vectors, `(T, B, I)` from `offset`; empty for a one-hot layer 0.
  var vectors: [Float]
  /// Where step 0's vectors start in `vectors`.
  var offset: Int

  /// The same input read right to left, as a reverse direction reads it: step t is position T−1−t.
  func reversedInTime(batchSize: Int, length: Int) -> LayerInput {
    LayerInput(
      tokens: Self.reversed(tokens, offset: 0, length: length, stepSize: batchSize),
      vectors: Self.reversed(vectors, offset: offset, length: length, stepSize: (vectors.count - offset) / length),
      offset: 0)
  }

  /// The `length` blocks of `stepSize` values after `offset`, last block first.
  static func reversed<Value>(_ values: [Value], offset: Int, length: Int, stepSize: Int) -> [Value] {
    guard !values.isEmpty else { return [] }
    return (0..<length).reversed().flatMap { t in values[(offset + t * stepSize)..<(offset + (t + 1) * stepSize)] }
  }
}
