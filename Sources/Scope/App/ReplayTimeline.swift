/// The epochs of a recording being replayed, which one is shown, and whether it plays through them.
public struct ReplayTimeline: Sendable, Equatable {
  /// Finished epoch numbers, in order.
  public var epochs: [Int]
  /// Mean training loss of each of those epochs (for the timeline's sparkline).
  public var losses: [Float]
  /// Index into `epochs` of the epoch on screen.
  public var current: Int
  /// Whether `p` set it playing, one epoch every `framesPerEpoch` frames.
  public var isPlaying = false
  /// What the timeline shows instead of "epoch K of N" when it holds one model file, not a run's epochs.
  public var caption: String?
  /// Frames left until playing moves on.
  var framesUntilNext = ReplayTimeline.framesPerEpoch

  /// Frames each epoch stays on screen while playing (about 1 s at 30 frames/s).
  static let framesPerEpoch = 30

  /// A timeline showing the last epoch.
  public init(epochs: [Int], losses: [Float]) {
    self.epochs = epochs
    self.losses = losses
    self.current = max(epochs.count - 1, 0)
  }

  /// A timeline of one model file: one entry, described by `caption` (e.g. its name and epoch).
  public init(singleModel caption: String, epoch: Int) {
    self.init(epochs: [epoch], losses: [.nan])
    self.caption = caption
  }

  /// The epoch number on screen.
  public var currentEpoch: Int { epochs.isEmpty ? 0 : epochs[current] }
}
