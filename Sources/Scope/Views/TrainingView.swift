import RNNEngine
import TermCanvas

/// Loss curves, run figures, the probe as the model reads it now, and the lecture's per-epoch table;
/// for a language model also a sample of the text it writes.
struct TrainingView {
  /// The fewest rows the epoch table is worth drawing in: border, input, header and one epoch.
  static let smallestEpochTable = 5

  let state: AppState
  let snapshot: TrainingSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    let bands = Layout.rows([.fraction(0.45), .fixed(6), .remainder], in: rect)
    let top = Layout.columns([.remainder, .fixed(min(44, rect.width / 3))], in: bands[0])
    renderLossChart(in: Panel(title: "Loss (log scale)").keyHint("[ ] lr").render(in: top[0], on: &grid), on: &grid)
    renderFigures(in: Panel(title: "Run").render(in: top[1], on: &grid), on: &grid)
    let probeHint = snapshot.task.kind == .caseCorrection ? "green = right case" : "green = right"
    ProbeLines(snapshot: snapshot).render(
      in: Panel(title: "Probe, now").keyHint(probeHint).render(in: bands[1], on: &grid), on: &grid)
    guard let sample = snapshot.sample else {
      renderEpochTable(in: Panel(title: "After each epoch").render(in: bands[2], on: &grid), on: &grid)
      return
    }
    let lines = sampleLines(sample, width: Panel.inner(of: bands[2]).width)
    // The sample comes first; the table keeps what is left when that is enough to show an epoch.
    let split = Layout.rows([.fixed(lines.count + 2), .remainder], in: bands[2])
    let hasRoomForTable = split[1].height >= Self.smallestEpochTable
    let title = "Sample at step \(sample.step), temperature \(Format.fixed(sample.temperature, decimals: 1))"
    Text(lines: lines).render(
      in: Panel(title: title).keyHint("t T temperature").render(in: hasRoomForTable ? split[0] : bands[2], on: &grid),
      on: &grid)
    if hasRoomForTable {
      renderEpochTable(in: Panel(title: "After each epoch").render(in: split[1], on: &grid), on: &grid)
    }
  }

  /// The prime (dim) and what the model wrote after it, wrapped to `width` columns.
  private func sampleLines(_ sample: TextSample, width: Int) -> [[Span]] {
    Text.wrapped(
      [Span(ProbeLines.printable(sample.prime), style: Theme.dim), Span(ProbeLines.printable(sample.generated))],
      width: width)
  }

  private func renderLossChart(in rect: Rect, on grid: inout Grid) {
    let history = snapshot.history
    guard !history.loss.isEmpty else {
      let hint =
        state.replay == nil
        ? "No steps yet: press space to start, or n for a single step."
        : "No training curves: this is one model file, not a run."
      grid.put(hint, truncatingIn: rect, style: Theme.dim)
      return
    }
    let steps = history.pointSteps
    var series = [
      LineChart.Series(label: "train", values: history.loss, xs: steps, color: Theme.muted),
      LineChart.Series(label: "train, smoothed", values: Self.smoothed(history.loss), xs: steps, color: Theme.accent),
    ]
    let heldOut = snapshot.epochs.map(\.heldOut.loss)
    if !heldOut.isEmpty {
      let ends = snapshot.epochs.map { Float($0.epoch * snapshot.stepsPerEpoch - 1) }
      series.append(.init(label: "held-out (per epoch)", values: heldOut, xs: ends, color: Theme.heldOut))
    }
    LineChart(series: series).yScale(.log10)
      .xRange(0...Float(max(history.stepCount - 1, 1)))
      .render(in: rect, on: &grid)
  }

  /// At most `count` items: the first ten (as many as fit beside the latest), then the most
  /// recent, so a long run's table still shows how the output changed at the start (the
  /// lecture's table has epochs 1 to 10) and where it stands now.
  static func firstAndRecent<Item>(_ items: [Item], count: Int) -> [Item] {
    guard items.count > count, count > 1 else { return Array(items.suffix(max(count, 1))) }
    let first = min(10, count - 1)
    return Array(items.prefix(first) + items.suffix(count - first))
  }

  /// An exponential moving average (the curve people read through the batch-to-batch noise).
  static func smoothed(_ values: [Float], weight: Float = 0.9) -> [Float] {
    var average = values.first ?? 0
    return values.map { value in
      average = weight * average + (1 - weight) * value
      return average
    }
  }

  private func renderFigures(in rect: Rect, on grid: inout Grid) {
    let config = snapshot.config
    let last = snapshot.epochs.last
    var rows: [(String, String)] = [
      ("model", ModelDescription.short(snapshot.model)),
      ("task", snapshot.task.summary),
      ("optimizer", "\(config.optimizer.rawValue) lr \(Format.compact(config.learningRate))"),
      ("clipping", config.clip.map { "global norm ≤ \(Format.compact($0))" } ?? "off"),
      ("step", "\(snapshot.step) (\(snapshot.stepsPerEpoch) per epoch)"),
      (
        "speed",
        snapshot.tokensPerSecond > 0
          ? "\(Format.count(snapshot.tokensPerSecond)) tok/s"
            + (snapshot.speedLimit.map { ", held to \($0) steps/s" } ?? "") : "–"
      ),
      (
        "loss now",
        snapshot.history.lastLoss.map(Format.compact)
          ?? ScoredSteps(snapshot: snapshot).probeLoss.map { "\(Format.compact($0)) on the probe" } ?? "–"
      ),
    ]
    if let recording = snapshot.recording { rows.append(("recording", recording)) }
    if let last {
      rows.append(("held-out loss", Format.compact(last.heldOut.loss)))
      if let accuracy = last.heldOut.accuracy { rows.append(("held-out acc", Format.percent(accuracy))) }
      // Copying the lowercase input is already right almost everywhere; capitals are what the model learns.
      if let cases = last.caseAccuracy {
        rows.append(("copying input", Format.percent(cases.copyingInput)))
        rows.append(("capitals acc", Format.percent(cases.onCapitals)))
      }
      if snapshot.task.kind == .languageModel { rows.append(("perplexity", Format.compact(last.heldOut.perplexity))) }
    }
    let epochs = config.epochs.map { "\(snapshot.epoch)/\($0)" } ?? "\(snapshot.epoch)"
    Self.renderFigures(
      rows, labelWidth: 14, epoch: epochs, stepInEpoch: snapshot.stepInEpoch, stepsPerEpoch: snapshot.stepsPerEpoch,
      in: rect, on: &grid)
  }

  /// The Run panel's body: a label and a value a row, as many rows as fit, and the epoch's
  /// progress as a gauge on the last row.
  static func renderFigures(
    _ rows: [(String, String)], labelWidth: Int, epoch: String, stepInEpoch: Int, stepsPerEpoch: Int, in rect: Rect,
    on grid: inout Grid
  ) {
    for (index, row) in rows.enumerated() where index < rect.height - 1 {
      let y = rect.y + index
      grid.put(row.0, truncatingIn: Rect(x: rect.x, y: y, width: labelWidth, height: 1), style: Theme.label)
      grid.put(row.1, truncatingIn: Rect(x: rect.x + labelWidth, y: y, width: rect.width - labelWidth, height: 1))
    }
    Gauge(fraction: Float(stepInEpoch) / Float(stepsPerEpoch))
      .label("epoch \(epoch)").valueText("\(stepInEpoch)/\(stepsPerEpoch)")
      .color(Theme.accent)
      .render(in: Rect(x: rect.x, y: rect.maxY - 1, width: rect.width, height: 1), on: &grid)
  }

  private func renderEpochTable(in rect: Rect, on grid: inout Grid) {
    let probe = snapshot.task.probe
    grid.put(
      "input   " + ProbeLines.printable(probe.inputText),
      truncatingIn: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1),
      style: Theme.label)
    let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    guard !snapshot.epochs.isEmpty else {
      grid.put("The first row appears when epoch 1 ends.", truncatingIn: body, style: Theme.dim)
      return
    }
    let visible = Self.firstAndRecent(snapshot.epochs, count: max(body.height - 1, 1))
    let showsCapitals = snapshot.epochs.contains { $0.caseAccuracy != nil }
    let rows = visible.map { epoch -> [String] in
      [
        String(format: "%02d", epoch.epoch), Format.fixed(epoch.trainLoss, decimals: 4),
        Format.fixed(epoch.heldOut.loss, decimals: 4), epoch.heldOut.accuracy.map(Format.percent) ?? "–",
      ] + (showsCapitals ? [epoch.caseAccuracy.map { Format.percent($0.onCapitals) } ?? "–"] : [])
        + [ProbeLines.printable(epoch.probeOutput)]
    }
    // Non-text tasks answer once per sequence: the header names the answer the column should show.
    let outputHeader =
      snapshot.task.kind.readsText ? "output on the probe" : "output on the probe (target \(probe.targetText))"
    let header = ["epoch", "loss", "val loss", "val acc"] + (showsCapitals ? ["capitals"] : []) + [outputHeader]
    Table(header: header, rows: rows)
      .alignments(Array(repeating: .right, count: header.count - 1) + [.left])
      .render(in: body, on: &grid)
  }
}
