import RNNEngine
import TermCanvas

/// The Training view of an encoder–decoder: the loss, the run's figures, held-out exact accuracy
/// against source length (buckets of 5, after each epoch) and over the epochs, and the seed-style
/// table of the probe translated after every epoch, each symbol green or red against the target.
struct Seq2SeqTrainingView {
  let snapshot: Seq2SeqSessionSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    // A short screen keeps the loss and the length chart small so the table still shows every epoch's row it can.
    let bands = Layout.rows(
      rect.height >= 36 ? [.fraction(0.34), .fraction(0.5), .remainder] : [.fixed(6), .fixed(7), .remainder], in: rect)
    let top = Layout.columns([.remainder, .fixed(min(44, rect.width * 2 / 5))], in: bands[0])
    renderLoss(in: Panel(title: "Loss (log scale)").keyHint("[ ] lr").render(in: top[0], on: &grid), on: &grid)
    renderFigures(in: Panel(title: "Run").render(in: top[1], on: &grid), on: &grid)
    // Narrow screens keep the chart by length, the one the lecture is about.
    let middle = Layout.columns([.remainder, .fixed(rect.width >= 120 ? rect.width * 2 / 5 : 0)], in: bands[1])
    renderByLength(
      in: Panel(title: "Held-out exact accuracy by source length").render(in: middle[0], on: &grid), on: &grid)
    if middle[1].width > 0 {
      renderOverEpochs(in: Panel(title: "Held-out accuracy per epoch").render(in: middle[1], on: &grid), on: &grid)
    }
    let rows = Panel.inner(of: bands[2]).height - Self.tableFrame
    let shown = min(snapshot.epochs.count, max(rows, 1))
    let title =
      shown < snapshot.epochs.count
      ? "The probe after each epoch (\(shown) of \(snapshot.epochs.count): the first and the latest)"
      : "The probe after each epoch"
    renderTable(
      in: Panel(title: title).keyHint("green = right").render(in: bands[2], on: &grid), rows: rows, on: &grid)
  }

  private func renderLoss(in rect: Rect, on grid: inout Grid) {
    let history = snapshot.history
    guard !history.loss.isEmpty else {
      grid.put("No steps yet: press space to start, or n for a single step.", truncatingIn: rect, style: Theme.dim)
      return
    }
    let steps = history.pointSteps
    LineChart(series: [
      LineChart.Series(label: "train", values: history.loss, xs: steps, color: Theme.muted),
      LineChart.Series(
        label: "train, smoothed", values: TrainingView.smoothed(history.loss), xs: steps, color: Theme.accent),
    ]).yScale(.log10).xRange(0...Float(max(history.stepCount - 1, 1))).render(in: rect, on: &grid)
  }

  private func renderFigures(in rect: Rect, on grid: inout Grid) {
    var rows: [(String, String)] = [
      ("model", Seq2SeqStatusBar.model(snapshot.config)),
      ("parameters", Format.count(Double(snapshot.parameterCount))),
      ("task", snapshot.task.summary),
      ("optimizer", "\(snapshot.optimizer) lr \(Format.compact(snapshot.learningRate)), batch \(snapshot.batchSize)"),
      ("clipping", snapshot.clip.map { "global norm ≤ \(Format.compact($0))" } ?? "off"),
      ("step", "\(snapshot.step) (\(snapshot.stepsPerEpoch) per epoch)"),
      (
        "speed",
        snapshot.tokensPerSecond > 0
          ? "\(Format.count(snapshot.tokensPerSecond)) target tok/s"
            + (snapshot.speedLimit.map { ", held to \($0) steps/s" } ?? "") : "–"
      ),
      ("loss now", snapshot.history.lastLoss.map(Format.compact) ?? "–"),
    ]
    if let last = snapshot.epochs.last {
      rows.append(("exact", Format.percent(Float(last.metrics.exactAccuracy)) + " of \(last.metrics.count) held out"))
      rows.append(("per symbol", Format.percent(Float(last.metrics.tokenAccuracy))))
    }
    let epochs = snapshot.epochLimit.map { "\(snapshot.epoch)/\($0)" } ?? "\(snapshot.epoch)"
    TrainingView.renderFigures(
      rows, labelWidth: 12, epoch: epochs, stepInEpoch: snapshot.stepInEpoch, stepsPerEpoch: snapshot.stepsPerEpoch,
      in: rect, on: &grid)
  }

  /// Exact accuracy against source length: the first epoch, one halfway and the latest, so the
  /// curve's climb (long sources last, without attention never) shows on one chart.
  private func renderByLength(in rect: Rect, on grid: inout Grid) {
    guard !snapshot.epochs.isEmpty else {
      grid.put(
        "Measured on the held-out set when epoch 1 ends (every \(snapshot.stepsPerEpoch) steps).", truncatingIn: rect,
        style: Theme.dim)
      return
    }
    let last = snapshot.epochs.count - 1
    let shown = [0, last / 2, last].reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
    let colors =
      shown.count == 1
      ? [Theme.accent] : shown.count == 2 ? [Theme.muted, Theme.accent] : [Theme.muted, Theme.heldOut, Theme.accent]
    let series = zip(shown, colors).map { index, color in
      let buckets = snapshot.epochs[index].metrics.byLength.filter { $0.count > 0 }
      return LineChart.Series(
        label: "epoch \(snapshot.epochs[index].epoch)",
        values: buckets.map { Float($0.exact) / Float($0.count) }, xs: buckets.map { Float($0.lengths.upperBound) },
        color: color)
    }
    let top = snapshot.epochs[last].metrics.byLength.filter { $0.count > 0 }
    let caption = top.map { "≤\($0.lengths.upperBound) \(Int((100 * Double($0.exact) / Double($0.count)).rounded()))%" }
      .joined(separator: "  ")
    let (chart, captionRow) = rect.splitBottom(1)
    LineChart(series: series).yRange(0...1).render(in: chart, on: &grid)
    grid.put("source length " + caption, truncatingIn: captionRow, style: Theme.label)
  }

  private func renderOverEpochs(in rect: Rect, on grid: inout Grid) {
    guard !snapshot.epochs.isEmpty else { return }
    let xs = snapshot.epochs.map { Float($0.epoch) }
    LineChart(series: [
      LineChart.Series(
        label: "exact", values: snapshot.epochs.map { Float($0.metrics.exactAccuracy) }, xs: xs, color: Theme.accent),
      LineChart.Series(
        label: "per symbol", values: snapshot.epochs.map { Float($0.metrics.tokenAccuracy) }, xs: xs,
        color: Theme.heldOut),
    ]).yRange(0...1).render(in: rect, on: &grid)
  }

  /// Lines of the table that are not epochs: the input, the header and the probe now.
  private static let tableFrame = 3

  /// Epoch, step, loss, accuracies and the probe's translation, each symbol coloured against the
  /// target, for `rows` epochs at most; the last row is the probe now.
  private func renderTable(in rect: Rect, rows: Int, on grid: inout Grid) {
    let pair = snapshot.probePair
    var lines: [[Span]] = [
      [
        Span("input ", style: Theme.label), Span(pair.source, style: Theme.value),
        Span("   target ", style: Theme.label), Span(pair.target),
      ],
      [Span("epoch   step      loss   symbol    exact  output on the probe", style: Theme.title)],
    ]
    let visible = TrainingView.firstAndRecent(snapshot.epochs, count: max(rows, 1))
    for epoch in visible {
      let figures =
        String(format: "%5d %6d ", epoch.epoch, epoch.step)
        + Format.fixed(epoch.trainLoss, decimals: 4).leftPadded(to: 9)
        + Format.percent(Float(epoch.metrics.tokenAccuracy)).leftPadded(to: 9)
        + Format.percent(Float(epoch.metrics.exactAccuracy)).leftPadded(to: 9) + "  "
      lines.append([Span(figures)] + Self.compared(epoch.probeOutput, with: pair.target))
    }
    // Aligned with the epochs' rows: the step under "step", the output under the outputs.
    let now = "  now " + String(snapshot.step).leftPadded(to: 6) + String(repeating: " ", count: 30)
    lines.append([Span(now, style: Theme.label)] + Self.compared(snapshot.probeOutput, with: pair.target))
    Text(lines: lines).render(in: rect, on: &grid)
  }

  /// `output` a symbol at a time, green where it has the target's symbol, red elsewhere (and past the target's end).
  static func compared(_ output: String, with target: String) -> [Span] {
    let expected = Array(target)
    return output.enumerated().map { index, symbol in
      let right = index < expected.count && expected[index] == symbol
      return Span(AttentionView.visible(String(symbol)), style: Style(fg: right ? Theme.good : Theme.bad))
    }
  }
}
