import ArgumentParser
import Foundation
import RNNEngine
import Scope
import Terminal

/// `rnnscope tui`: the live, full-screen view of a network while it trains.
struct TUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tui",
    abstract: "Open the live TUI (the default command).",
    discussion: """
      Trains in the background and shows the network's insides as it learns. With no flags: an \
      LSTM learning case correction on the built-in corpus, as in the lecture demo.

      Examples:
        rnnscope
        rnnscope tui --cell gru --hidden 64 --task lm --text book.txt
        rnnscope tui --task recall --gap 50 --cell lstm --forget-bias 3
        rnnscope tui --lecture --epochs 12      (for a class: 5 steps/s, a pause after every epoch)
        rnnscope tui --bidirectional            (each view draws → forward above ← backward; d in Unrolled)
        rnnscope tui --weights char_lstm.safetensors --task lm --vocab vocab.json   (not recorded)
        rnnscope tui --task reverse --attention dot   (an encoder–decoder: rnnscope tui --task reverse --help)
      """
  )

  @OptionGroup var training: TrainingOptions

  @OptionGroup var recording: RecordingOptions

  @Flag(help: "Start paused (space starts training, n takes one step).")
  var paused = false

  @Option(help: "Training speed to start at, in steps/s: 1, 2, 5, 10, 30, 100 or full (+ and - change it live).")
  var speed: TrainingSpeed?

  @Flag(
    help: """
      For a class: start paused at 5 steps/s (or --speed) and pause after every epoch with a prompt; \
      space or n runs the next epoch.
      """)
  var lecture = false

  @Option(
    help: """
      Open a model saved from PyTorch (safetensors with state_dict names) or an rnnscope checkpoint, \
      paused; its architecture replaces --cell/--hidden/--layers/--embedding. Use --task lm for a language model.
      """)
  var weights: String?

  @OptionGroup var vocabulary: VocabularyOption

  /// Steps per second of `--lecture` without `--speed`: the loss moves visibly step by step.
  static let lectureSpeed = 5

  func validate() throws {
    try vocabulary.requireLanguageModel(training.task)
    if vocabulary.vocab != nil, weights == nil {
      throw ValidationError("--vocab needs --weights FILE, the model whose symbols it lists")
    }
    if vocabulary.vocab != nil, recording.out != nil {
      throw ValidationError(
        "--vocab: a recording keeps byte models only; leave out --out (this session is not recorded)")
    }
  }

  func run() throws {
    let (task, config, initialParameters) = try reportingErrorsReturning {
      try training.taskConfigAndWeights(loading: weights, vocabulary: vocabulary.load())
    }
    // A recording keeps the task's settings, not a vocabulary: a session over one is not recorded.
    let target = (vocabulary.vocab == nil ? recording.directory(for: config) : nil).map {
      RecordingTarget(directory: $0, programVersion: RNNScope.version)
    }
    // Locked before the terminal opens, so a second writer is told so on the normal screen.
    if let target {
      try reportingErrors {
        try FileManager.default.createDirectory(at: target.directory, withIntermediateDirectories: true)
        _ = try RunDirectoryLock.acquire(target.directory)
      }
    }
    // Catch signals before curses starts, so none can end the process with the terminal in curses mode.
    SignalMonitor.install()
    let terminal = try openTerminal()
    // One BLAS thread for training leaves the second core to the UI.
    EngineThreads.set(1)
    let session = TrainingSession(
      config: config, task: task, startPaused: paused || lecture || weights != nil, recording: target,
      initialParameters: initialParameters, pausesAtEpochEnd: lecture)
    session.start()
    if let limit = speed.map(\.stepsPerSecond) ?? (lecture ? Self.lectureSpeed : nil) {
      session.send(.setSpeedLimit(limit))
    }
    var state = AppState(width: 80, height: 24)
    state.importedModel = weights.map { URL(fileURLWithPath: $0).lastPathComponent }
    var loop = LiveLoop(
      terminal: terminal, source: LiveTraining(session: session), initialState: state,
      screensDirectory: target.map { $0.directory.appendingPathComponent("screens") } ?? ScreenSaver.fallbackDirectory)
    let exitStatus = loop.run()
    terminal.close()
    session.stop()
    if let problem = session.snapshot?.recordingProblem { printLine("rnnscope: \(problem)") }
    if exitStatus != 0 { throw ExitCode(exitStatus) }
  }
}
