import ArgumentParser
import Foundation
import RNNEngine
import Terminal

/// `rnnscope lab --experiment attention`: the bottleneck experiment, RNNenc vs RNNsearch, headless.
struct AttentionLabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lab",
    abstract: "The bottleneck experiment: encoder–decoders without and with attention, trained side by side.",
    discussion: """
      Four panes learn the same data from the same seed: none (c = h_n, RNNenc), dot and general \
      attention (RNNsearch), and dot over a bidirectional encoder. Every --record-every steps each pane \
      decodes the held-out set greedily; the exact-sequence accuracy by source length (buckets of 5, \
      named by their longest length: 5 is 1–5, 30 is 26–30) goes to --csv FILE as \
      experiment,pane,step,length,accuracy, and one summary line per pane is printed at the end. \
      `rnnscope snapshot --view lab --experiment attention` with the same flags trains the same and \
      saves the picture of the TUI's Lab tab.

      Example:
        rnnscope lab --experiment attention --task reverse --max-len 30 --headless --csv attention.csv
      """
  )

  /// The experiment's name on the command line and in the CSV.
  static let experimentName = "attention"

  @Option(help: "Experiment: attention (the other experiments: rnnscope lab --help).") var experiment: String
  @Flag(help: "Run without the TUI and write the CSV (the attention lab runs headless only).") var headless = false
  @Option(help: "Accuracy CSV file: experiment,pane,step,length,accuracy.") var csv: String?
  @OptionGroup var lab: AttentionLabOptions

  func validate() throws {
    guard experiment == Self.experimentName else { throw ValidationError("--experiment must be attention here") }
    guard headless, csv != nil else {
      throw ValidationError("the attention experiment runs headless only: add --headless --csv FILE")
    }
  }

  func run() throws {
    let settings = lab.settings()
    let run = AttentionLabRun(settings: settings)
    printLine(
      "# lab attention: \(run.task.summary); \(lab.cell) H=\(lab.hidden) E=\(lab.embedding), batch \(lab.batch), Adam \(lab.lr), clip \(lab.clip), \(lab.steps) steps per pane, seed \(lab.seed)"
    )
    let start = Date()
    let stoppedBy = lab.train(run) { panes in
      if panes.allSatisfy({ $0.step % settings.recordEvery == 0 || !$0.status.isTraining }) {
        printLine(progressLine(panes, seconds: Date().timeIntervalSince(start)))
      }
    }
    let panes = run.panesSnapshot
    try reportingErrors {
      try AtomicFile.write(Data(Self.rows(panes).utf8), to: URL(fileURLWithPath: csv ?? "attention.csv"))
    }
    for pane in panes { printLine(Self.summary(pane)) }
    printLine("wall \(fixed(Date().timeIntervalSince(start), 1)) s")
    if let stoppedBy {
      printError("rnnscope: stopped by signal \(stoppedBy); the CSV holds the steps taken so far")
      throw ExitCode(SignalMonitor.exitStatus(for: stoppedBy))
    }
  }

  /// `# step 500 (41 s): none 0.120 dot 0.450 …`: each pane's held-out exact accuracy.
  private func progressLine(_ panes: [AttentionLabPaneSnapshot], seconds: Double) -> String {
    let step = panes.map(\.step).max() ?? 0
    let scores = panes.map { pane in
      "\(pane.name) \(pane.evaluations.last.map { fixed($0.metrics.exactAccuracy, 3) } ?? "-")"
    }
    return "# step \(step) (\(fixed(seconds, 0)) s): exact " + scores.joined(separator: " ")
  }

  /// `experiment,pane,step,length,accuracy`: every evaluation's exact accuracy in every length bucket.
  static func rows(_ panes: [AttentionLabPaneSnapshot]) -> String {
    var rows = "experiment,pane,step,length,accuracy\n"
    for pane in panes {
      for evaluation in pane.evaluations {
        for bucket in evaluation.metrics.byLength where bucket.count > 0 {
          let accuracy = Double(bucket.exact) / Double(bucket.count)
          rows +=
            "\(experimentName),\(pane.name),\(evaluation.step),\(bucket.lengths.upperBound),\(fixed(accuracy, 4))\n"
        }
      }
    }
    return rows
  }

  /// `pane dot steps 3000 exact 0.990 accuracy@5 1.000 … accuracy@30 0.960 final_loss 0.0123`.
  static func summary(_ pane: AttentionLabPaneSnapshot) -> String {
    var line = "pane \(pane.name) steps \(pane.step)"
    guard let last = pane.evaluations.last else { return line }
    line += " exact \(fixed(last.metrics.exactAccuracy, 3))"
    for bucket in last.metrics.byLength where bucket.count > 0 {
      line += " accuracy@\(bucket.lengths.upperBound) \(fixed(Double(bucket.exact) / Double(bucket.count), 3))"
    }
    if let loss = pane.loss.last { line += " final_loss \(String(format: "%.4g", Double(loss)))" }
    if case .diverged(let step, let reason) = pane.status { line += " diverged at step \(step) (\(reason))" }
    return line
  }
}
