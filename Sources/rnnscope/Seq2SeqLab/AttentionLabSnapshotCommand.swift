import ArgumentParser
import Foundation
import RNNEngine
import Scope
import TermCanvas
import Terminal

/// `rnnscope snapshot --view lab --experiment attention`: the bottleneck experiment trained as
/// `lab --experiment attention --headless` trains it, then drawn as the TUI's Lab tab draws it.
struct AttentionLabSnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Train the bottleneck experiment headless, then save its Lab view as SVG, ANSI or plain text.",
    discussion: """
      The four panes (none, dot, general, bi-dot) train exactly as `rnnscope lab --experiment attention \
      --headless` trains them, with the same flags, defaults and numbers: the same seed prints the same \
      accuracies there as this picture shows. The picture is the seq2seq TUI's Lab tab after the last \
      step: every pane's held-out exact accuracy against source length on one chart, the panes' table \
      and, on 39 rows or more (36 with --no-chrome), their loss curves.

      Examples:
        rnnscope snapshot --view lab --experiment attention --task reverse --max-len 20 --steps 1500 --out lab.svg
        rnnscope snapshot --view lab --experiment attention --steps 40 --max-len 8 --size 80x24 --format txt
      """
  )

  @Option(help: "View: lab (the bottleneck lab; the other views: rnnscope snapshot --help).") var view: String
  @Option(help: "Experiment: attention (a seq2seq --task implies it).")
  var experiment = AttentionLabCommand.experimentName
  @OptionGroup var lab: AttentionLabOptions
  @Option(help: "Screen size as WIDTHxHEIGHT, at least 60x16 (the smallest the views are laid out for).")
  var size = ScreenSize(width: 160, height: 48)
  @Option(help: "Output format: svg, ansi or txt.") var format: SnapshotCommand.SnapshotFormat = .svg
  @Option(help: "Colours: dark (the TUI's) or light (for slides with a white background; svg and ansi).")
  var theme: SlideTheme = .dark
  @Flag(help: "Leave out the tab bar, key hint and status line: only the view, for slides.") var noChrome = false
  @Option(help: "Output file, or - for standard output (the default).") var out: String?
  // Accepted only to refuse them with the recurrent lab's message.
  @Option(name: .customLong("run"), help: .hidden) var recording: String?
  @Option(help: .hidden) var weights: String?

  func validate() throws {
    guard view == "lab" else { throw ValidationError("--experiment attention is for --view lab") }
    guard experiment == AttentionLabCommand.experimentName else {
      throw ValidationError(
        "--experiment \(experiment): a seq2seq --task has the attention lab only (the other experiments train their own tasks)"
      )
    }
    if recording != nil || weights != nil { throw ValidationError(SnapshotCommand.labTrainsItsOwn) }
    if out?.isEmpty == true { throw ValidationError("--out must name a file, or - for standard output") }
    try size.requireViewsFit()
  }

  func run() throws {
    let experiment = AttentionLabRun(settings: lab.settings())
    if let signal = lab.train(experiment) {
      printError("rnnscope: stopped by signal \(signal); no picture written")
      throw ExitCode(SignalMonitor.exitStatus(for: signal))
    }
    var state = AppState(width: size.width, height: size.height, view: .lab)
    state.isLabOnly = true
    state.showsChrome = !noChrome
    _ = state.update(.attentionLabSnapshot(experiment.snapshot()))
    let text = format.export(theme.apply(to: state.render()), svgExporter: theme.svgExporter)
    // The ANSI format's escapes are the point here: the text is written as it is.
    try reportingErrors { try writeOutputFile(Data((out == nil ? text + "\n" : text).utf8), to: out ?? "-") }
  }
}
