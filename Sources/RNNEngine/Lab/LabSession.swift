import Dispatch
import Foundation
import Synchronization

/// Runs a `LabRun` on its own thread and publishes immutable `LabSnapshot`s for the UI, like `TrainingSession`.
///
/// The UI never waits for a training step: it reads the latest snapshot each frame and sends
/// commands, which the lab thread applies between round-robin passes over the panes.
public final class LabSession: Sendable {
  /// How often, at most, a snapshot is published while the panes train (30 Hz).
  public static let publishInterval = 1.0 / 30

  private let experiment: LabExperiment
  private let settings: LabSettings
  private let task: any SequenceTask
  private let startPaused: Bool
  private let inbox = Mutex<[LabSessionCommand]>([])
  private let latest = Mutex<LabSnapshot?>(nil)
  private let wakeUp = DispatchSemaphore(value: 0)
  private let done = DispatchSemaphore(value: 0)

  /// A session that will train every pane of `experiment` once started; throws if the gap is not a valid recall task.
  public init(
    experiment: LabExperiment, settings: LabSettings = LabSettings(), startPaused: Bool = false
  ) throws(TaskError) {
    self.experiment = experiment
    self.settings = settings
    self.task = try experiment.task(settings)
    self.startPaused = startPaused
  }

  /// Starts the lab thread; the first snapshot (every pane at initialisation) follows shortly.
  public func start() {
    let thread = Thread { [self] in
      let run = LabRun(experiment: experiment, settings: settings, task: task)
      var loop = LabLoop(session: self, lab: run, isPaused: startPaused)
      loop.run()
      done.signal()
    }
    thread.name = "rnnscope-lab"
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Queues a command for the lab thread and wakes it if it is waiting.
  public func send(_ command: LabSessionCommand) {
    inbox.withLock { $0.append(command) }
    wakeUp.signal()
  }

  /// The most recent snapshot, or nil before the first is published.
  public var snapshot: LabSnapshot? { latest.withLock { $0 } }

  /// Asks the lab thread to stop and waits until it has finished the current pass.
  public func stop() {
    send(.stop)
    done.wait()
  }

  fileprivate func takeCommands() -> [LabSessionCommand] {
    inbox.withLock { commands in
      defer { commands.removeAll() }
      return commands
    }
  }

  fileprivate func publish(_ snapshot: LabSnapshot) { latest.withLock { $0 = snapshot } }

  fileprivate func waitForCommand(seconds: Double) { _ = wakeUp.wait(timeout: .now() + seconds) }
}

/// The lab thread's state and loop; lives entirely on that thread.
private struct LabLoop {
  let session: LabSession
  let lab: LabRun
  var isPaused: Bool
  var lastPublish = Date.distantPast
  var publications = 0

  mutating func run() {
    publish()
    while true {
      for command in session.takeCommands() {
        switch command {
        case .stop: return
        case .pause: isPaused = true
        case .resume: isPaused = false
        case .setForgetBias(let bias): change { $0.forgetBias = bias }
        case .setGap(let gap): change { $0.gap = gap }
        case .setScales(let scales): if !scales.isEmpty { change { $0.scales = scales } }
        case .restart: lab.restart()
        }
      }
      guard !isPaused, !lab.isFinished else {
        publishIfDue(force: true)
        session.waitForCommand(seconds: 0.25)
        continue
      }
      lab.advance()
      publishIfDue(force: lab.isFinished)
    }
  }

  /// Applies an edited copy of the settings, restarting the panes it affects.
  private func change(_ edit: (inout LabSettings) -> Void) {
    var settings = lab.settings
    edit(&settings)
    lab.apply(settings)
  }

  private mutating func publishIfDue(force: Bool) {
    let sinceLast = Date().timeIntervalSince(lastPublish)
    guard sinceLast >= LabSession.publishInterval || (force && sinceLast >= 0.01) else { return }
    publish()
  }

  private mutating func publish() {
    session.publish(lab.snapshot(publication: publications, isPaused: isPaused))
    publications += 1
    lastPublish = Date()
  }
}
