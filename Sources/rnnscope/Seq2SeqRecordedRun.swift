import Foundation
import RNNEngine
import Scope

/// A recorded encoder–decoder run, one kept epoch at a time, in the encoder–decoder's views.
struct Seq2SeqRecordedRun: ReplaySource {
  let run: Seq2SeqRun
  let task: Seq2SeqTask
  private var shownEpoch: Int
  private var pending: Seq2SeqSessionSnapshot?

  /// Opens the run on kept epoch `epoch`, by default its last.
  init(run: Seq2SeqRun, epoch: Int? = nil) throws {
    self.run = run
    task = try run.task()
    guard let last = run.epochs.last else { throw RecordingError(file: run.url.path, problem: "has no finished epoch") }
    shownEpoch = epoch ?? last.number
    pending = try run.replaySnapshot(epoch: shownEpoch, task: task)
  }

  /// An encoder–decoder has no recurrent-model snapshot: its events come from `newEvent`.
  mutating func newSnapshot() -> TrainingSnapshot? { nil }

  mutating func newEvent() -> AppEvent? {
    defer { pending = nil }
    return pending.map(AppEvent.seq2seqSnapshot)
  }

  /// Shows the epoch asked for; training commands have nothing to steer in a recording.
  mutating func perform(_ effect: AppEffect) -> String? {
    guard case .showEpoch(let epoch) = effect else { return nil }
    do {
      pending = try run.replaySnapshot(epoch: epoch, task: task)
      shownEpoch = epoch
      return nil
    } catch {
      return "cannot show epoch \(epoch): \(error)"
    }
  }

  /// The replay's timeline: every kept epoch with its training loss, the shown one current.
  var timeline: ReplayTimeline {
    let losses = run.epochs.map { run.record(atEpoch: $0.number).map { Float($0.trainLoss) } ?? .nan }
    var timeline = ReplayTimeline(epochs: run.epochs.map(\.number), losses: losses)
    timeline.current = run.epochs.firstIndex { $0.number == shownEpoch } ?? timeline.current
    return timeline
  }

  /// The encoder–decoder's first tab.
  var firstView: ViewID { .attention }

  /// Screens go where unrecorded runs put them: a replay only reads the run.
  var screensDirectory: URL { ScreenSaver.fallbackDirectory }
}
