import ArgumentParser
import Foundation
import RNNEngine
import Scope
import TermCanvas

/// `rnnscope snapshot`: train deterministically, then save one view exactly as the TUI would draw it.
struct SnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Save a view as SVG, ANSI or plain text after some deterministic training.",
    discussion: """
      The picture is what the TUI shows at that size after the same training, so it can go on a \
      slide or into a README. The same flags always give the same picture.

      Examples:
        rnnscope snapshot --view gates --epochs 20 --out gates.svg
        rnnscope snapshot --view hidden --cell gru --steps 500 --size 120x40 --format ansi
      """
  )

  @OptionGroup var training: TrainingOptions

  @Option(help: "View: unrolled, hidden, gates, gradients, training, lab.")
  var view: ViewID = .training

  @Option(help: "Train this many optimizer steps first.")
  var steps: Int?

  @Option(help: "Screen size as WIDTHxHEIGHT.")
  var size: ScreenSize = ScreenSize(width: 160, height: 48)

  @Option(help: "Output format: svg, ansi or txt.")
  var format: SnapshotFormat = .svg

  @Option(help: "Cursor position in the probe (step), as the arrow keys would set it.")
  var cursor: Int = 0

  @Option(help: "Selected hidden unit.")
  var unit: Int = 0

  @Option(help: "Output file (default: standard output).")
  var out: String?

  @Option(help: "For --view lab: the experiment (scale, arch, clip, activation); --steps is then per pane.")
  var experiment: LabExperiment = .scale

  @Option(help: "For --view lab: measure gradients and accuracy every this many steps.")
  var recordEvery = 50

  enum SnapshotFormat: String, ExpressibleByArgument, CaseIterable { case svg, ansi, txt }

  func validate() throws {
    if let steps, steps < 0 { throw ValidationError("--steps must be 0 or more (got \(steps))") }
    if steps != nil, training.epochs != nil { throw ValidationError("give --steps or --epochs, not both") }
  }

  func run() throws {
    let grid = view == .lab ? try labScreen() : try trainingScreen()
    let text: String
    switch format {
    case .svg: text = SVGExporter().export(grid)
    case .ansi: text = ANSIExporter().export(grid)
    case .txt: text = PlainTextExporter(trimsTrailingSpaces: true).export(grid)
    }
    if let out {
      try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: out))
    } else {
      printLine(text)
    }
  }

  /// The lab view after `--steps` steps of every pane (300 by default).
  private func labScreen() throws -> Grid {
    let settings = LabSettings(
      gap: training.gap, steps: steps ?? 300, forgetBias: training.forgetBias, seed: training.seed, hidden: training.hidden,
      recordEvery: recordEvery)
    let run = try LabRun(experiment: experiment, settings: settings)
    while !run.isFinished { run.advance() }
    var state = AppState(width: size.width, height: size.height, view: .lab)
    state.isLabOnly = true
    _ = state.update(.labSnapshot(run.snapshot()))
    return state.render()
  }

  /// A training view after the requested deterministic training.
  private func trainingScreen() throws -> Grid {
    let task = try training.makeTask()
    let trainer = Trainer(config: training.trainingConfig(defaultEpochs: nil), task: task)
    let totalSteps = steps ?? (training.epochs ?? 0) * trainer.stepsPerEpoch
    // The live session's log: a language model writes its first sample before any step.
    var log = TrainingLog()
    log.resample(trainer, temperature: log.sampleTemperature)
    try trainer.train(steps: totalSteps, into: &log)
    var state = AppState(width: size.width, height: size.height, view: view)
    _ = state.update(.snapshot(TrainingSnapshot(trainer: trainer, status: .paused, log: log)))
    for _ in 0..<cursor { _ = state.update(.key(.right)) }
    for _ in 0..<unit { _ = state.update(.key(.down)) }
    return state.render()
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
}

extension ViewID: ExpressibleByArgument {
  public init?(argument: String) {
    guard let view = ViewID.allCases.first(where: { $0.fileName == argument }) else { return nil }
    self = view
  }

  public static var allValueStrings: [String] { allCases.map(\.fileName) }
}
