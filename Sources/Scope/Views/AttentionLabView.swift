import RNNEngine
import TermCanvas

/// The bottleneck lab (Bahdanau et al. 2015's figure, live): every pane's held-out exact accuracy
/// against source length on one shared chart, re-measured as they train, with a table of the panes
/// and their learning curves.
struct AttentionLabView {
  let lab: AttentionLabSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    // Every pane's row of the table always; the loss curves only where the screen has room for them.
    let table = Constraint.fixed(lab.panes.count + 3)
    let rows = Layout.rows(
      rect.height >= 36 ? [.fixed(1), .fraction(0.55), table, .remainder] : [.fixed(1), .remainder, table, .fixed(0)],
      in: rect)
    let settings = lab.settings
    let title =
      "Lab: attention — \(lab.taskSummary); \(settings.cell.rawValue.uppercased()) H=\(settings.hidden), batch \(settings.batchSize), \(settings.steps) steps a pane, measured every \(settings.recordEvery)"
    grid.put(title, truncatingIn: rows[0].inset(horizontal: 1, vertical: 0), style: Theme.title)
    renderByLength(
      in: Panel(title: "Held-out exact accuracy against source length, latest measurement").render(
        in: rows[1], on: &grid),
      on: &grid)
    renderTable(in: Panel(title: "Panes").render(in: rows[2], on: &grid), on: &grid)
    if rows[3].height > 0 {
      renderLoss(in: Panel(title: "training loss (log)").render(in: rows[3], on: &grid), on: &grid)
    }
  }

  private func color(_ index: Int) -> RGB { Theme.series[index % Theme.series.count] }

  private func renderByLength(in rect: Rect, on grid: inout Grid) {
    let series = lab.panes.enumerated().map { index, pane in
      let buckets = pane.evaluations.last?.metrics.byLength.filter { $0.count > 0 } ?? []
      return LineChart.Series(
        label: "\(pane.name) (step \(pane.evaluations.last?.step ?? 0))",
        values: buckets.map { Float($0.exact) / Float($0.count) }, xs: buckets.map { Float($0.lengths.upperBound) },
        color: color(index))
    }
    LineChart(series: series).yRange(0...1).render(in: rect, on: &grid)
  }

  private func renderTable(in rect: Rect, on grid: inout Grid) {
    let lengths = [5, 15, 30]
    let rows = lab.panes.map { pane -> [String] in
      let last = pane.evaluations.last
      return [
        pane.name, pane.status.label, "\(pane.step)/\(pane.stepBudget)", pane.loss.last.map(Format.compact) ?? "–",
        last.map { Format.percent(Float($0.metrics.exactAccuracy)) } ?? "–",
      ] + lengths.map { length in last?.accuracy(upTo: length).map { Format.percent(Float($0)) } ?? "–" }
    }
    let header = ["pane", "status", "step", "loss", "exact"] + lengths.map { "len \($0 - 4)–\($0)" }
    Table(header: header, rows: rows)
      .alignments([.left, .left] + Array(repeating: .right, count: header.count - 2))
      .render(in: rect, on: &grid)
  }

  private func renderLoss(in rect: Rect, on grid: inout Grid) {
    let series = lab.panes.enumerated().map { index, pane in
      LineChart.Series(label: pane.name, values: TrainingView.smoothed(pane.loss), color: color(index))
    }
    LineChart(series: series).yScale(.log10).render(in: rect, on: &grid)
  }
}
