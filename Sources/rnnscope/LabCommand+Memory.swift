import Foundation
import RNNEngine

extension LabCommand {
  /// `--experiment memory --headless`: trains RNN, LSTM and GRU on the same bytes and writes
  /// `experiment,pane,distance,connectivity` (the mean share of a prediction's connectivity at each
  /// distance t̃ − t) to --csv, printing one line per model.
  func runMemory() throws {
    let lab = MemoryLab(hidden: hidden, steps: steps ?? 2_000, seed: seed)
    printLine(
      "# lab memory: RNN vs LSTM vs GRU, next byte of the built-in corpus, H \(hidden), \(lab.steps) Adam steps each, seed \(seed); connectivity over \(lab.samples) held-out predictions, window \(lab.window)"
    )
    let start = Date()
    let panes = try lab.run { pane in
      let share = (1...4).map { fixed(pane.connectivity[$0], 3) }.joined(separator: " ")
      printLine(
        "pane \(pane.name) heldout_loss \(fixed(Double(pane.heldOutLoss), 3)) share_d0 \(fixed(pane.connectivity[0], 3)) d1-4 \(share) reach_90 \(pane.reach(share: 0.9)) reach_99 \(pane.reach(share: 0.99))"
      )
    }
    var rows = "experiment,pane,distance,connectivity\n"
    for pane in panes {
      for (distance, value) in pane.connectivity.enumerated() { rows += "memory,\(pane.name),\(distance),\(value)\n" }
    }
    try AtomicFile.write(Data(rows.utf8), to: URL(fileURLWithPath: csv ?? "memory.csv"))
    printLine("wall \(fixed(Date().timeIntervalSince(start), 1)) s")
  }
}
