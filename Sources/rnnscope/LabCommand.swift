import ArgumentParser
import Foundation
import RNNEngine
import Scope
import Terminal

/// `rnnscope lab`: the vanishing/exploding gradient lab — several networks trained side by side on the same data.
struct LabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lab",
    abstract: "Vanishing and exploding gradients: train several networks side by side and measure ‖∂L_T/∂h_t‖.",
    discussion: """
      Experiments (the panes of one train on the same data from the same seed):
        scale       tanh RNNs with W_hh orthogonal × ρ for each ρ in --scales
        arch        vanilla RNN vs LSTM vs GRU on recall across --gap distractors
        clip        an exploding linear RNN (ρ 1.1, SGD 0.1) without and with clipping at 1
        activation  tanh vs relu vs identity on the same W_hh (orthogonal × ρ)
        direction   an LSTM of the same parameter count vs a bidirectional LSTM-H
                    on case correction (built-in corpus, 870 steps): accuracy on
                    capitals, the probe's letters only the backward direction gets
                    (headless: experiment,pane,step,accuracy,capital_accuracy,
                    word_initial_accuracy,loss)
        memory      RNN vs LSTM vs GRU on next-byte prediction: connectivity against distance
                    (headless: experiment,pane,distance,connectivity; uses --hidden, --steps, --seed)
        attention   seq2seq without/with attention: lab --experiment attention --help

      With --headless it writes ‖∂L_T/∂h_t‖ per pane, recorded step and distance to --csv FILE
      (experiment,pane,step,distance,grad_norm), the loss per step to FILE-loss.csv
      (experiment,pane,step,loss,accuracy), and prints one line per pane.

      Examples:
        rnnscope lab --experiment arch --gap 50 --headless --csv arch.csv
        rnnscope lab --experiment arch --forget-bias 3 --headless --csv arch-fb3.csv
        rnnscope lab --experiment scale --scales 0.5,0.9,1.1 --steps 500 --headless --csv scale.csv
        rnnscope lab --experiment direction --headless --csv direction.csv
      """
  )

  @Option(name: .customLong("experiment"), help: "Experiment: scale, arch, clip, activation, direction or memory.")
  var choice: LabChoice

  /// The gradient experiment chosen (`run` sends memory down its own path first).
  private var experiment: LabExperiment {
    guard case .gradients(let experiment) = choice else { preconditionFailure("memory has its own path") }
    return experiment
  }

  @Flag(help: "Run without the TUI and write CSV files (without it the lab opens in the TUI).")
  var headless = false

  @Option(
    help:
      "Gradient-norm CSV file, or - for standard output (the loss CSV goes next to a regular file, with -loss before the extension)."
  )
  var csv: String?

  @Option(help: "Distractors between the payload and the query of the recall task.")
  var gap: Int = 50

  @Option(
    help:
      "Optimizer steps per pane (default: 20000 for arch, 2000 for scale and activation, 1000 for clip, 870 for direction)."
  )
  var steps: Int?

  @Option(help: "W_hh scales ρ, comma separated (scale: 0.5,0.9,1,1.1,1.5; activation: 0.9,1.1; clip: 1.1).")
  var scales: String?

  @Option(help: "LSTM forget-gate bias (3 keeps the memory open from the start).")
  var forgetBias: Float?

  @Option(help: "Seed of the initial weights and of the batches.")
  var seed: UInt64 = 1

  @Option(help: "Hidden units.")
  var hidden: Int = 32

  @Option(help: "Measure the gradient profile and held-out accuracy every this many steps.")
  var recordEvery: Int = 100

  func validate() throws {
    if headless, csv == nil { throw ValidationError("--headless needs --csv FILE") }
    if csv?.isEmpty == true { throw ValidationError("--csv must name a file, or - for standard output") }
    if !headless, csv != nil { throw ValidationError("--csv goes with --headless") }
    if choice == .memory {
      if !headless { throw ValidationError("--experiment memory runs with --headless --csv FILE") }
      return
    }
    if forgetBias != nil, experiment != .arch { throw ValidationError("--forget-bias applies to --experiment arch") }
    if scales != nil, experiment == .arch || experiment == .direction {
      throw ValidationError("--scales applies to scale, clip and activation")
    }
    do {
      try settings().validate()
    } catch let error as TrainingConfigError {
      throw ValidationError(error.description)
    }
  }

  func run() throws {
    if choice == .memory { return try runMemory() }
    if headless { try runHeadless() } else { try runLive() }
  }

  /// The lab view of the TUI with only the lab running; e, f, g and r steer it.
  private func runLive() throws {
    var controller = LabController()
    if let problem = controller.start(experiment, settings: try settings()) {
      printError("rnnscope: \(problem)")
      throw ExitCode(1)
    }
    let terminal = try openTerminal()
    SignalMonitor.install()
    var state = AppState(width: 80, height: 24, view: .lab)
    state.isLabOnly = true
    state.labStarted = true
    var loop = LiveLoop(
      terminal: terminal, source: NoTraining(), initialState: state, screensDirectory: ScreenSaver.fallbackDirectory,
      lab: controller)
    let exitStatus = loop.run()
    terminal.close()
    if exitStatus != 0 { throw ExitCode(exitStatus) }
  }

  private func runHeadless() throws {
    let settings = try settings()
    let lab = try LabRun(experiment: experiment, settings: settings)
    EngineThreads.set(1)  // the matrices are small; one thread avoids the other core's contention
    SignalMonitor.install()
    if experiment == .direction { return try runDirection(lab) }
    printLine("# lab \(experiment.rawValue): \(experiment.summary); recall gap \(settings.gap), \(describe(settings))")
    let start = Date()
    let stoppedBy = stepUntilFinishedOrSignalled({ lab.isFinished }, lab.advance)
    let snapshot = lab.snapshot()
    let path = csv ?? "lab.csv"
    let gradientFile = URL(fileURLWithPath: path)
    try reportingErrors {
      try writeOutputFile(Data(gradientRows(snapshot).utf8), to: path)
      // Next to a device, FIFO or standard output a sibling file would land in /dev or the working directory.
      if path != "-", AtomicFile.isRegularOrAbsent(gradientFile) {
        try AtomicFile.write(Data(lossRows(snapshot).utf8), to: Self.lossFile(next: gradientFile))
      } else {
        printError("rnnscope: note: the loss CSV is not written: --csv \(path) is not a regular file")
      }
    }
    for pane in snapshot.panes { printLine(line(for: pane)) }
    printLine("wall \(fixed(Date().timeIntervalSince(start), 1)) s")
    if let stoppedBy {
      printError("rnnscope: stopped by signal \(stoppedBy); the files hold the steps taken so far")
      throw ExitCode(SignalMonitor.exitStatus(for: stoppedBy))
    }
  }

  /// The settings the flags ask for.
  private func settings() throws -> LabSettings {
    LabSettings(
      gap: gap, steps: steps, scales: try scales.map(Self.parseScales), forgetBias: forgetBias, seed: seed,
      hidden: hidden, recordEvery: recordEvery)
  }

  /// `0.5,0.9,1.1` as numbers.
  private static func parseScales(_ text: String) throws -> [Float] {
    try text.split(separator: ",").map { part in
      guard let value = Float(part.trimmingCharacters(in: .whitespaces)) else {
        throw ValidationError("--scales must be numbers separated by commas (got \(text))")
      }
      return value
    }
  }

  /// `FILE-loss.ext` next to `FILE.ext` (`FILE-loss` when there is no extension).
  static func lossFile(next gradientFile: URL) -> URL {
    let base = gradientFile.deletingPathExtension()
    let named = base.deletingLastPathComponent().appendingPathComponent(base.lastPathComponent + "-loss")
    return gradientFile.pathExtension.isEmpty ? named : named.appendingPathExtension(gradientFile.pathExtension)
  }

  func describe(_ settings: LabSettings) -> String {
    var text = "H \(settings.hidden), batch \(settings.batchSize)"
    text += ", \(settings.stepBudget(for: experiment)) steps per pane, seed \(settings.seed)"
    if let forgetBias = settings.forgetBias { text += ", forget bias \(forgetBias)" }
    return text
  }

  /// `experiment,pane,step,distance,grad_norm`: every recorded profile at every distance.
  private func gradientRows(_ snapshot: LabSnapshot) -> String {
    var rows = "experiment,pane,step,distance,grad_norm\n"
    for pane in snapshot.panes {
      for profile in pane.profiles {
        for (distance, norm) in profile.norms.enumerated() {
          rows += "\(snapshot.experimentName),\(pane.name),\(profile.step),\(distance),\(Self.csvNumber(norm))\n"
        }
      }
    }
    return rows
  }

  /// `experiment,pane,step,loss,accuracy`: the training loss and batch accuracy of every step.
  private func lossRows(_ snapshot: LabSnapshot) -> String {
    var rows = "experiment,pane,step,loss,accuracy\n"
    for pane in snapshot.panes {
      for (index, loss) in pane.loss.enumerated() {
        let accuracy = pane.trainingAccuracy[index]
        rows += "\(snapshot.experimentName),\(pane.name),\(index + 1),\(Self.csvNumber(loss)),\(accuracy)\n"
      }
    }
    return rows
  }

  /// A CSV cell: Swift's shortest round-tripping form, with NaN as plain `nan` (Swift may print `-nan`).
  private static func csvNumber(_ value: Float) -> String { value.isNaN ? "nan" : "\(value)" }

  /// `pane <name> factor … bound … final_loss … accuracy …`, then the values at initialisation, steps taken,
  /// clipping events, when it first passed 90% and, if it did, where it diverged.
  private func line(for pane: LabPaneSnapshot) -> String {
    func number(_ value: Float?) -> String {
      value.map { $0.isNaN ? "nan" : String(format: "%.4g", Double($0)) } ?? "-"
    }
    let last = pane.evaluations.last
    var line = "pane \(pane.name) factor \(number(pane.factor)) bound \(number(pane.bound))"
    line += " final_loss \(number(last?.loss)) accuracy \(last.map { fixed(Double($0.accuracy), 3) } ?? "-")"
    line += " init_factor \(number(pane.factorAtInit)) init_bound \(number(pane.boundAtInit))"
    line += " steps \(pane.step) clipped \(pane.clipSteps.count)"
    if let passed = pane.firstPassedStep {
      line += " passed_90 at step \(passed)"
    } else {
      line += " passed_90 not within \(pane.step) steps"
    }
    if case .diverged(let step, let reason) = pane.status { line += " diverged at step \(step) (\(reason))" }
    return line
  }
}

extension LabExperiment: ExpressibleByArgument {}
