extension Seq2SeqConfig {
  /// Whether every size is positive and the weights stay within `TrainingConfig.maximumParameterCount`:
  /// a damaged or hand-edited file can claim any number, and the model is allocated before its
  /// tensors are checked.
  public var isWithinLimits: Bool {
    let sizes = [sourceVocabulary, targetVocabulary, embedding, hidden, layers]
    guard sizes.allSatisfy({ (1...(1 << 20)).contains($0) }), layers <= 64 else { return false }
    let d = decoderHidden
    let gates = cell == .lstm ? 4 : cell == .gru ? 3 : 1
    let directions = bidirectional ? 2 : 1
    // Embeddings, each layer of encoder and decoder (input and recurrent weights, two biases), the
    // attention and the output head, bounded from above.
    let encoderLayer = directions * gates * hidden * (max(embedding, d) + hidden + 2)
    let decoderLayer = gates * d * (embedding + 2 * d + 2)
    let total =
      (sourceVocabulary + targetVocabulary) * embedding + layers * (encoderLayer + decoderLayer) + 3 * d * d
      + targetVocabulary * (d + 1)
    return total <= TrainingConfig.maximumParameterCount
  }
}
