import ArgumentParser
import Foundation
import RNNEngine
import Terminal

extension LabCommand {
  /// `--experiment direction --headless`: trains the unidirectional and the bidirectional LSTM on
  /// the same case-correction batches and writes
  /// `experiment,pane,step,accuracy,capital_accuracy,word_initial_accuracy,loss` (held-out, at
  /// every evaluation) to --csv, printing one line per pane and the probe compared.
  func runDirection(_ lab: LabRun) throws {
    let settings = lab.settings
    printLine("# lab direction: \(LabExperiment.direction.summary); built-in corpus, \(describe(settings))")
    let start = Date()
    let stoppedBy = stepUntilFinishedOrSignalled({ lab.isFinished }, lab.advance)
    let snapshot = lab.snapshot()
    try reportingErrors { try writeOutputFile(Data(Self.directionRows(snapshot).utf8), to: csv ?? "direction.csv") }
    for pane in snapshot.panes {
      let last = pane.caseEvaluations.last
      var line = "pane \(pane.name) params \(pane.parameterCount) steps \(pane.step)"
      line += " accuracy \(pane.accuracyHistory.last.map { fixed(Double($0), 4) } ?? "-")"
      line += " capital_accuracy \(last.map { fixed(Double($0.onCapitals), 3) } ?? "-")"
      line += " word_initial_accuracy \(last.map { fixed($0.onWordInitialCapitals, 3) } ?? "-")"
      line += " (\(last?.wordInitialCorrect ?? 0) of \(last?.wordInitialCapitals ?? 0))"
      if case .diverged(let step, let reason) = pane.status { line += " diverged at step \(step) (\(reason))" }
      printLine(line)
    }
    // How many probe characters, and how many of its capitals, each pane alone restored at every
    // evaluation; then the probe marked where both directions helped most on capitals.
    let capitals = snapshot.probeCapitals
    let counts = snapshot.probeComparisons.map { step, comparison in
      "\(step):^\(comparison.onlyBidirectionalCount)/v\(comparison.onlyUnidirectionalCount)"
        + "(\(comparison.count(.onlyBidirectional, among: capitals))/\(comparison.count(.onlyUnidirectional, among: capitals)))"
    }
    printLine(
      "probe, right only with both directions (^) / only left to right (v), (of its \(capitals.count) capitals), by step: \(counts.joined(separator: " "))"
    )
    if let (step, comparison) = snapshot.mostBidirectionalOnlyCapitals,
      comparison.count(.onlyBidirectional, among: capitals) > 0
    {
      let text = snapshot.probeTargets.map { (32..<127).contains($0) ? String(UnicodeScalar(UInt8($0))) : "·" }
      let marks = comparison.marks.map { mark in
        switch mark {
        case .onlyBidirectional: "^"
        case .onlyUnidirectional: "v"
        case .both, .neither: " "
        }
      }
      printLine("probe at step \(step), where both directions restored the most capitals the other missed:")
      printLine("  " + text.joined())
      printLine(String(("  " + marks.joined()).reversed().drop { $0 == " " }.reversed()))
    }
    printLine("wall \(fixed(Date().timeIntervalSince(start), 1)) s")
    if let stoppedBy {
      printError("rnnscope: stopped by signal \(stoppedBy); the file holds the evaluations taken so far")
      throw ExitCode(SignalMonitor.exitStatus(for: stoppedBy))
    }
  }

  /// One row per pane and evaluation: held-out accuracy overall, on capitals and on word-initial capitals, and loss.
  static func directionRows(_ snapshot: LabSnapshot) -> String {
    var rows = "experiment,pane,step,accuracy,capital_accuracy,word_initial_accuracy,loss\n"
    for pane in snapshot.panes {
      for (evaluation, capitals) in zip(pane.evaluations, pane.caseEvaluations) {
        rows += "direction,\(pane.name),\(evaluation.step),\(evaluation.accuracy),\(capitals.onCapitals),"
        rows += "\(capitals.onWordInitialCapitals),\(evaluation.loss)\n"
      }
    }
    return rows
  }
}
