import Dispatch

/// The bottleneck experiment (Bahdanau et al. 2015's figure): encoder–decoders without attention,
/// with dot and general attention and with a bidirectional encoder, trained side by side on the
/// same data from the same seed, their exact accuracy against source length computed again as they train.
///
/// Not thread-safe: one owner drives it.
public final class AttentionLabRun {
  /// The settings every pane shares.
  public let settings: AttentionLabSettings
  /// The task the panes learn (its held-out set is what they are scored on).
  public let task: Seq2SeqTask
  private let panes: [AttentionLabPane]

  /// A run with `settings` (validate them first).
  public init(settings: AttentionLabSettings) {
    self.settings = settings
    let task = Seq2SeqTask.generated(
      settings.task, lengths: settings.lengths, heldOutCount: settings.heldOut, seed: settings.seed)
    self.task = task
    panes = settings.panes.map { AttentionLabPane(spec: $0, task: task, settings: settings) }
  }

  /// Whether every pane has stopped.
  public var isFinished: Bool { panes.allSatisfy { !$0.status.isTraining } }

  /// Up to `steps` steps of every pane still training; panes run on parallel threads when
  /// `inParallel` (each pane's arithmetic is independent, so the results are the same either way).
  public func advance(steps: Int = 1, inParallel: Bool = false) {
    let panes = self.panes
    let run: @Sendable (Int) -> Void = { index in
      for _ in 0..<steps { panes[index].advance() }
    }
    if inParallel {
      DispatchQueue.concurrentPerform(iterations: panes.count, execute: run)
    } else {
      for index in panes.indices { run(index) }
    }
  }

  /// Every pane now.
  public var panesSnapshot: [AttentionLabPaneSnapshot] { panes.map(\.snapshot) }

  /// The whole experiment now, as the lab view draws it.
  public func snapshot(publication: Int = 0, isPaused: Bool = false) -> AttentionLabSnapshot {
    AttentionLabSnapshot(
      publication: publication, settings: settings, taskSummary: task.summary, panes: panesSnapshot,
      isPaused: isPaused, isFinished: isFinished)
  }

  /// The model of the pane called `name`, or nil.
  public func model(ofPane name: String) -> Seq2SeqModel? { panes.first { $0.spec.name == name }?.model }
}
