import Foundation

/// The bookkeeping of a run: per-step curves, one summary per finished epoch, and (for a language
/// model) the latest text sample.
///
/// Every front end (the live session, `train`, `snapshot`) feeds it each step's result, so
/// they all report epochs the same way.
public struct TrainingLog: Sendable {
  /// Per-step curves.
  public private(set) var history = TrainingHistory()
  /// One row per finished epoch; a long run keeps the rows its checkpoints would keep (every one
  /// of the first 100 epochs, then ever more widely spaced ones, always the latest), so memory
  /// stays bounded through hours of a live session.
  public private(set) var epochs: [EpochSummary] = []
  /// What a language model wrote after the last finished epoch or temperature change (nil for other tasks).
  public private(set) var sample: TextSample?
  /// The temperature samples are drawn at; `resample` changes it.
  public private(set) var sampleTemperature = TextSample.defaultTemperature
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
    var summary = EpochSummary(
      epoch: trainer.epoch - 1, trainLoss: Float(epochLossSum / Double(trainer.stepsPerEpoch)),
      heldOut: trainer.evaluateHeldOut(), tokensPerSecond: Double(epochTokens) / seconds,
      probeOutput: trainer.decodedProbe(trainer.probeTrace()))
    summary.caseAccuracy = trainer.caseAccuracy()
    epochs.append(summary)
    let retention = CheckpointRetention()
    epochs.removeAll { !retention.keeps(epoch: $0.epoch, latest: summary.epoch) }
    sample = trainer.textSample(temperature: sampleTemperature)
    epochLossSum = 0
    epochTokens = 0
    epochStart = Date()
    return summary
  }

  /// Draws a new sample from `trainer`'s model now at `temperature`, which later epochs keep using.
  public mutating func resample(_ trainer: Trainer, temperature: Float) {
    sampleTemperature = temperature
    sample = trainer.textSample(temperature: temperature)
  }
}
