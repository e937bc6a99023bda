import Foundation

/// The bookkeeping of a run: per-step curves and one summary per finished epoch.
///
/// Every front end (the live session, `train`, `snapshot`) feeds it each step's result, so
/// they all report epochs the same way.
public struct TrainingLog: Sendable {
  /// Per-step curves.
  public private(set) var history = TrainingHistory()
  /// One row per finished epoch.
  public private(set) var epochs: [EpochSummary] = []
  private var epochLossSum = 0.0
  private var epochTokens = 0
  private var epochStart = Date()

  /// An empty log; the first epoch's clock starts now.
  public init() {}

  /// A log holding a recorded run's curves and epoch summaries (for replay).
  public init(history: TrainingHistory, epochs: [EpochSummary]) {
    self.history = history
    self.epochs = epochs
  }

  /// Records a step `trainer` just took; when it finished an epoch, evaluates and returns its summary.
  @discardableResult
  public mutating func record(_ stats: StepStats, tokens: Int, of trainer: Trainer) -> EpochSummary? {
    history.append(stats, learningRate: trainer.learningRate)
    epochLossSum += Double(stats.loss)
    epochTokens += tokens
    guard trainer.stepInEpoch == 0 else { return nil }
    let seconds = max(Date().timeIntervalSince(epochStart), 1e-9)
    let summary = EpochSummary(
      epoch: trainer.epoch - 1, trainLoss: Float(epochLossSum / Double(trainer.stepsPerEpoch)),
      heldOut: trainer.evaluateHeldOut(), tokensPerSecond: Double(epochTokens) / seconds,
      probeOutput: trainer.decodedProbe(trainer.probeTrace()))
    epochs.append(summary)
    epochLossSum = 0
    epochTokens = 0
    epochStart = Date()
    return summary
  }
}
