import Foundation

/// Training stopped because the loss stopped being a finite number.
public struct Seq2SeqDivergence: Error, CustomStringConvertible, Sendable {
  /// The step whose loss was not finite.
  public var step: Int
  /// That loss.
  public var loss: Double

  /// One line saying where and what to try.
  public var description: String {
    "training diverged at step \(step): loss \(loss). Try a lower --lr or --clip 1."
  }
}

extension Seq2SeqTrainer {
  /// Trains on to the end of epoch `epoch` under `settings`, recording every step, then measures the
  /// model on the held-out set and the probe and records the epoch; returns its record.
  ///
  /// `beforeStep` runs before every step and may throw to stop (a signal); a non-finite loss throws
  /// `Seq2SeqDivergence`. Both leave the recording at its last finished epoch.
  public func trainEpoch(
    _ epoch: Int, settings: Seq2SeqRunSettings, recorder: Seq2SeqRunRecorder?, beforeStep: () throws -> Void = {}
  ) throws -> Seq2SeqEpochRecord {
    var (loss, tokens, stepsDone) = (0.0, 0, 0)
    let start = Date()
    while step < settings.endStep(ofEpoch: epoch) {
      try beforeStep()
      let result = trainStep()
      guard result.loss.isFinite else { throw Seq2SeqDivergence(step: step, loss: result.loss) }
      try recorder?.recordStep(result, of: self)
      (loss, tokens, stepsDone) = (loss + result.loss, tokens + result.tokens, stepsDone + 1)
    }
    let seconds = max(Date().timeIntervalSince(start), 1e-9)
    let record = try Seq2SeqEpochRecord.measure(
      self, epoch: epoch, trainLoss: loss / Double(max(stepsDone, 1)), tokensPerSecond: Double(tokens) / seconds)
    try recorder?.finishEpoch(record, of: self)
    return record
  }
}
