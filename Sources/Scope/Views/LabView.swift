import Foundation
import RNNEngine
import TermCanvas

/// The vanishing/exploding lab: every pane's ‖∂L_T/∂h_t‖ against distance on one shared log axis,
/// next to the slides' 0.9^d and 1.1^d, with a table of fitted factors and bounds, and learning curves.
struct LabView {
  let state: AppState
  let lab: LabSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    guard lab.experiment.usesRecall else { return DirectionLabView(state: state, lab: lab).render(in: rect, on: &grid) }
    // Every pane's row of the table, before the bottom charts, where the screen allows.
    let rows = Layout.rows(
      [.fixed(1), .fraction(0.5), .fixed(min(lab.panes.count + 3, rect.height / 3)), .remainder], in: rect)
    let title = "Lab: \(lab.experiment.rawValue)\(setup) — \(lab.experiment.summary)"
    grid.put(title, truncatingIn: rows[0].inset(horizontal: 1, vertical: 0), style: Theme.title)
    let when = state.labShowsInit ? "at initialisation" : "now"
    let chart = Panel(title: "‖∂L_T/∂h_t‖ against distance T−t, \(when) (log, shared axis)").keyHint("i init/now")
      .render(in: rows[1], on: &grid)
    renderProfiles(in: chart, on: &grid)
    renderTable(in: Panel(title: "Panes").render(in: rows[2], on: &grid), on: &grid)
    let bottom = Layout.columns([.fraction(0.5), .remainder], in: rows[3])
    renderAccuracy(in: Panel(title: "held-out accuracy (chance 1/8)").render(in: bottom[0], on: &grid), on: &grid)
    renderLoss(in: Panel(title: "training loss (log)").render(in: bottom[1], on: &grid), on: &grid)
  }

  private func color(_ index: Int) -> RGB { Theme.series[index % Theme.series.count] }

  /// The set-up every pane shares that changes the picture: the LSTM's forget-gate bias, clipping.
  private var setup: String {
    var parts: [String] = []
    if let bias = lab.settings.forgetBias, lab.panes.contains(where: { $0.cell == .lstm }) {
      parts.append("LSTM forget bias \(String(format: "%g", bias))")
    }
    let clips = Set(lab.panes.map(\.clipThreshold))
    if clips.count == 1, let clip = clips.first ?? nil { parts.append("clip \(String(format: "%g", clip))") }
    return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
  }

  private func renderProfiles(in rect: Rect, on grid: inout Grid) {
    var series: [LineChart.Series] = lab.panes.enumerated().map { index, pane in
      LineChart.Series(
        label: pane.name, values: state.labShowsInit ? pane.gradientNormsAtInit : pane.gradientNorms,
        color: color(index))
    }
    // The references start where the panes do, so a slope can be read against them.
    let start = series.compactMap { $0.values.first }.filter { $0 > 0 && $0.isFinite }.max() ?? 1
    series.append(
      .init(label: "0.9^d", values: lab.vanishingReference.map { $0 * start }, color: Theme.theory, dashed: true))
    series.append(
      .init(label: "1.1^d", values: lab.explodingReference.map { $0 * start }, color: Theme.muted, dashed: true))
    let finiteValues = series.dropLast(2).flatMap(\.values).filter { $0 > 0 && $0.isFinite }
    guard let low = finiteValues.min(), let high = finiteValues.max() else {
      grid.put("No gradient measured yet.", truncatingIn: rect, style: Theme.dim)
      return
    }
    LineChart(series: series).yScale(.log10).yRange(max(low / 10, 1e-30)...max(high * 10, low * 100))
      .render(in: rect, on: &grid)
  }

  private func renderTable(in rect: Rect, on grid: inout Grid) {
    // Narrow screens leave out the columns read least, so pane names keep their width.
    let narrow = rect.width < 100
    let rows = lab.panes.map { pane -> [String] in
      let accuracy = pane.accuracyHistory.last.map(Format.percent) ?? "–"
      let saturation =
        pane.gateSaturation.first { $0.gate == "f" || $0.gate == "z" }
        .map { "\($0.gate)>0.9 \(Format.percent($0.high))" } ?? ""
      let row = [
        pane.name, pane.status.label, "\(pane.step)/\(pane.stepBudget)", Format.compact(pane.factorAtInit),
        Format.compact(pane.factor), pane.bound.map(Format.compact) ?? "–", pane.loss.last.map(Format.compact) ?? "–",
        accuracy, pane.firstPassedStep.map(String.init) ?? "–", saturation,
      ]
      return narrow ? Self.narrowColumns.map { row[$0] } : row
    }
    let header = ["pane", "status", "step", "factor@0", "factor", "γσmax", "loss", "acc", "90% at", "gates"]
    let alignments: [Alignment] = [.left, .left, .right, .right, .right, .right, .right, .right, .right, .left]
    Table(header: narrow ? Self.narrowColumns.map { header[$0] } : header, rows: rows)
      .alignments(narrow ? Self.narrowColumns.map { alignments[$0] } : alignments)
      .render(in: rect, on: &grid)
  }

  /// The table's columns on a narrow screen: pane, status, step, factor, loss, acc, gates.
  private static let narrowColumns = [0, 1, 2, 4, 6, 7, 9]

  private func renderAccuracy(in rect: Rect, on grid: inout Grid) {
    let series = lab.panes.enumerated().map { index, pane in
      LineChart.Series(
        label: pane.name, values: pane.accuracyHistory, xs: pane.evaluationSteps.map(Float.init), color: color(index))
    }
    LineChart(series: series).yRange(0...1).render(in: rect, on: &grid)
  }

  private func renderLoss(in rect: Rect, on grid: inout Grid) {
    let series = lab.panes.enumerated().map { index, pane in
      LineChart.Series(label: pane.name, values: TrainingView.smoothed(pane.loss), color: color(index))
    }
    LineChart(series: series).yScale(.log10).render(in: rect, on: &grid)
  }
}
