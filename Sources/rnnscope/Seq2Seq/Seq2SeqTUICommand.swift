import ArgumentParser
import Foundation
import RNNEngine
import Scope
import Terminal

/// `rnnscope tui --task reverse|sort|dates|pairs`: the live TUI of an encoder–decoder while it trains.
struct Seq2SeqTUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tui",
    abstract: "Watch an encoder–decoder learn, live: attention forming, accuracy by source length, the bottleneck lab.",
    discussion: """
      Trains in the background with the same flags as 'rnnscope train --task …'. Tabs: 1 Attention (α of \
      the probe decoded now; ↑/↓ pick the output step), 2 Encoder–decoder, 3 Training (loss, exact \
      accuracy by source length after every epoch, the probe translated after every epoch), 4 Lab (the \
      bottleneck experiment: none, dot, general and a bidirectional encoder side by side). The session is \
      not recorded.

      Examples:
        rnnscope tui --task reverse --attention dot
        rnnscope tui --task reverse --attention none --max-len 20
        rnnscope tui --task dates --attention general --epoch-steps 200
        rnnscope tui --task pairs --pairs words.tsv --cell lstm --hidden 128
      """
  )

  @OptionGroup var options: Seq2SeqTrainingOptions

  @Option(help: "Epochs to train (default: until you quit).") var epochs: Int?

  @Flag(help: "Start paused (space starts training, n takes one step).") var paused = false

  @Option(help: "Training speed to start at, in steps/s: 1, 2, 5, 10, 30, 100 or full (+ and - change it live).")
  var speed: TrainingSpeed?

  @Flag(help: "For a class: start paused at 5 steps/s (or --speed) and pause after every epoch.") var lecture = false

  func validate() throws {
    if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1 (got \(epochs))") }
  }

  func run() throws {
    let task = try reportingErrorsReturning { try options.makeTask() }
    let trainer = options.makeTrainer(for: task)
    SignalMonitor.install()
    let terminal = try openTerminal()
    // The per-step products are small: one thread trains and the other core draws.
    EngineThreads.set(1)
    let session = Seq2SeqSession(
      trainer: trainer, stepsPerEpoch: options.epochSteps, epochs: epochs, startPaused: paused || lecture,
      pausesAtEpochEnd: lecture)
    session.start()
    if let limit = speed.map(\.stepsPerSecond) ?? (lecture ? TUICommand.lectureSpeed : nil) {
      session.send(.setSpeedLimit(limit))
    }
    var loop = LiveLoop(
      terminal: terminal, source: LiveSeq2SeqTraining(session: session),
      initialState: AppState(width: 80, height: 24, view: .attention), screensDirectory: ScreenSaver.fallbackDirectory)
    let exitStatus = loop.run()
    terminal.close()
    session.stop()
    if exitStatus != 0 { throw ExitCode(exitStatus) }
  }
}

/// A live encoder–decoder session as the TUI's source of snapshots.
struct LiveSeq2SeqTraining: SnapshotSource {
  let session: Seq2SeqSession
  private var lastPublication: Int?

  init(session: Seq2SeqSession) { self.session = session }

  /// An encoder–decoder publishes no recurrent-model snapshot: its events come from `newEvent`.
  mutating func newSnapshot() -> TrainingSnapshot? { nil }

  mutating func newEvent() -> AppEvent? {
    guard let snapshot = session.snapshot, snapshot.publication != lastPublication else { return nil }
    lastPublication = snapshot.publication
    return .seq2seqSnapshot(snapshot)
  }

  mutating func perform(_ effect: AppEffect) -> String? {
    if case .trainer(let command) = effect { session.send(command) }
    return nil
  }
}
