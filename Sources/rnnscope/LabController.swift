import RNNEngine
import Scope

/// The lab session behind the TUI's lab view: started when the view first opens, restarted per experiment.
/// An encoder–decoder session's lab view runs the bottleneck lab instead (`startAttention`).
struct LabController {
  private var session: LabSession?
  private var lastPublication: Int?
  private var attentionSession: AttentionLabSession?
  private var lastAttentionPublication: Int?

  /// A lab snapshot newer than the last one returned, if there is one.
  mutating func newSnapshot() -> LabSnapshot? {
    guard let snapshot = session?.snapshot, snapshot.publication != lastPublication else { return nil }
    lastPublication = snapshot.publication
    return snapshot
  }

  /// A bottleneck-lab snapshot newer than the last one returned, if there is one.
  mutating func newAttentionSnapshot() -> AttentionLabSnapshot? {
    guard let snapshot = attentionSession?.snapshot, snapshot.publication != lastAttentionPublication else {
      return nil
    }
    lastAttentionPublication = snapshot.publication
    return snapshot
  }

  /// Starts the bottleneck lab with `settings` (stopping any running lab); returns a message if it cannot.
  mutating func startAttention(_ settings: AttentionLabSettings) -> String? {
    stop()
    do {
      try settings.validate()
    } catch {
      return "cannot start the bottleneck lab: \(error)"
    }
    let session = AttentionLabSession(settings: settings)
    session.start()
    attentionSession = session
    lastAttentionPublication = nil
    return nil
  }

  /// Starts `experiment` (stopping any running one); returns a message if it cannot.
  mutating func start(_ experiment: LabExperiment, settings: LabSettings) -> String? {
    stop()
    do {
      let session = try LabSession(experiment: experiment, settings: settings)
      session.start()
      self.session = session
      lastPublication = nil
      return nil
    } catch {
      return "cannot start the lab: \(error)"
    }
  }

  /// Sends a command to the running lab.
  func send(_ command: LabSessionCommand) {
    session?.send(command)
    attentionSession?.send(command)
  }

  /// Stops the lab's thread, if one runs.
  mutating func stop() {
    session?.stop()
    session = nil
    attentionSession?.stop()
    attentionSession = nil
  }
}
