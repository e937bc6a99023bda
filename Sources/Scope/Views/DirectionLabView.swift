import RNNEngine
import TermCanvas

/// The lab's direction experiment: a unidirectional and a bidirectional LSTM of one parameter
/// budget learning case correction on the same batches; each one's held-out accuracy on capitals
/// over training side by side, their figures, and the probe marked where only one of them is right.
struct DirectionLabView {
  let state: AppState
  let lab: LabSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    let probeRows = min(probeChunks(width: rect.width - 2).count * 4 + 3, max(rect.height / 2, 6))
    let tableRows = rect.height >= 30 ? lab.panes.count + 3 : 0
    let rows = Layout.rows([.fixed(1), .remainder, .fixed(tableRows), .fixed(probeRows)], in: rect)
    let title = "Lab: direction — \(LabExperiment.direction.summary)"
    grid.put(title, truncatingIn: rows[0].inset(horizontal: 1, vertical: 0), style: Theme.title)
    let charts = Layout.columns(lab.panes.map { _ in .fraction(1 / Double(max(lab.panes.count, 1))) }, in: rows[1])
    for (index, (pane, area)) in zip(lab.panes, charts).enumerated() {
      let direction = index == 0 ? "→" : "⇄"
      let panel = Panel(title: "\(pane.name) \(direction)  held-out capitals")
        .keyHint(Format.thousands(pane.parameterCount) + " parameters")
      renderCurves(pane, color: color(index), in: panel.render(in: area, on: &grid), on: &grid)
    }
    if tableRows > 0 { renderTable(in: Panel(title: "Panes").render(in: rows[2], on: &grid), on: &grid) }
    // The counts go in the title, which every size shows, with the evaluation where both directions
    // restored the most capitals the other missed.
    var counts = lab.probeComparison.map {
      ": ^ \($0.onlyBidirectionalCount) right only with both directions, v \($0.onlyUnidirectionalCount) only left to right"
    }
    let capitals = lab.probeCapitals
    if let most = lab.mostBidirectionalOnlyCapitals, most.comparison.count(.onlyBidirectional, among: capitals) > 0 {
      counts? += "; most capitals ^: \(most.comparison.count(.onlyBidirectional, among: capitals)) at step \(most.step)"
    }
    let probePanel = Panel(title: "The probe" + (counts ?? ", where reading right to left helps"))
    renderProbe(in: probePanel.render(in: rows[3], on: &grid), on: &grid)
  }

  private func color(_ index: Int) -> RGB { Theme.series[index % Theme.series.count] }

  /// Capitals and word-initial capitals (dashed) against the step.
  private func renderCurves(_ pane: LabPaneSnapshot, color: RGB, in rect: Rect, on grid: inout Grid) {
    let steps = pane.evaluationSteps.prefix(pane.caseEvaluations.count).map(Float.init)
    guard !steps.isEmpty else {
      grid.put("Not evaluated yet.", truncatingIn: rect, style: Theme.dim)
      return
    }
    let series = [
      LineChart.Series(label: "capitals", values: pane.capitalAccuracyHistory, xs: steps, color: color),
      LineChart.Series(
        label: "word-initial", values: pane.caseEvaluations.map { Float($0.onWordInitialCapitals) }, xs: steps,
        color: color, dashed: true),
    ]
    LineChart(series: series).yRange(0...1).xRange(0...Float(max(pane.stepBudget, 1))).render(in: rect, on: &grid)
  }

  private func renderTable(in rect: Rect, on grid: inout Grid) {
    let rows = lab.panes.map { pane -> [String] in
      let last = pane.caseEvaluations.last
      return [
        pane.name, pane.status.label, "\(pane.step)/\(pane.stepBudget)", Format.thousands(pane.parameterCount),
        pane.accuracyHistory.last.map(Format.percent) ?? "–", last.map { Format.percent($0.onCapitals) } ?? "–",
        last.map {
          "\(Format.percent(Float($0.onWordInitialCapitals))) (\($0.wordInitialCorrect)/\($0.wordInitialCapitals))"
        }
          ?? "–",
        pane.heldOutLossHistory.last.map(Format.compact) ?? "–",
      ]
    }
    Table(
      header: ["pane", "status", "step", "parameters", "accuracy", "capitals", "word-initial", "loss"], rows: rows
    )
    .alignments([.left, .left, .right, .right, .right, .right, .right, .right])
    .render(in: rect, on: &grid)
  }

  /// The probe's positions in chunks that fit `width` beside the labels.
  private func probeChunks(width: Int) -> [Range<Int>] {
    let perLine = max(1, width - Self.labelWidth)
    return stride(from: 0, to: max(lab.probeTargets.count, 1), by: perLine).map {
      $0..<min($0 + perLine, lab.probeTargets.count)
    }
  }

  private static let labelWidth = 12

  /// The target, each pane's output (green where right) and the marks, chunk by chunk.
  private func renderProbe(in rect: Rect, on grid: inout Grid) {
    guard let comparison = lab.probeComparison else {
      grid.put("Waiting for both panes' first evaluation.", truncatingIn: rect, style: Theme.dim)
      return
    }
    let targets = lab.probeTargets
    var y = rect.y
    func line(_ label: String, _ glyphs: [(Character, Style)]) {
      guard y < rect.maxY else { return }
      grid.put(label, truncatingIn: Rect(x: rect.x, y: y, width: Self.labelWidth, height: 1), style: Theme.label)
      for (offset, glyph) in glyphs.enumerated() {
        grid.put(String(glyph.0), at: (rect.x + Self.labelWidth + offset, y), style: glyph.1)
      }
      y += 1
    }
    for chunk in probeChunks(width: rect.width) {
      line("target", chunk.map { (Self.glyph(targets[$0]), Theme.value) })
      for pane in lab.panes {
        line(
          pane.name,
          chunk.map { position in
            let id = position < pane.probePrediction.count ? pane.probePrediction[position] : 0
            return (Self.glyph(id), Style(fg: id == targets[position] ? Theme.good : Theme.bad))
          })
      }
      line(
        "",
        chunk.map { position in
          switch comparison.marks[position] {
          case .onlyBidirectional: ("^", Style(fg: Theme.good, attributes: .bold))
          case .onlyUnidirectional: ("v", Style(fg: Theme.bad, attributes: .bold))
          case .both, .neither: (" ", .plain)
          }
        })
    }
  }

  /// A byte as one visible character (`·` for control bytes and bytes past ASCII).
  private static func glyph(_ id: Int) -> Character {
    (32..<127).contains(id) ? Character(UnicodeScalar(UInt8(id))) : "·"
  }
}
