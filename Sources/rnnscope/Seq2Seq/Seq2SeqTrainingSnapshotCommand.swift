import ArgumentParser
import Foundation
import RNNEngine
import Scope
import TermCanvas

/// `rnnscope snapshot --task reverse|sort|dates|pairs --view training`: trains an encoder–decoder
/// headless, as the TUI would, and saves its Training view.
struct Seq2SeqTrainingSnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Train an encoder–decoder for --steps and save its Training view as SVG, ANSI or plain text.",
    discussion: """
      Trains exactly as 'rnnscope tui --task …' does (the same flags and seed), in whole epochs of \
      --epoch-steps, then draws the Training view: loss, exact accuracy by source length, the probe \
      translated after every epoch. The Attention view of a saved model: rnnscope snapshot --view attention --help.

      Examples:
        rnnscope snapshot --task reverse --view training --steps 2000 --out reverse-training.svg
        rnnscope snapshot --task dates --view training --steps 1000 --epoch-steps 100 --format txt
      """
  )

  @Option(help: "View: training (the Attention view of a saved model: --view attention).") var view: String
  @OptionGroup var options: Seq2SeqTrainingOptions
  @Option(help: "Training steps, rounded up to whole epochs.") var steps = 1000
  @Option(help: "Screen size as WIDTHxHEIGHT.") var size = ScreenSize(width: 160, height: 48)
  @Option(help: "Output format: svg, ansi or txt.") var format: SnapshotCommand.SnapshotFormat = .svg
  @Flag(help: "Leave out the tab bar, key hint and status line.") var noChrome = false
  @Option(help: "Output file (default: standard output).") var out: String?

  func validate() throws {
    guard view == "training" else { throw ValidationError("--view must be training here (or attention with --run)") }
    guard steps >= 1 else { throw ValidationError("--steps must be at least 1 (got \(steps))") }
  }

  func run() throws {
    let task = try reportingErrorsReturning { try options.makeTask() }
    EngineThreads.set(1)
    let epochs = (steps + options.epochSteps - 1) / options.epochSteps
    let session = Seq2SeqSession(
      trainer: options.makeTrainer(for: task), stepsPerEpoch: options.epochSteps, epochs: epochs)
    session.start()
    var snapshot = session.snapshot
    while snapshot.map({ $0.status == .finished || $0.status.isDiverged }) != true {
      Thread.sleep(forTimeInterval: 0.05)
      snapshot = session.snapshot
    }
    session.stop()
    var state = AppState(width: size.width, height: size.height, view: .training)
    state.showsChrome = !noChrome
    guard var last = snapshot else { return }
    last.tokensPerSecond = 0  // a still picture has no speed to report
    _ = state.update(.seq2seqSnapshot(last))
    let output = format.export(state.render())
    try reportingErrors { try writeOutputFile(Data((out == nil ? output + "\n" : output).utf8), to: out ?? "-") }
  }
}
