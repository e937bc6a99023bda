import Dispatch
import Foundation
import Synchronization

/// Runs a `Trainer` on its own thread and publishes immutable snapshots for the UI.
///
/// The UI never waits for a training step: it reads the latest snapshot each frame and sends
/// commands, which the trainer thread applies between steps.
public final class TrainingSession: Sendable {
  /// How often, at most, a snapshot (with a fresh probe trace) is published while training runs.
  ///
  /// Well above the UI's 30 frames a second: a snapshot can only follow a whole step, so a rate
  /// just above 30 leaves some frames with nothing new to draw.
  public static let publishInterval = 1.0 / 50

  /// The largest share of the trainer thread's time that publishing may take: building the
  /// snapshot, and the probe's trace too where the background tracer has no core of its own.
  public static let publishShare = 0.1

  /// How long to train after a publication that took `cost` seconds before publishing again:
  /// `publishInterval`, or longer when publishing would otherwise take more than `publishShare`.
  public static func publishGap(afterPublicationTaking cost: TimeInterval) -> TimeInterval {
    max(publishInterval, cost * (1 - publishShare) / publishShare)
  }

  private let config: TrainingConfig
  private let task: any SequenceTask
  private let startPaused: Bool
  private let recording: RecordingTarget?
  private let initialParameters: [Float]?
  /// Whether training pauses at the end of every epoch (the lecture mode), until resumed.
  let pausesAtEpochEnd: Bool
  private let inbox = Mutex<[TrainerCommand]>([])
  private let latest = Mutex<TrainingSnapshot?>(nil)
  private let wakeUp = DispatchSemaphore(value: 0)
  private let done = DispatchSemaphore(value: 0)

  /// A session that will train `task` with `config` once started, recording into `recording` if given.
  ///
  /// `initialParameters` (in the model's layout) replace the seeded initial weights, e.g. an imported model's.
  public init(
    config: TrainingConfig, task: any SequenceTask, startPaused: Bool = false, recording: RecordingTarget? = nil,
    initialParameters: [Float]? = nil, pausesAtEpochEnd: Bool = false
  ) {
    self.pausesAtEpochEnd = pausesAtEpochEnd
    self.config = config
    self.task = task
    self.startPaused = startPaused
    self.recording = recording
    self.initialParameters = initialParameters
  }

  /// Starts the trainer thread; the first snapshot (the untrained model) follows shortly.
  public func start() {
    let thread = Thread { [self] in
      let trainer = Trainer(config: config, task: task)
      if let initialParameters { trainer.model.parameters = initialParameters }
      var loop = TrainingLoop(session: self, trainer: trainer, paused: startPaused, recording: recording)
      loop.run()
      done.signal()
    }
    thread.name = "rnnscope-trainer"
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Queues a command for the trainer thread and wakes it if it is waiting.
  public func send(_ command: TrainerCommand) {
    inbox.withLock { $0.append(command) }
    wakeUp.signal()
  }

  /// The most recent snapshot, or nil before the first is published.
  public var snapshot: TrainingSnapshot? { latest.withLock { $0 } }

  /// Asks the trainer to stop and waits until its thread has finished the current step.
  public func stop() {
    send(.stop)
    done.wait()
  }

  fileprivate func takeCommands() -> [TrainerCommand] {
    inbox.withLock { commands in
      defer { commands.removeAll() }
      return commands
    }
  }

  fileprivate func publish(_ snapshot: TrainingSnapshot) { latest.withLock { $0 = snapshot } }

  fileprivate func waitForCommand(seconds: Double) { _ = wakeUp.wait(timeout: .now() + seconds) }
}

/// The trainer thread's state and loop; lives entirely on that thread.
private struct TrainingLoop {
  let session: TrainingSession
  let trainer: Trainer
  var status: TrainingStatus
  var speedLimit: Int?
  var log = TrainingLog()
  var throughput = ThroughputMeter()
  var recorder: RunRecorder?
  /// Where to record, until the first step opens the recording (a session that never trains,
  /// such as an imported model only looked at, leaves no empty run folder).
  var unopenedRecording: RecordingTarget?
  /// Why recording stopped, shown to the person; training goes on without it.
  var recordingProblem: String?
  var schedule = PublishSchedule()
  var publications = 0
  /// A command or a step changed something the last snapshot does not show yet.
  var unpublishedChange = false
  /// Pattern search and connectivity, as the views asked for them.
  var viewers = ViewerRequests()

  init(session: TrainingSession, trainer: Trainer, paused: Bool, recording: RecordingTarget?) {
    self.session = session
    self.trainer = trainer
    self.status = paused ? .paused : .training
    // A language model shows what it writes from the start (an imported model, before any step).
    log.resample(trainer, temperature: log.sampleTemperature)
    unopenedRecording = recording
  }

  /// Opens the recording before the first step, if there is one to open.
  private mutating func openRecording() {
    guard let recording = unopenedRecording else { return }
    unopenedRecording = nil
    do {
      recorder = try RunRecorder(
        directory: recording.directory, trainer: trainer, programVersion: recording.programVersion)
    } catch {
      recordingProblem = "not recording: \(error)"
    }
  }

  mutating func run() {
    publish()
    while true {
      var singleStep = false
      let commands = session.takeCommands()
      if !commands.isEmpty { unpublishedChange = true }
      for command in commands {
        switch command {
        case .stop: return
        case .pause: if status == .training { status = .paused }
        case .resume: if status == .paused || status.isDiverged { status = .training }
        case .singleStep: singleStep = status == .paused
        case .setLearningRate(let rate): trainer.learningRate = rate
        case .setClip(let clip): trainer.clip = clip
        case .setSpeedLimit(let limit): speedLimit = limit
        case .setSampleTemperature(let temperature): log.resample(trainer, temperature: temperature)
        case .searchUnits, .watchConnectivity, .useHeldOutProbe: viewers.apply(command, to: trainer)
        }
      }
      guard status == .training || singleStep else {
        // Paused: publish only what changed (a command, or the step that paused or diverged,
        // whose snapshot the rate limit skipped), so an idle session costs nothing.
        if unpublishedChange { publish() }
        session.waitForCommand(seconds: 0.25)
        continue
      }
      let started = Date()
      // A snapshot goes out with each trace the tracer finishes beside the training; the next one
      // starts from a step's weights once it is due and the tracer is free. A single step, a
      // pause or the end shows the trace of the step it stopped at.
      let finished = singleStep ? nil : trainer.takeFinishedTrace()
      // Due from the last snapshot before this one, so that the next trace starts with this step.
      let traceDue = schedule.isDue() && !trainer.isTracing
      if let finished { publish(finished) }
      takeStep(tracing: singleStep || traceDue)
      unpublishedChange = true
      if singleStep || status != .training { publishUnlessJustPublished() }
      if let speedLimit, status == .training {
        let remaining = 1 / Double(speedLimit) - Date().timeIntervalSince(started)
        if remaining > 0 { session.waitForCommand(seconds: remaining) }
      }
    }
  }

  private mutating func takeStep(tracing: Bool) {
    openRecording()
    let trainer = self.trainer
    switch trainer.trainStep(tracing: tracing) {
    case .diverged(let reason):
      status = .diverged(reason: "\(reason) at step \(trainer.step + 1); weights kept from step \(trainer.step)")
    case .trained(let stats, let tokens):
      throughput.record(tokens: tokens)
      record { try $0.recordStep(stats, tokens: tokens, of: trainer) }
      if let summary = log.record(stats, tokens: tokens, of: trainer) {
        record { try $0.finishEpoch(summary, of: trainer) }
        if session.pausesAtEpochEnd { status = .paused }
      }
      if trainer.isFinished { status = .finished }
    }
  }

  /// Runs a recorder call; on failure stops recording and says why, but keeps training.
  private mutating func record(_ write: (RunRecorder) throws -> Void) {
    guard let recorder else { return }
    do {
      try write(recorder)
    } catch {
      self.recorder = nil
      recordingProblem = "recording stopped: \(error)"
    }
  }

  /// Publishes now, unless a snapshot went out in the last hundredth of a second (the paused loop
  /// then publishes what changed).
  private mutating func publishUnlessJustPublished() {
    if Date().timeIntervalSince(schedule.lastPublish) < 0.01 { return }
    publish()
  }

  /// Publishes a snapshot with the background tracer's `finished` trace, or else with
  /// `trainer.probeTrace()`.
  private mutating func publish(_ finished: BackgroundTracer.Finished? = nil) {
    // The views' own work keeps its own schedule, so it does not count towards the snapshot's cost.
    viewers.refresh(trainer)
    let started = Date()
    var snapshot = TrainingSnapshot(
      trainer: trainer, status: status, log: log, trace: finished?.trace, speedLimit: speedLimit,
      tokensPerSecond: throughput.tokensPerSecond, publication: publications,
      recording: recorder.map { "recording to \($0.directory.path)" } ?? recordingProblem,
      recordingProblem: recordingProblem)
    snapshot.pausesAtEpochEnd = session.pausesAtEpochEnd
    snapshot.unitSearch = viewers.unitSearch
    snapshot.connectivity = viewers.connectivity
    session.publish(snapshot)
    publications += 1
    let cost = Date().timeIntervalSince(started) + (finished?.secondsTakenFromTrainer ?? 0)
    schedule.published(at: Date(), cost: cost)
    unpublishedChange = false
  }
}

/// When the trainer starts its next snapshot: `TrainingSession.publishInterval` after the last
/// one, or later when publishing would otherwise take more than `TrainingSession.publishShare` of
/// the trainer's time.
public struct PublishSchedule: Sendable {
  /// When the last snapshot was published.
  public private(set) var lastPublish = Date.distantPast
  /// Seconds the last publication cost the trainer: building the snapshot, and its trace where the tracer shares the trainer's core.
  public private(set) var lastCost: TimeInterval = 0

  /// A schedule with nothing published yet (the first snapshot is due at once).
  public init() {}

  /// Whether the next snapshot is due at `now`.
  public func isDue(at now: Date = Date()) -> Bool {
    now.timeIntervalSince(lastPublish) >= TrainingSession.publishGap(afterPublicationTaking: lastCost)
  }

  /// Notes a snapshot published at `time` that cost `cost` seconds.
  public mutating func published(at time: Date, cost: TimeInterval) {
    lastPublish = time
    lastCost = cost
  }
}

/// Tokens per second over roughly the last second of steps.
struct ThroughputMeter {
  private var window: [(time: Date, tokens: Int)] = []

  mutating func record(tokens: Int) {
    let now = Date()
    window.append((now, tokens))
    window.removeAll { now.timeIntervalSince($0.time) > 1.0 }
  }

  var tokensPerSecond: Double {
    guard let first = window.first, let last = window.last, window.count > 1 else { return 0 }
    let seconds = last.time.timeIntervalSince(first.time)
    guard seconds > 0 else { return 0 }
    return Double(window.dropFirst().reduce(0) { $0 + $1.tokens }) / seconds
  }
}

/// Where a live session records its run.
public struct RecordingTarget: Sendable {
  /// The run directory (created if missing).
  public var directory: URL
  /// The program version written into run.json.
  public var programVersion: String

  /// A target directory and version.
  public init(directory: URL, programVersion: String) {
    self.directory = directory
    self.programVersion = programVersion
  }
}
