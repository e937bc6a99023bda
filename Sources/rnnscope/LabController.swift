import RNNEngine
import Scope

/// The lab session behind the TUI's lab view: started when the view first opens, restarted per experiment.
struct LabController {
  private var session: LabSession?
  private var lastPublication: Int?

  /// A lab snapshot newer than the last one returned, if there is one.
  mutating func newSnapshot() -> LabSnapshot? {
    guard let snapshot = session?.snapshot, snapshot.publication != lastPublication else { return nil }
    lastPublication = snapshot.publication
    return snapshot
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
  func send(_ command: LabSessionCommand) { session?.send(command) }

  /// Stops the lab's thread, if one runs.
  mutating func stop() {
    session?.stop()
    session = nil
  }
}
