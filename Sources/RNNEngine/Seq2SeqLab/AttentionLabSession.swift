import Foundation

/// Runs the bottleneck experiment (`AttentionLabRun`) on its own thread and publishes
/// `AttentionLabSnapshot`s for the TUI's lab view, as `LabSession` does for the vanishing/exploding lab.
///
/// Every pane takes one step per pass, round robin; their held-out accuracy by source length is
/// evaluated again every `settings.recordEvery` steps. The session understands pause, resume,
/// restart and stop (the recall lab's gap and forget-bias commands do not apply here).
public final class AttentionLabSession: Sendable {
  /// How often, at most, a snapshot is published while the panes train.
  public static let publishInterval = 1.0 / 30

  private let settings: AttentionLabSettings
  private let startPaused: Bool
  private let mailbox = SessionMailbox<LabSessionCommand, AttentionLabSnapshot>()

  /// A session that will train every pane of `settings` once started (validate them first).
  public init(settings: AttentionLabSettings, startPaused: Bool = false) {
    self.settings = settings
    self.startPaused = startPaused
  }

  /// Starts the lab thread; the first snapshot (every pane evaluated at initialisation) follows.
  public func start() {
    mailbox.startWorker(named: "rnnscope-attention-lab") { [self] in
      var run = AttentionLabRun(settings: settings)
      var isPaused = startPaused
      var publications = 0
      var lastPublish = Date.distantPast
      func publish() {
        mailbox.publish(run.snapshot(publication: publications, isPaused: isPaused))
        publications += 1
        lastPublish = Date()
      }
      publish()
      while true {
        let commands = mailbox.takeCommands()
        for command in commands {
          switch command {
          case .stop: return
          case .pause: isPaused = true
          case .resume: isPaused = false
          case .restart: run = AttentionLabRun(settings: settings)
          case .setForgetBias, .setGap, .setScales: break
          }
        }
        guard !isPaused, !run.isFinished else {
          // Idle: publish only what a command changed, so a paused lab costs nothing.
          if !commands.isEmpty { publish() }
          mailbox.waitForCommand(seconds: 0.25)
          continue
        }
        run.advance()
        if run.isFinished || Date().timeIntervalSince(lastPublish) >= Self.publishInterval { publish() }
      }
    }
  }

  /// Queues a command for the lab thread and wakes it if it is waiting.
  public func send(_ command: LabSessionCommand) { mailbox.send(command) }

  /// The most recent snapshot, or nil before the first is published.
  public var snapshot: AttentionLabSnapshot? { mailbox.snapshot }

  /// Asks the lab thread to stop and waits until it has finished the current pass.
  public func stop() { mailbox.stop(sending: .stop) }
}

/// An immutable picture of the bottleneck experiment for the TUI.
public struct AttentionLabSnapshot: Sendable {
  /// Counts the snapshots a session published, so a reader can tell a new one from the last.
  public var publication: Int
  /// The set-up every pane shares.
  public var settings: AttentionLabSettings
  /// One line describing the task.
  public var taskSummary: String
  /// Every pane, in display order (none, dot, general, bi-dot).
  public var panes: [AttentionLabPaneSnapshot]
  /// Whether the panes wait for a resume.
  public var isPaused: Bool
  /// Whether every pane has stopped.
  public var isFinished: Bool

  /// A snapshot from its parts.
  public init(
    publication: Int, settings: AttentionLabSettings, taskSummary: String, panes: [AttentionLabPaneSnapshot],
    isPaused: Bool, isFinished: Bool
  ) {
    self.publication = publication
    self.settings = settings
    self.taskSummary = taskSummary
    self.panes = panes
    self.isPaused = isPaused
    self.isFinished = isFinished
  }
}
