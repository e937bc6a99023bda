/// One line of `epochs.jsonl`: an epoch's summary as the recording keeps it.
public struct EpochRecord: Codable, Sendable, Equatable {
  /// Epoch number, from 1.
  public var epoch: Int
  /// Mean training loss over the epoch's steps.
  public var trainLoss: Float
  /// Loss on the held-out set after the epoch.
  public var heldOutLoss: Float
  /// Accuracy on the held-out set (classifiers only).
  public var heldOutAccuracy: Float?
  /// Positions the held-out figures count.
  public var heldOutPositions: Int
  /// Training throughput over the epoch, in scored positions per second.
  public var tokensPerSecond: Double
  /// The probe as the model decoded it after the epoch.
  public var probe: String

  /// The record of `summary`.
  public init(_ summary: EpochSummary) {
    epoch = summary.epoch
    trainLoss = summary.trainLoss
    heldOutLoss = summary.heldOut.loss
    heldOutAccuracy = summary.heldOut.accuracy
    heldOutPositions = summary.heldOut.positions
    tokensPerSecond = summary.tokensPerSecond
    probe = summary.probeOutput
  }

  enum CodingKeys: String, CodingKey {
    case epoch
    case trainLoss = "train_loss"
    case heldOutLoss = "held_out_loss"
    case heldOutAccuracy = "held_out_accuracy"
    case heldOutPositions = "held_out_positions"
    case tokensPerSecond = "tokens_per_second"
    case probe
  }
}
