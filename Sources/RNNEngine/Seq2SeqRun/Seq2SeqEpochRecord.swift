import Foundation

/// One line of a seq2seq run's `epochs.jsonl`: the held-out figures and the probe after an epoch.
public struct Seq2SeqEpochRecord: Codable, Sendable, Equatable {
  /// Exact matches among held-out pairs whose source length is in `first…last`.
  public struct LengthBucket: Codable, Sendable, Equatable {
    /// Shortest and longest source length of the bucket.
    public var first: Int, last: Int
    /// Outputs equal to their target.
    public var exact: Int
    /// Held-out pairs in the bucket.
    public var count: Int
  }

  /// Epoch number, from 1.
  public var epoch: Int
  /// Steps taken when the epoch ended.
  public var step: Int
  /// Mean training loss (cross-entropy per target symbol) over the epoch's steps.
  public var trainLoss: Double
  /// Held-out per-token accuracy of greedy decoding (the end symbol included).
  public var tokenAccuracy: Double
  /// Held-out exact-sequence accuracy of greedy decoding.
  public var exactAccuracy: Double
  /// Held-out exact matches by source length, in buckets of `Seq2SeqMetrics.bucketWidth`.
  public var byLength: [LengthBucket]
  /// Held-out pairs evaluated.
  public var heldOutCount: Int
  /// The probe's source text.
  public var probe: String
  /// The probe as the model translated it greedily after the epoch.
  public var probeOutput: String
  /// Target symbols trained on per second over the epoch.
  public var tokensPerSecond: Double

  /// A record from its parts.
  public init(
    epoch: Int, step: Int, trainLoss: Double, metrics: Seq2SeqMetrics, probe: String, probeOutput: String,
    tokensPerSecond: Double
  ) {
    self.epoch = epoch
    self.step = step
    self.trainLoss = trainLoss
    self.tokenAccuracy = metrics.tokenAccuracy
    self.exactAccuracy = metrics.exactAccuracy
    self.byLength = metrics.byLength.map {
      LengthBucket(first: $0.lengths.lowerBound, last: $0.lengths.upperBound, exact: $0.exact, count: $0.count)
    }
    self.heldOutCount = metrics.count
    self.probe = probe
    self.probeOutput = probeOutput
    self.tokensPerSecond = tokensPerSecond
  }

  /// Measures `trainer`'s model as epoch `epoch` ends: held-out metrics (greedy) and the probe translated.
  public static func measure(
    _ trainer: Seq2SeqTrainer, epoch: Int, trainLoss: Double, tokensPerSecond: Double
  ) throws -> Seq2SeqEpochRecord {
    let task = trainer.task
    let metrics = try Seq2SeqMetrics.evaluate(trainer.model, pairs: task.heldOut, vocabulary: task.vocabulary)
    let output = try trainer.model.translate(task.probe, vocabulary: task.vocabulary)
    return Seq2SeqEpochRecord(
      epoch: epoch, step: trainer.step, trainLoss: trainLoss, metrics: metrics, probe: task.probe,
      probeOutput: output, tokensPerSecond: tokensPerSecond)
  }

  enum CodingKeys: String, CodingKey {
    case epoch, step
    case trainLoss = "train_loss"
    case tokenAccuracy = "token_accuracy"
    case exactAccuracy = "exact_accuracy"
    case byLength = "by_length"
    case heldOutCount = "held_out_count"
    case probe
    case probeOutput = "probe_output"
    case tokensPerSecond = "tokens_per_second"
  }
}
