extension RunDirectory {
  /// What the TUI shows for finished epoch `epoch`: the model as it was then, run on the probe,
  /// with the curves and epoch table recorded up to that epoch.
  ///
  /// `task` is the run's task, built once by the caller (it may read a text file); a language model
  /// also writes a sample at `sampleTemperature`.
  public func replaySnapshot(
    epoch: Int, task: any SequenceTask, sampleTemperature: Float = TextSample.defaultTemperature
  ) throws -> TrainingSnapshot {
    let file = try checkpoint(epoch: epoch)
    let config = try CheckpointFormat.trainingConfig(in: file)
    let trainer = try Trainer(restoring: file, config: config, task: task)
    var history = TrainingHistory()
    for row in metrics where row.epoch <= epoch {
      let stats = StepStats(
        loss: row.loss, accuracy: nil, counted: 0, gradNormBeforeClip: row.gradientNorm, clipped: row.clipped)
      history.append(stats, learningRate: row.learningRate)
    }
    let summaries = epochRecords.filter { $0.epoch <= epoch }.map(EpochSummary.init)
    var log = TrainingLog(history: history, epochs: summaries)
    log.resample(trainer, temperature: sampleTemperature)
    return TrainingSnapshot(
      trainer: trainer, status: .paused, log: log,
      recording: "replaying \(url.relativePath), epoch \(epoch) of \(epochs.last?.number ?? epoch)")
  }

  /// The task the run trained on, rebuilt from its config (reading its text file again if it had one).
  public func task() throws -> any SequenceTask {
    guard let last = epochs.last else { throw noEpochsError }
    return try CheckpointFormat.trainingConfig(in: checkpoint(epoch: last.number)).makeTask()
  }
}

extension EpochSummary {
  /// The summary a recording kept for an epoch.
  public init(_ record: EpochRecord) {
    self.init(
      epoch: record.epoch, trainLoss: record.trainLoss,
      heldOut: Evaluation(
        loss: record.heldOutLoss, accuracy: record.heldOutAccuracy, positions: record.heldOutPositions),
      tokensPerSecond: record.tokensPerSecond, probeOutput: record.probe)
  }
}
