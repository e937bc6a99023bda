/// Per-step curves of a run, for the charts: the whole run, at a resolution that stays bounded.
///
/// A live session can run for hours at a hundred steps a second. Each curve holds at most
/// `capacity` points; when it fills, neighbouring points merge and every point from then on covers
/// twice as many steps. A chart is a few hundred columns wide, so nothing visible is lost, while
/// memory and the cost of copying the curves into each snapshot stay flat.
public struct TrainingHistory: Sendable, Equatable {
  /// The most points a curve holds.
  public static let capacity = 8_192
  /// The most recent clipped steps remembered for markers.
  public static let clippedMemory = 1_000

  /// Mean training loss of each point's steps.
  public private(set) var loss: [Float] = []
  /// Largest gradient norm before clipping among each point's steps (spikes stay visible).
  public private(set) var gradientNorm: [Float] = []
  /// Learning rate in force at each point's last step.
  public private(set) var learningRate: [Float] = []
  /// Steps each point covers: 1 until the curves first fill, then a power of two.
  public private(set) var stepsPerPoint = 1
  /// Steps recorded.
  public private(set) var stepCount = 0
  /// The latest step's loss.
  public private(set) var lastLoss: Float?
  /// The latest clipped steps (0-based step indices), at most `clippedMemory`.
  public private(set) var recentClippedSteps: [Int] = []
  /// Steps whose gradient was clipped, in all.
  public private(set) var clippedCount = 0
  /// The steps since the last whole point.
  private var partial = PartialPoint()

  /// Steps not yet making a whole point: their count, loss sum and largest norm.
  private struct PartialPoint: Sendable, Equatable {
    var count = 0
    var lossSum: Float = 0
    var largestNorm: Float = 0
  }

  /// An empty history.
  public init() {}

  /// Appends one step's figures.
  public mutating func append(_ stats: StepStats, learningRate rate: Float) {
    if stats.clipped {
      clippedCount += 1
      recentClippedSteps.append(stepCount)
      if recentClippedSteps.count > Self.clippedMemory { recentClippedSteps.removeFirst() }
    }
    stepCount += 1
    lastLoss = stats.loss
    partial.count += 1
    partial.lossSum += stats.loss
    partial.largestNorm = max(partial.largestNorm, stats.gradNormBeforeClip)
    guard partial.count == stepsPerPoint else { return }
    loss.append(partial.lossSum / Float(stepsPerPoint))
    gradientNorm.append(partial.largestNorm)
    learningRate.append(rate)
    partial = PartialPoint()
    if loss.count == Self.capacity { halveResolution() }
  }

  /// The step each point ends at, for a chart's x axis.
  public var pointSteps: [Float] {
    loss.indices.map { Float(($0 + 1) * stepsPerPoint - 1) }
  }

  /// Merges neighbouring points, so each covers twice the steps.
  private mutating func halveResolution() {
    let pairs = stride(from: 0, to: loss.count - 1, by: 2)
    loss = pairs.map { (loss[$0] + loss[$0 + 1]) / 2 }
    gradientNorm = pairs.map { max(gradientNorm[$0], gradientNorm[$0 + 1]) }
    learningRate = pairs.map { learningRate[$0 + 1] }
    stepsPerPoint *= 2
  }
}
