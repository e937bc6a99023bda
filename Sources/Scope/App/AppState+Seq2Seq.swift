import RNNEngine
import TermCanvas

/// The encoder–decoder's side of the app: its views, hint and status line, and its lab.
extension AppState {
  /// The bottleneck lab an encoder–decoder session opens: the session's cell, sizes and optimiser on
  /// its generated task (reverse for the pairs task) at the lectures' source lengths 1–30, measured
  /// every 100 steps on 500 held-out pairs so the chart moves while a class watches.
  static func attentionLabSettings(for snapshot: Seq2SeqSessionSnapshot) -> AttentionLabSettings {
    let task = snapshot.task.kind == .pairs ? Seq2SeqTaskKind.reverse : snapshot.task.kind
    return AttentionLabSettings(
      task: task, lengths: 1...30, cell: snapshot.config.cell, hidden: snapshot.config.hidden,
      embedding: snapshot.config.embedding, batchSize: snapshot.batchSize, learningRate: snapshot.learningRate,
      clip: snapshot.clip ?? 1, recordEvery: 100, heldOut: 500)
  }

  /// Keys of the bottleneck lab: pause and restart.
  mutating func attentionLabControl(_ key: Key) -> [AppEffect] {
    guard let attentionLab else { return [] }
    switch key {
    case .character(" "): return [.lab(attentionLab.isPaused ? .resume : .pause)]
    case .character("r"):
      showMessage("bottleneck lab: every pane starts again")
      return [.lab(.restart)]
    default: return []
    }
  }

  /// The picture the Attention view draws: the session's probe decoded now, against its target.
  func attentionPicture(_ snapshot: Seq2SeqSessionSnapshot) -> AttentionPicture {
    AttentionPicture(
      probe: snapshot.probe, config: snapshot.config, vocabulary: snapshot.task.vocabulary,
      sourceText: snapshot.probePair.source, target: snapshot.probePair.target)
  }

  /// The view body of an encoder–decoder session.
  func renderSeq2SeqView(_ snapshot: Seq2SeqSessionSnapshot, in rect: Rect, on grid: inout Grid) {
    switch view {
    case .attention:
      AttentionView(picture: attentionPicture(snapshot), step: cursor.step, monochrome: monochrome)
        .render(in: rect, on: &grid)
    case .training: Seq2SeqTrainingView(snapshot: snapshot).render(in: rect, on: &grid)
    default:
      // The Encoder–decoder tab, whose view draws from the trace of a step (Seq2SeqTrace).
      let area = Panel(title: "Encoder–decoder").render(in: rect, on: &grid)
      Text([
        "The unrolled encoder–decoder is not drawn in this build yet:",
        "the source cells left to right, the bridge h_n^e → h_0^d, then the decoder cells,",
        "with the selected decoder step's α drawn to every source cell.",
        "",
        "Attention (1) shows α, c_i and the top-3 live; Training (3) the accuracy by source length.",
      ]).render(in: area, on: &grid)
    }
  }

  /// View, hint and status line of an encoder–decoder session.
  func renderSeq2Seq(_ snapshot: Seq2SeqSessionSnapshot, rows: [Rect], on grid: inout Grid) {
    renderSeq2SeqView(snapshot, in: rows[1], on: &grid)
    let hint = rows[3].inset(horizontal: 1, vertical: 0)
    if snapshot.pausesAtEpochEnd && snapshot.status == .paused {
      let done = snapshot.epochs.last.map { "epoch \($0.epoch) done" } ?? "ready"
      grid.put(
        "❚❚ \(done): space or n runs the next epoch · + - speed · 1–\(tabs.count) views", truncatingIn: hint,
        style: Style(fg: Theme.warning, attributes: .bold))
    } else if case .diverged(let reason) = snapshot.status {
      grid.put(
        "✖ diverged: \(reason). Lower the learning rate with [ and press space to go on.", truncatingIn: hint,
        style: Style(fg: Theme.bad, attributes: .bold))
    } else {
      let text = view == .training ? "[ ] halve/double learning rate · c clipping · +/- speed · space pause" : view.hint
      grid.put(text, truncatingIn: hint, style: Theme.dim)
    }
    Seq2SeqStatusBar(state: self, snapshot: snapshot).render(in: rows[4], on: &grid)
  }

  /// The bottleneck lab with its hint and status line.
  func renderAttentionLab(rows: [Rect], on grid: inout Grid) {
    guard let attentionLab else {
      let box = rows[1].centered(width: min(rows[1].width, 40), height: 1)
      grid.put("Starting the bottleneck lab…", truncatingIn: box, style: Theme.dim, alignment: .center)
      return
    }
    AttentionLabView(lab: attentionLab).render(in: rows[1], on: &grid)
    grid.put(
      "space pause · r restart · every pane: the same data, seed and size; only the attention differs",
      truncatingIn: rows[3].inset(horizontal: 1, vertical: 0), style: Theme.dim)
    let status = attentionLab.isFinished ? "■ finished" : (attentionLab.isPaused ? "❚❚ paused" : "● training")
    let panes = attentionLab.panes.map { "\($0.name) \($0.step)" }.joined(separator: " · ")
    StatusBar.draw(
      parts: ["lab attention", attentionLab.settings.task.rawValue, panes], status: status, statusColor: Theme.accent,
      message: message, in: rows[4], on: &grid)
  }
}
