import Foundation
import RNNEngine
import Scope

/// Where the TUI's snapshots come from and where its commands go: a live trainer or a recording.
protocol SnapshotSource {
  /// A snapshot newer than the last one returned, if there is one.
  mutating func newSnapshot() -> TrainingSnapshot?
  /// Carries out what `update` asked for (other than quitting and saving the screen).
  mutating func perform(_ effect: AppEffect) -> String?
  /// The event a new snapshot makes for the app state, if there is one (by default `newSnapshot`'s).
  mutating func newEvent() -> AppEvent?
}

extension SnapshotSource {
  mutating func newEvent() -> AppEvent? { newSnapshot().map(AppEvent.snapshot) }
}

/// A training session running on its own thread.
struct LiveTraining: SnapshotSource {
  let session: TrainingSession
  private var lastPublication: Int?

  init(session: TrainingSession) { self.session = session }

  mutating func newSnapshot() -> TrainingSnapshot? {
    guard let snapshot = session.snapshot, snapshot.publication != lastPublication else { return nil }
    lastPublication = snapshot.publication
    return snapshot
  }

  mutating func perform(_ effect: AppEffect) -> String? {
    if case .trainer(let command) = effect { session.send(command) }
    return nil
  }
}

/// A source the TUI replays: its timeline of epochs and where `s` saves screens.
protocol ReplaySource: SnapshotSource {
  /// The epochs it holds, the one shown first being the current one.
  var timeline: ReplayTimeline { get }
  /// Where `s` saves screens.
  var screensDirectory: URL { get }
  /// The view the TUI opens on.
  var firstView: ViewID { get }
}

extension ReplaySource {
  var firstView: ViewID { .training }
}

/// A recorded run, one finished epoch at a time.
struct RecordedRun: ReplaySource {
  let run: RunDirectory
  let task: any SequenceTask
  private var shownEpoch: Int
  private var sampleTemperature = TextSample.defaultTemperature
  private var pending: TrainingSnapshot?

  /// Opens the run on finished epoch `epoch`, by default its last.
  init(run: RunDirectory, epoch: Int? = nil) throws {
    self.run = run
    self.task = try run.task()
    guard let last = run.epochs.last else { throw RecordingError(file: run.url.path, problem: "has no finished epoch") }
    shownEpoch = epoch ?? last.number
    pending = try run.replaySnapshot(epoch: shownEpoch, task: task)
  }

  mutating func newSnapshot() -> TrainingSnapshot? {
    defer { pending = nil }
    return pending
  }

  mutating func perform(_ effect: AppEffect) -> String? {
    switch effect {
    case .showEpoch(let epoch): show(epoch: epoch, sampleTemperature: sampleTemperature)
    case .trainer(.setSampleTemperature(let temperature)): show(epoch: shownEpoch, sampleTemperature: temperature)
    default: nil
    }
  }

  /// Recomputes the views for `epoch`, with a sample drawn at `sampleTemperature`; says what failed.
  private mutating func show(epoch: Int, sampleTemperature temperature: Float) -> String? {
    do {
      pending = try run.replaySnapshot(epoch: epoch, task: task, sampleTemperature: temperature)
      shownEpoch = epoch
      sampleTemperature = temperature
      return nil
    } catch {
      return "cannot show epoch \(epoch): \(error)"
    }
  }

  /// The replay's timeline: every finished epoch with its training loss, the shown one current.
  var timeline: ReplayTimeline {
    let losses = run.epochs.map { epoch in run.epochRecords.first { $0.epoch == epoch.number }?.trainLoss ?? .nan }
    var timeline = ReplayTimeline(epochs: run.epochs.map(\.number), losses: losses)
    timeline.current = run.epochs.firstIndex { $0.number == shownEpoch } ?? timeline.current
    return timeline
  }

  /// Screens go where unrecorded runs put them, not into the recording: a replay only reads it
  /// (it may be a sample in the repository).
  var screensDirectory: URL { ScreenSaver.fallbackDirectory }
}

/// One model file (an rnnscope checkpoint or a model from elsewhere), replayed as a timeline of one entry.
struct SingleModel: ReplaySource {
  let file: URL
  let trainer: Trainer
  let timeline: ReplayTimeline
  private var pending: TrainingSnapshot?

  /// Shows `trainer`'s model, read from `file`; `imported` says it did not come from an rnnscope run.
  init(file: URL, trainer: Trainer, imported: Bool) {
    self.file = file
    self.trainer = trainer
    let first = Self.snapshot(of: trainer, file: file, sampleTemperature: TextSample.defaultTemperature)
    let origin = imported ? "imported model" : "one model, epoch \(first.epoch)"
    timeline = ReplayTimeline(singleModel: "\(file.lastPathComponent): \(origin)", epoch: first.epoch)
    pending = first
  }

  mutating func newSnapshot() -> TrainingSnapshot? {
    defer { pending = nil }
    return pending
  }

  mutating func perform(_ effect: AppEffect) -> String? {
    if case .trainer(.setSampleTemperature(let temperature)) = effect {
      pending = Self.snapshot(of: trainer, file: file, sampleTemperature: temperature)
    }
    return nil
  }

  /// The epoch the model was saved after (1 for a model from elsewhere, which shows as step 0 of epoch 1).
  var epoch: Int { timeline.currentEpoch }

  /// Screens go where unrecorded runs put them: a model file's folder may not be ours to write in.
  var screensDirectory: URL { ScreenSaver.fallbackDirectory }

  /// The views of the model, paused, with a sample drawn at `sampleTemperature` for a language model.
  private static func snapshot(of trainer: Trainer, file: URL, sampleTemperature: Float) -> TrainingSnapshot {
    var log = TrainingLog()
    log.resample(trainer, temperature: sampleTemperature)
    return TrainingSnapshot(trainer: trainer, status: .paused, log: log, recording: "replaying \(file.relativePath)")
  }
}

/// No trainer at all (`rnnscope lab` shows only the lab).
struct NoTraining: SnapshotSource {
  func newSnapshot() -> TrainingSnapshot? { nil }
  func perform(_ effect: AppEffect) -> String? { nil }
}
