/// Held-out quality of greedy decoding: per-token and exact-sequence accuracy, and exact accuracy
/// by source length in buckets of five (1–5, 6–10, …).
public struct Seq2SeqMetrics: Sendable, Equatable {
  /// Target positions (the end symbol included) where the output has the target's symbol.
  public var tokenAccuracy: Double
  /// Outputs equal to their target.
  public var exactAccuracy: Double
  /// Per bucket: source lengths, exact matches, pairs.
  public var byLength: [(lengths: ClosedRange<Int>, exact: Int, count: Int)]
  /// Pairs evaluated.
  public var count: Int

  /// Same figures (the buckets compared by their counts).
  public static func == (lhs: Seq2SeqMetrics, rhs: Seq2SeqMetrics) -> Bool {
    lhs.tokenAccuracy == rhs.tokenAccuracy && lhs.exactAccuracy == rhs.exactAccuracy && lhs.count == rhs.count
      && lhs.byLength.map(\.exact) == rhs.byLength.map(\.exact)
      && lhs.byLength.map(\.count) == rhs.byLength.map(\.count)
  }

  /// Width of a length bucket.
  public static let bucketWidth = 5

  /// Decodes `pairs` greedily with `model` (batches of `batchSize`) and scores the outputs.
  public static func evaluate(
    _ model: Seq2SeqModel, pairs: [Seq2SeqPair], vocabulary: Seq2SeqVocabulary, batchSize: Int = 256
  ) throws -> Seq2SeqMetrics {
    var (tokenHits, tokenTotal, exact) = (0, 0, 0)
    var buckets: [Int: (exact: Int, count: Int)] = [:]
    for start in stride(from: 0, to: pairs.count, by: batchSize) {
      let chunk = Array(pairs[start..<min(start + batchSize, pairs.count)])
      let sources = try chunk.map { try vocabulary.encodeSource($0.source) }
      let targets = try chunk.map { try vocabulary.encodeTarget($0.target) + [Seq2SeqToken.end] }
      let outputs = model.greedyDecode(sources, maxLength: (targets.map(\.count).max() ?? 1) + 5)
      for (index, (output, target)) in zip(outputs, targets).enumerated() {
        let produced = output.tokens + [Seq2SeqToken.end]
        tokenHits += zip(produced, target).filter { $0 == $1 }.count
        tokenTotal += target.count
        let bucket = (sources[index].count - 1) / bucketWidth
        let isExact = produced == target
        if isExact { exact += 1 }
        buckets[bucket, default: (0, 0)].count += 1
        if isExact { buckets[bucket, default: (0, 0)].exact += 1 }
      }
    }
    return Seq2SeqMetrics(
      tokenAccuracy: Double(tokenHits) / Double(max(tokenTotal, 1)),
      exactAccuracy: Double(exact) / Double(max(pairs.count, 1)),
      byLength: buckets.keys.sorted().map { key in
        ((key * bucketWidth + 1)...((key + 1) * bucketWidth), buckets[key]!.exact, buckets[key]!.count)
      }, count: pairs.count)
  }
}
