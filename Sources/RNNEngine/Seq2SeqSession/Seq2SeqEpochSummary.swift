/// One finished epoch of a live encoder–decoder session: the row of the seed-style table.
public struct Seq2SeqEpochSummary: Sendable, Equatable {
  /// Epoch number, from 1.
  public var epoch: Int
  /// Optimizer steps taken when the epoch ended.
  public var step: Int
  /// Mean training loss (cross-entropy per target symbol) over the epoch's steps.
  public var trainLoss: Float
  /// Greedy decoding of the held-out set after the epoch: per-token, exact, and exact by source length.
  public var metrics: Seq2SeqMetrics
  /// The probe's source as the model translated it greedily after the epoch (end symbol left out).
  public var probeOutput: String
}
