import Foundation

/// Runs a `Seq2SeqTrainer` on its own thread and publishes `Seq2SeqSessionSnapshot`s for the UI,
/// as `TrainingSession` does for the recurrent model: the UI reads the latest snapshot each frame
/// and sends `TrainerCommand`s (pause, single step, speed, learning rate, clipping), which the
/// trainer thread applies between steps.
///
/// Every snapshot carries the probe decoded greedily with the weights of that moment (one source,
/// a few hundred microseconds); every `stepsPerEpoch` steps the held-out set is decoded and scored
/// (exact and per-token accuracy, exact accuracy by source length) and the probe's translation
/// joins the per-epoch table.
public final class Seq2SeqSession: Sendable {
  private let trainer: Seq2SeqTrainer
  private let stepsPerEpoch: Int
  private let epochLimit: Int?
  private let startPaused: Bool
  /// Whether training pauses at the end of every epoch (the lecture mode), until resumed.
  let pausesAtEpochEnd: Bool
  let mailbox = SessionMailbox<TrainerCommand, Seq2SeqSessionSnapshot>()

  /// A session that will train with `trainer` once started, scoring the held-out set every
  /// `stepsPerEpoch` steps and stopping after `epochs` epochs (nil: when told to).
  public init(
    trainer: Seq2SeqTrainer, stepsPerEpoch: Int, epochs: Int? = nil, startPaused: Bool = false,
    pausesAtEpochEnd: Bool = false
  ) {
    precondition(stepsPerEpoch > 0, "an epoch has at least one step")
    self.trainer = trainer
    self.stepsPerEpoch = stepsPerEpoch
    self.epochLimit = epochs
    self.startPaused = startPaused
    self.pausesAtEpochEnd = pausesAtEpochEnd
  }

  /// Starts the trainer thread; the first snapshot (the untrained model) follows at once.
  public func start() {
    mailbox.startWorker(named: "rnnscope-seq2seq") { [self] in
      var loop = Seq2SeqTrainingLoop(
        session: self, trainer: trainer, stepsPerEpoch: stepsPerEpoch, epochLimit: epochLimit, paused: startPaused)
      loop.run()
    }
  }

  /// Queues a command for the trainer thread and wakes it if it is waiting.
  public func send(_ command: TrainerCommand) { mailbox.send(command) }

  /// The most recent snapshot, or nil before the first is published.
  public var snapshot: Seq2SeqSessionSnapshot? { mailbox.snapshot }

  /// Asks the trainer to stop and waits until its thread has finished the current step.
  public func stop() { mailbox.stop(sending: .stop) }
}

/// The trainer thread's state and loop; lives entirely on that thread.
private struct Seq2SeqTrainingLoop {
  let session: Seq2SeqSession
  let trainer: Seq2SeqTrainer
  let stepsPerEpoch: Int
  let epochLimit: Int?
  var status: TrainingStatus
  var speedLimit: Int?
  var history = TrainingHistory()
  var epochs: [Seq2SeqEpochSummary] = []
  /// Loss summed over the current epoch's steps, and their count.
  var epochLoss = (sum: 0.0, steps: 0)
  var throughput = ThroughputMeter()
  var schedule = PublishSchedule()
  var publications = 0
  /// A command or a step changed something the last snapshot does not show yet.
  var unpublishedChange = false
  /// Whether a view shows the probe's connectivity, so snapshots measure it (`.watchConnectivity`).
  var watchesConnectivity = false
  /// The probe's source in source ids, translated after every epoch.
  let probeSource: [Int32]

  init(session: Seq2SeqSession, trainer: Seq2SeqTrainer, stepsPerEpoch: Int, epochLimit: Int?, paused: Bool) {
    self.session = session
    self.trainer = trainer
    self.stepsPerEpoch = stepsPerEpoch
    self.epochLimit = epochLimit
    self.status = paused ? .paused : .training
    // The probe is the task's own text, written in its source symbols.
    probeSource = try! trainer.task.vocabulary.encodeSource(trainer.task.probe)
  }

  mutating func run() {
    publish()
    while true {
      var singleStep = false
      let commands = session.mailbox.takeCommands()
      if !commands.isEmpty { unpublishedChange = true }
      for command in commands {
        switch command {
        case .stop: return
        case .pause: if status == .training { status = .paused }
        case .resume: if status == .paused || status.isDiverged { status = .training }
        case .singleStep: singleStep = status == .paused
        case .setLearningRate(let rate): trainer.optimizer.learningRate = rate
        case .setClip(let clip): trainer.clip = clip
        case .setSpeedLimit(let limit): speedLimit = limit
        case .watchConnectivity(let watches): watchesConnectivity = watches
        // An encoder–decoder decodes greedily (nothing is sampled) and has no pattern search: the
        // character model's views send these.
        case .setSampleTemperature, .searchUnits, .useHeldOutProbe: break
        }
      }
      guard status == .training || singleStep else {
        if unpublishedChange { publish() }
        session.mailbox.waitForCommand(seconds: 0.25)
        continue
      }
      let started = Date()
      takeStep()
      unpublishedChange = true
      if singleStep || status != .training || schedule.isDue() { publish() }
      if let speedLimit, status == .training {
        let remaining = 1 / Double(speedLimit) - Date().timeIntervalSince(started)
        if remaining > 0 { session.mailbox.waitForCommand(seconds: remaining) }
      }
    }
  }

  private mutating func takeStep() {
    let result = trainer.trainStep()
    guard result.loss.isFinite, result.gradientNorm.isFinite else {
      let what =
        result.loss.isFinite ? "the gradient norm became \(result.gradientNorm)" : "the loss became \(result.loss)"
      status = .diverged(reason: "\(what) at step \(trainer.step + 1); weights kept from step \(trainer.step)")
      return
    }
    throughput.record(tokens: result.tokens)
    let stats = StepStats(
      loss: Float(result.loss), accuracy: nil, counted: result.tokens, gradNormBeforeClip: result.gradientNorm,
      clipped: trainer.clip.map { result.gradientNorm > $0 } ?? false)
    history.append(stats, learningRate: trainer.optimizer.learningRate)
    epochLoss = (epochLoss.sum + result.loss, epochLoss.steps + 1)
    guard trainer.step % stepsPerEpoch == 0 else { return }
    finishEpoch()
    if session.pausesAtEpochEnd { status = .paused }
    if let epochLimit, epochs.count >= epochLimit { status = .finished }
  }

  /// Scores the held-out set and translates the probe: the epoch's row of the table.
  private mutating func finishEpoch() {
    let task = trainer.task
    // The held-out pairs come from the task's own vocabulary, so encoding them cannot fail.
    let metrics = try! Seq2SeqMetrics.evaluate(trainer.model, pairs: task.heldOut, vocabulary: task.vocabulary)
    let output = task.vocabulary.decodeTarget(decodeProbe().outputTokens)
    epochs.append(
      Seq2SeqEpochSummary(
        epoch: epochs.count + 1, step: trainer.step, trainLoss: Float(epochLoss.sum / Double(max(epochLoss.steps, 1))),
        metrics: metrics, probeOutput: output))
    epochLoss = (0, 0)
  }

  private func decodeProbe() -> Seq2SeqProbe {
    trainer.model.probe(probeSource, maxLength: Seq2SeqModel.maximumOutputLength(sourceLength: probeSource.count))
  }

  private mutating func publish() {
    let started = Date()
    var snapshot = Seq2SeqSessionSnapshot(
      model: trainer.model, task: trainer.task, publication: publications, optimizer: trainer.optimizerName,
      learningRate: trainer.optimizer.learningRate, clip: trainer.clip, batchSize: trainer.batchSize, status: status,
      step: trainer.step, stepsPerEpoch: stepsPerEpoch, epochLimit: epochLimit, speedLimit: speedLimit,
      tokensPerSecond: throughput.tokensPerSecond, history: history, epochs: epochs,
      measuresConnectivity: watchesConnectivity)
    snapshot.pausesAtEpochEnd = session.pausesAtEpochEnd
    session.mailbox.publish(snapshot)
    publications += 1
    schedule.published(at: Date(), cost: Date().timeIntervalSince(started))
    unpublishedChange = false
  }
}

extension Seq2SeqTask {
  /// The pair the live views decode: the task's probe with its target (for `pairs`, the held-out
  /// pair it was taken from; for a generated task, what the task expects for it).
  public var probePair: Seq2SeqPair {
    if let pair = heldOut.first(where: { $0.source == probe }) { return pair }
    return Seq2SeqPair(source: probe, target: kind.target(for: probe) ?? "")
  }
}

extension Seq2SeqTrainer {
  /// The update rule's name as `--optimizer` spells it.
  var optimizerName: String { optimizer is SGD ? "sgd" : "adam" }
}
