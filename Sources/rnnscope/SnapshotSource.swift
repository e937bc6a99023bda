import Foundation
import RNNEngine
import Scope

/// Where the TUI's snapshots come from and where its commands go: a live trainer or a recording.
protocol SnapshotSource {
  /// A snapshot newer than the last one returned, if there is one.
  mutating func newSnapshot() -> TrainingSnapshot?
  /// Carries out what `update` asked for (other than quitting and saving the screen).
  mutating func perform(_ effect: AppEffect) -> String?
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

/// A recorded run, one finished epoch at a time.
struct RecordedRun: SnapshotSource {
  let run: RunDirectory
  let task: any SequenceTask
  private var shownEpoch: Int
  private var sampleTemperature: Float = 1
  private var pending: TrainingSnapshot?

  /// Opens the run on its last finished epoch.
  init(run: RunDirectory) throws {
    self.run = run
    self.task = try run.task()
    guard let last = run.epochs.last else { throw RecordingError(file: run.url.path, problem: "has no finished epoch") }
    shownEpoch = last.number
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

  /// The replay's timeline: every finished epoch with its training loss.
  var timeline: ReplayTimeline {
    let losses = run.epochs.map { epoch in run.epochRecords.first { $0.epoch == epoch.number }?.trainLoss ?? .nan }
    return ReplayTimeline(epochs: run.epochs.map(\.number), losses: losses)
  }
}

/// No trainer at all (`rnnscope lab` shows only the lab).
struct NoTraining: SnapshotSource {
  func newSnapshot() -> TrainingSnapshot? { nil }
  func perform(_ effect: AppEffect) -> String? { nil }
}
