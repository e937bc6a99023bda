extension Seq2SeqMetrics {
  /// The mean cross-entropy per target symbol of `model` on `pairs` under teacher forcing (the end
  /// symbol included, padding excluded), in batches of `batchSize`; an error names a symbol outside
  /// the vocabulary.
  public static func crossEntropy(
    _ model: Seq2SeqModel, pairs: [Seq2SeqPair], vocabulary: Seq2SeqVocabulary, batchSize: Int = 256
  ) throws -> Double {
    guard !pairs.isEmpty else { return 0 }
    let task = Seq2SeqTask.pairs(pairs, vocabulary: vocabulary)
    var (loss, tokens) = (0.0, 0)
    for start in stride(from: 0, to: pairs.count, by: batchSize) {
      let record = model.forward(try task.encode(Array(pairs[start..<min(start + batchSize, pairs.count)])))
      loss += record.loss * Double(record.tokenCount)
      tokens += record.tokenCount
    }
    return loss / Double(max(tokens, 1))
  }
}
