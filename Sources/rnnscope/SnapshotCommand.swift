import ArgumentParser
import Foundation
import RNNEngine
import Scope
import TermCanvas

/// `rnnscope snapshot`: save one view exactly as the TUI would draw it, after deterministic training,
/// at an epoch of a recording, or for a model file.
struct SnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Save a view as SVG, ANSI or plain text: after some training, from a recording, or of a model file.",
    discussion: """
      The picture is what the TUI shows at that size, so it can go on a slide or into a README. \
      The same flags always give the same picture.

      Without --run or --weights it trains a fresh model (--steps or --epochs) first. --run DIR \
      shows epoch --epoch of a recording (default: its last finished epoch) as `rnnscope replay DIR` \
      recomputes it; --view replay draws the whole replay screen with its epoch timeline. \
      --weights FILE shows an imported PyTorch model or an rnnscope checkpoint as \
      `rnnscope tui --weights FILE` opens it: untrained and paused.

      Examples:
        rnnscope snapshot --view gates --epochs 20 --out gates.svg
        rnnscope snapshot --view hidden --cell gru --steps 500 --format ansi
        rnnscope snapshot --task lm --view training --steps 300 --format txt
        rnnscope snapshot --run Samples/case-lstm-demo --epoch 2 --view gates
        rnnscope snapshot --run Samples/case-lstm-demo --view replay --size 80x24
        rnnscope snapshot --weights char_lstm.safetensors --task lm --view unrolled
        rnnscope snapshot --weights char_lstm.safetensors --task lm --vocab vocab.json --view gates
        rnnscope snapshot --view gates --epochs 20 --theme light --no-chrome --out gates-slide.svg
        rnnscope snapshot --view hidden --layers 2 --layer 2 --epochs 5
        rnnscope snapshot --view hidden --epochs 40 --cursor 20 --span '"'
        rnnscope snapshot --view connectivity --task lm --steps 300 --cursor 40
        rnnscope snapshot --view unrolled --bidirectional --epochs 30 --cursor 54
        rnnscope snapshot --view lab --experiment direction --out direction.svg
        rnnscope snapshot --view lab --experiment attention --max-len 20 --steps 1500 --out bottleneck.svg

      --view lab trains the experiment as the TUI's lab does (gap 50, its full --steps budget, a \
      measurement every 100 steps) unless --gap, --steps or --record-every say otherwise. \
      --view lab --experiment attention is the encoder–decoders' bottleneck lab, trained as `rnnscope lab \
      --experiment attention --headless` trains it (flags: snapshot --view lab --experiment attention --help).
      """
  )

  @OptionGroup var training: TrainingOptions

  @Option(
    help:
      "View: unrolled, hidden, gates, gradients, training, lab, connectivity, or replay (the replay screen; needs --run); attention and encoder-decoder for an encoder–decoder, and hidden, gates, gradients, training with a seq2seq --task or --run (see --view encoder-decoder --help)."
  )
  var view: SnapshotView = .tab(.training)

  @Option(help: "Train this many optimizer steps first.")
  var steps: Int?

  @Option(
    name: .customLong("run"),
    help:
      "A recording to show instead of training: a run directory (or one model file, as `rnnscope replay` opens it).",
    completion: .file())
  var recording: String?

  @Option(help: "With --run: the finished epoch to show (default: the last).")
  var epoch: Int?

  @Option(
    help: """
      Show a model saved from PyTorch (safetensors with state_dict names) or an rnnscope checkpoint, untrained \
      and paused; its architecture replaces --cell/--hidden/--layers/--embedding. Use --task lm for a language model.
      """,
    completion: .file())
  var weights: String?

  @OptionGroup var vocabulary: VocabularyOption

  @Option(help: "Screen size as WIDTHxHEIGHT, at least 60x16 (the smallest the views are laid out for).")
  var size: ScreenSize = ScreenSize(width: 160, height: 48)

  @Option(help: "Output format: svg, ansi or txt.")
  var format: SnapshotFormat = .svg

  @Option(help: "Cursor position in the probe (step), as the arrow keys would set it.")
  var cursor: Int = 0

  @Option(help: "Selected hidden unit.")
  var unit: Int = 0

  @Option(help: "Layer of a stacked model to show (1 = bottom), as L would select it.")
  var layer: Int = 1

  @Option(help: "Colours: dark (the TUI's) or light (for slides with a white background; svg and ansi).")
  var theme: SlideTheme = .dark

  @Flag(help: "Leave out the tab bar, key hint and status line: only the view, for slides.")
  var noChrome = false

  @Option(help: "Output file, or - for standard output (the default); devices and FIFOs are written to as they are.")
  var out: String?

  @Option(help: "For --view hidden: search for the units on throughout this text of the probe (its first occurrence).")
  var span: String?

  @Option(
    help: "With --span: |h| above which a unit is on (default: the 75th percentile of |h| over the held-out text).")
  var threshold: Float?

  @Option(
    help:
      "For --view lab: the experiment (scale, arch, clip, activation, direction; attention, the bottleneck lab: see snapshot --view lab --experiment attention --help); --steps is then per pane."
  )
  var experiment: LabExperiment = .scale

  @Option(help: "For --view lab: measure gradients and accuracy every this many steps (default: the TUI's, 100).")
  var recordEvery: Int?

  enum SnapshotFormat: String, ExpressibleByArgument, CaseIterable { case svg, ansi, txt }

  /// Why `--view lab` refuses `--run` and `--weights`.
  static let labTrainsItsOwn = "--view lab trains its own experiment; leave out --run and --weights"

  func validate() throws {
    if out?.isEmpty == true { throw ValidationError("--out must name a file, or - for standard output") }
    if let steps, !(0...TrainingConfig.maximumSteps).contains(steps) {
      throw ValidationError("--steps must be between 0 and \(TrainingConfig.maximumSteps) (got \(steps))")
    }
    if steps != nil, training.epochs != nil { throw ValidationError("give --steps or --epochs, not both") }
    if recording != nil, weights != nil { throw ValidationError("give --run or --weights, not both") }
    try vocabulary.requireLanguageModel(training.task)
    if vocabulary.vocab != nil, recording == nil, weights == nil {
      throw ValidationError("--vocab needs --weights FILE (or --run FILE), the model whose symbols it lists")
    }
    if recording != nil, steps != nil || training.epochs != nil {
      throw ValidationError(
        "--run shows a recorded epoch; --steps and --epochs train a new model (use --epoch to pick the epoch)")
    }
    if let epoch, recording == nil {
      throw ValidationError("--epoch \(epoch) needs --run DIR, the recording to take it from")
    }
    if let epoch, epoch < 1 { throw ValidationError("--epoch must be 1 or more (got \(epoch))") }
    if span != nil || view == .tab(.connectivity), recording != nil {
      throw ValidationError("--span and --view connectivity compute with a model's weights; use --weights, not --run")
    }
    if span?.isEmpty == true { throw ValidationError("--span must not be empty") }
    if let threshold, !(threshold > 0) { throw ValidationError("--threshold must be positive (got \(threshold))") }
    if threshold != nil, span == nil {
      throw ValidationError("--threshold goes with --span, the text whose units are searched")
    }
    if layer < 1 { throw ValidationError("--layer counts from 1, the bottom layer (got \(layer))") }
    try size.requireViewsFit()
    if view == .replay, recording == nil {
      throw ValidationError("--view replay needs --run DIR, the recording to replay")
    }
    if view == .tab(.lab), recording != nil || weights != nil { throw ValidationError(Self.labTrainsItsOwn) }
  }

  func run() throws {
    let grid = theme.apply(to: try reportingErrorsReturning { try screen() })
    let text = format.export(grid, svgExporter: theme.svgExporter)
    // The ANSI format's escapes are the point here: the text is written as it is.
    try reportingErrors { try writeOutputFile(Data((out == nil ? text + "\n" : text).utf8), to: out ?? "-") }
  }

  /// The screen the flags ask for, drawn by the TUI's own state and render path.
  private func screen() throws -> Grid {
    if view == .tab(.lab) { return try labScreen() }
    var state = AppState(width: size.width, height: size.height, view: view.tab)
    state.showsChrome = !noChrome
    if let recording {
      var source = try Replay.open(recording, epoch: epoch, training: training, vocabulary: vocabulary.load())
      if view == .replay { state.replay = source.timeline }
      if let event = source.newEvent() { _ = state.update(event) }
    } else {
      _ = state.update(.snapshot(try trainedSnapshot()))
      state.patternSearch.span = state.snapshot?.unitSearch?.request.span
      state.patternSearch.threshold = threshold
    }
    for _ in 0..<cursor { _ = state.update(.key(.right)) }
    for _ in 0..<unit { _ = state.update(.key(.down)) }
    if let layers = state.snapshot?.model.layers, layer > layers {
      throw ValidationError("--layer \(layer): the model has \(layers) layer\(layers == 1 ? "" : "s")")
    }
    for _ in 1..<layer { _ = state.update(.key(.character("L"))) }
    return state.render()
  }

  /// The lab view after `--steps` steps of every pane; unset flags take the TUI lab's settings.
  private func labScreen() throws -> Grid {
    let tuiLab = LabSettings()
    let settings = LabSettings(
      gap: training.gap ?? tuiLab.gap, steps: steps ?? tuiLab.steps, forgetBias: training.forgetBias,
      seed: training.seed, hidden: training.hidden, recordEvery: recordEvery ?? tuiLab.recordEvery)
    let run = try LabRun(experiment: experiment, settings: settings)
    while !run.isFinished { run.advance() }
    var state = AppState(width: size.width, height: size.height, view: .lab)
    state.isLabOnly = true
    state.showsChrome = !noChrome
    _ = state.update(.labSnapshot(run.snapshot()))
    return state.render()
  }

  /// The trainer after the requested deterministic training, from `--weights` if given, paused.
  private func trainedSnapshot() throws -> TrainingSnapshot {
    let (task, config, initialParameters) = try training.taskConfigAndWeights(
      loading: weights, vocabulary: vocabulary.load())
    let trainer = Trainer(config: config, task: task)
    if let initialParameters { trainer.model.parameters = initialParameters }
    let totalSteps = steps ?? (training.epochs ?? 0) * trainer.stepsPerEpoch
    // The live session's log: a language model writes its first sample before any step.
    var log = TrainingLog()
    log.resample(trainer, temperature: log.sampleTemperature)
    try trainer.train(steps: totalSteps, into: &log)
    var snapshot = TrainingSnapshot(trainer: trainer, status: .paused, log: log)
    if view == .tab(.connectivity) { snapshot.connectivity = trainer.connectivityForView() }
    if let span {
      let labels = trainer.task.probe.inputLabels
      guard let range = Self.firstRange(of: span, in: labels) else {
        throw ValidationFailure("--span '\(span)' does not occur in the probe '\(trainer.task.probe.inputText)'")
      }
      let request = UnitSearchRequest(span: range, threshold: threshold, layer: layer - 1)
      guard let result = trainer.searchUnits(request) else {
        throw ValidationFailure("--span: pattern search needs a model that reads text (--task lm or case)")
      }
      snapshot.unitSearch = result
    }
    return snapshot
  }

  /// The probe positions where `text` first occurs, matching whole symbol labels.
  private static func firstRange(of text: String, in labels: [String]) -> Range<Int>? {
    for start in labels.indices {
      var joined = ""
      for end in start..<labels.count {
        joined += labels[end]
        if joined == text { return start..<(end + 1) }
        if !text.hasPrefix(joined) { break }
      }
    }
    return nil
  }
}

/// A terminal size given as `WIDTHxHEIGHT`.
struct ScreenSize: ExpressibleByArgument {
  var width: Int
  var height: Int

  init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  init?(argument: String) {
    let parts = argument.lowercased().split(separator: "x").compactMap { Int($0) }
    guard parts.count == 2, (20...1000).contains(parts[0]), (6...500).contains(parts[1]) else { return nil }
    self.init(width: parts[0], height: parts[1])
  }

  var defaultValueDescription: String { "\(width)x\(height)" }

  /// Refuses a size below the smallest screen the views are laid out for.
  func requireViewsFit() throws {
    let smallest = AppState.minimumSize
    if width < smallest.width || height < smallest.height {
      throw ValidationError(
        "--size \(width)x\(height): at least \(smallest.width)x\(smallest.height), the smallest screen the views fit")
    }
  }
}

extension ViewID: ExpressibleByArgument {
  public init?(argument: String) {
    guard let view = ViewID.tabs(for: .recurrent).first(where: { $0.fileName == argument }) else { return nil }
    self = view
  }

  /// The recurrent model's views (an encoder–decoder's Attention view has a snapshot command of its own).
  public static var allValueStrings: [String] { ViewID.tabs(for: .recurrent).map(\.fileName) }
}

/// What `snapshot --view` draws: one of the TUI's tabs, or the replay screen (the Training tab with the epoch timeline).
enum SnapshotView: Equatable, ExpressibleByArgument {
  case tab(ViewID)
  case replay

  init?(argument: String) {
    if argument == "replay" {
      self = .replay
    } else if let view = ViewID(argument: argument) {
      self = .tab(view)
    } else {
      return nil
    }
  }

  static var allValueStrings: [String] { ViewID.allValueStrings + ["replay"] }

  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

  var defaultValueDescription: String {
    switch self {
    case .tab(let view): view.fileName
    case .replay: "replay"
    }
  }

  /// The tab on screen: `rnnscope replay` opens on the Training tab.
  var tab: ViewID {
    switch self {
    case .tab(let view): view
    case .replay: .training
    }
  }
}
