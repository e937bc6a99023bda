import RNNEngine
import TermCanvas

/// The bottleneck lab (Bahdanau et al. 2015's figure, live): every pane's held-out exact accuracy
/// against source length on one shared chart, re-evaluated as they train, with a table of the panes
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
      "Lab: attention — \(lab.taskSummary); \(settings.cell.rawValue.uppercased()) H=\(settings.hidden), batch \(settings.batchSize), \(settings.steps) steps a pane"
    grid.put(title, truncatingIn: rows[0].inset(horizontal: 1, vertical: 0), style: Theme.title)
    let evaluatedAt = Self.sharedStep(evaluatedSteps).map { " at step \($0)" } ?? ""
    let chartTitle =
      "Held-out exact accuracy by source length\(evaluatedAt) (\(settings.heldOut) pairs, measured every \(settings.recordEvery) steps)"
    renderByLength(in: Panel(title: chartTitle).render(in: rows[1], on: &grid), on: &grid)
    let tableTitle = tableTitle(width: rows[2].width - 2, showsLoss: rows[3].height > 0)
    renderTable(in: Panel(title: tableTitle).render(in: rows[2], on: &grid), on: &grid)
    if rows[3].height > 0 {
      renderLoss(in: Panel(title: "training loss (log)").render(in: rows[3], on: &grid), on: &grid)
    }
  }

  private func color(_ index: Int) -> RGB { Theme.series[index % Theme.series.count] }

  /// The step all of `steps` are, or nil when they differ (a pane stopped early).
  static func sharedStep(_ steps: [Int]) -> Int? { Set(steps).count == 1 ? steps.first : nil }

  /// The step of each pane's latest measurement.
  private var evaluatedSteps: [Int] { lab.panes.map { $0.evaluations.last?.step ?? 0 } }

  private func renderByLength(in rect: Rect, on grid: inout Grid) {
    // Each pane's step of measurement in its label only when they differ; else the title has it.
    let steps = evaluatedSteps
    let series = lab.panes.enumerated().map { index, pane in
      let buckets = pane.evaluations.last?.metrics.byLength.filter { $0.count > 0 } ?? []
      return LineChart.Series(
        label: Self.sharedStep(steps) == nil ? "\(pane.name) (step \(steps[index]))" : pane.name,
        values: buckets.map { Float($0.exact) / Float($0.count) }, xs: buckets.map { Float($0.lengths.upperBound) },
        color: color(index))
    }
    LineChart(series: series).yRange(0...1).render(in: rect, on: &grid)
  }

  /// The length buckets the held-out set fills (1–5, 6–10, …), as the latest measurement counts them.
  private var buckets: [ClosedRange<Int>] {
    lab.panes.first?.evaluations.last?.metrics.byLength.filter { $0.count > 0 }.map(\.lengths) ?? []
  }

  private static let fixedHeader = ["pane", "status", "step", "loss", "exact"]

  /// The cells of the table's first columns, a row per pane: name, status, step, loss, exact accuracy.
  private var fixedCells: [[String]] {
    lab.panes.map { pane in
      [
        pane.name, pane.status.label, "\(pane.step)/\(pane.stepBudget)", pane.loss.last.map(Format.compact) ?? "–",
        pane.evaluations.last.map { Format.percent(Float($0.metrics.exactAccuracy)) } ?? "–",
      ]
    }
  }

  private static func label(_ bucket: ClosedRange<Int>) -> String { "len \(bucket.lowerBound)–\(bucket.upperBound)" }

  /// The buckets the table has room for in `width` columns: all of them, or the first, the last and
  /// as many evenly spread between them as fit.
  private func shownBuckets(width: Int) -> [ClosedRange<Int>] {
    let all = buckets
    let fixedRows = [Self.fixedHeader] + fixedCells
    let fixedWidth = Self.fixedHeader.indices.reduce(0) { sum, column in
      sum + (fixedRows.map { DisplayWidth.of($0[column]) }.max() ?? 0)
    }
    let bucketWidth = all.map { DisplayWidth.of(Self.label($0)) }.max() ?? 0
    // Two blank columns between columns: the fixed columns' four gaps, then one before each bucket.
    let fitting = max(2, (width - fixedWidth - 8) / (bucketWidth + 2))
    guard all.count > fitting else { return all }
    return (0..<fitting).map { all[$0 * (all.count - 1) / (fitting - 1)] }
  }

  private func renderTable(in rect: Rect, on grid: inout Grid) {
    let shown = shownBuckets(width: rect.width)
    let rows = zip(lab.panes, fixedCells).map { pane, fixed in
      fixed
        + shown.map { bucket in
          pane.evaluations.last?.accuracy(upTo: bucket.upperBound).map { Format.percent(Float($0)) } ?? "–"
        }
    }
    let header = Self.fixedHeader + shown.map(Self.label)
    Table(header: header, rows: rows)
      .alignments([.left, .left] + Array(repeating: .right, count: header.count - 2))
      .render(in: rect, on: &grid)
  }

  /// The Panes panel's title, saying what a small screen leaves out.
  private func tableTitle(width: Int, showsLoss: Bool) -> String {
    let (shown, all) = (shownBuckets(width: width).count, buckets.count)
    var missing: [String] = []
    if shown < all { missing.append("\(shown) of \(all) length buckets (wider: all)") }
    if !showsLoss { missing.append("loss curves: taller screen") }
    return (["Panes"] + missing).joined(separator: " · ")
  }

  private func renderLoss(in rect: Rect, on grid: inout Grid) {
    let series = lab.panes.enumerated().map { index, pane in
      LineChart.Series(label: pane.name, values: TrainingView.smoothed(pane.loss), color: color(index))
    }
    LineChart(series: series).yScale(.log10).render(in: rect, on: &grid)
  }
}
