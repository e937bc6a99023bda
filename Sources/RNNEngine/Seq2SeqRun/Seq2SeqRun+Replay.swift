import Foundation

extension Seq2SeqRun {
  /// The live session's snapshot as it stood when epoch `epoch` ended, rebuilt from the epoch's
  /// weights on `task` (the run's task): the probe decoded and traced with that model, the per-epoch
  /// table and the loss curve up to that epoch; finished at the run's last step, paused otherwise.
  public func replaySnapshot(epoch: Int, task: Seq2SeqTask) throws -> Seq2SeqSessionSnapshot {
    guard let settings else { throw legacyError("cannot be replayed") }
    guard task.vocabulary == vocabulary else {
      throw RecordingError(
        file: url.path, problem: "its task's symbols are not the model's (was its pairs file changed?)")
    }
    let model = try model(atEpoch: epoch)
    let step = epochs.first { $0.number == epoch }?.step ?? settings.endStep(ofEpoch: epoch)
    var history = TrainingHistory()
    for row in steps where row.epoch <= epoch {
      let stats = StepStats(
        loss: row.loss, accuracy: nil, counted: 0, gradNormBeforeClip: row.gradientNorm, clipped: row.clipped)
      history.append(stats, learningRate: row.learningRate)
    }
    return Seq2SeqSessionSnapshot(
      model: model, task: task, publication: epoch, optimizer: settings.optimizer.rawValue,
      learningRate: steps.last { $0.epoch <= epoch }?.learningRate ?? settings.learningRate, clip: settings.clip,
      batchSize: settings.batchSize, status: step >= settings.steps ? .finished : .paused, step: step,
      stepsPerEpoch: settings.stepsPerEpoch, epochLimit: settings.epochs, speedLimit: nil, tokensPerSecond: 0,
      history: history, epochs: (1...epoch).compactMap(record(atEpoch:)).map(Seq2SeqEpochSummary.init))
  }
}

extension Seq2SeqEpochSummary {
  /// The row a run's `epochs.jsonl` kept for an epoch.
  public init(_ record: Seq2SeqEpochRecord) {
    let metrics = Seq2SeqMetrics(
      tokenAccuracy: record.tokenAccuracy, exactAccuracy: record.exactAccuracy,
      byLength: record.byLength.map { ($0.first...$0.last, $0.exact, $0.count) }, count: record.heldOutCount)
    self.init(
      epoch: record.epoch, step: record.step, trainLoss: Float(record.trainLoss), metrics: metrics,
      probeOutput: record.probeOutput)
  }
}
