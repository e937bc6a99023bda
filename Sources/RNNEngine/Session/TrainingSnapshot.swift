/// What the trainer is doing, for status lines.
public enum TrainingStatus: Sendable, Equatable {
  /// Steps are running.
  case training
  /// Waiting for a resume or single-step command.
  case paused
  /// A step produced NaN or infinity; training paused with the last good weights.
  case diverged(reason: String)
  /// The configured epochs are done.
  case finished

  /// Whether a step went non-finite (resuming tries again, e.g. after lowering the learning rate).
  public var isDiverged: Bool {
    if case .diverged = self { return true }
    return false
  }
}

/// One finished epoch: the row of the lecture's table "epoch, loss, output on the test sentence".
public struct EpochSummary: Sendable, Equatable {
  /// Epoch number, from 1.
  public var epoch: Int
  /// Mean training loss over the epoch's steps.
  public var trainLoss: Float
  /// Loss and accuracy on the held-out set after the epoch.
  public var heldOut: Evaluation
  /// Training throughput over the epoch, in positions processed per second (scored or not).
  public var tokensPerSecond: Double
  /// The probe as the model decoded it after the epoch.
  public var probeOutput: String
  /// The case task's copy-the-input baseline and accuracy on capitals (nil for other tasks and replays).
  public var caseAccuracy: CaseAccuracy? = nil
}

/// An immutable picture of a training run that the trainer thread publishes for the UI.
public struct TrainingSnapshot: Sendable {
  /// Counts the snapshots a session published, so a reader can tell a new one from the last.
  public var publication: Int
  /// The run's settings as they are now (learning rate and clipping may have changed live).
  public var config: TrainingConfig
  /// The task, for symbol names and decoding.
  public var task: any SequenceTask
  /// The model's architecture.
  public var model: ModelConfig
  /// Running, paused, diverged or finished.
  public var status: TrainingStatus
  /// Optimizer steps taken.
  public var step: Int
  /// The current epoch, from 1.
  public var epoch: Int
  /// Steps taken in the current epoch.
  public var stepInEpoch: Int
  /// Steps in an epoch.
  public var stepsPerEpoch: Int
  /// Steps per second the trainer is held to; `nil` runs at full speed.
  public var speedLimit: Int?
  /// Recent training throughput, in positions processed per second (scored or not).
  public var tokensPerSecond: Double
  /// Per-step curves.
  public var history: TrainingHistory
  /// One row per finished epoch.
  public var epochs: [EpochSummary]
  /// The model's internals on the probe sequence: the background tracer's latest trace while
  /// training runs (a few steps behind), else exact for the weights as they are now
  /// (`Trainer.probeTrace()`).
  public var trace: Trace
  /// The probe as the model decoded it in `trace`.
  public var probeOutput: String
  /// Where the run is being recorded, or why it is not; nil when recording is off.
  public var recording: String? = nil
  /// Text the model wrote after the last epoch or temperature change (language models only).
  public var sample: TextSample? = nil
  /// Why recording stopped or never started (a full disk, a locked directory), for a banner; nil while it works.
  public var recordingProblem: String? = nil
  /// Whether training pauses after every epoch (`--lecture`) until resumed.
  public var pausesAtEpochEnd = false
  /// The latest pattern search the Hidden state view asked for (nil: none asked).
  public var unitSearch: UnitSearchResult? = nil
  /// The probe's connectivity, while the Connectivity view is open (nil otherwise).
  public var connectivity: ProbeConnectivity? = nil
}

extension TrainingSnapshot {
  /// A snapshot of `trainer` now, with the run's log (curves, epochs, sample) and `trace`, the
  /// probe's trace the background tracer finished while training ran, or else `trainer.probeTrace()`.
  public init(
    trainer: Trainer, status: TrainingStatus, log: TrainingLog, trace: Trace? = nil, speedLimit: Int? = nil,
    tokensPerSecond: Double = 0, publication: Int = 0, recording: String? = nil, recordingProblem: String? = nil
  ) {
    let trace = trace ?? trainer.probeTrace()
    // At an epoch boundary show the epoch just finished ("epoch 4, 29/29"), not the next one at 0.
    let atBoundary = trainer.step > 0 && trainer.stepInEpoch == 0
    self.init(
      publication: publication, config: trainer.config, task: trainer.task, model: trainer.model.config, status: status,
      step: trainer.step, epoch: atBoundary ? trainer.epoch - 1 : trainer.epoch,
      stepInEpoch: atBoundary ? trainer.stepsPerEpoch : trainer.stepInEpoch,
      stepsPerEpoch: trainer.stepsPerEpoch, speedLimit: speedLimit, tokensPerSecond: tokensPerSecond,
      history: log.history, epochs: log.epochs, trace: trace, probeOutput: trainer.decodedProbe(trace),
      recording: recording, sample: log.sample, recordingProblem: recordingProblem)
  }
}
