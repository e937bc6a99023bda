import RNNEngine
import TermCanvas

/// Hidden state h_t as a heatmap of units × time over the probe, with the selected unit's trace.
///
/// A bidirectional layer shows its two directions as two heatmaps on the same character axis,
/// the forward one above the backward one.
struct HiddenStateView {
  let state: AppState
  let snapshot: TrainingSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    let directions = ReadingDirection.of(layer: state.cursor.layer, in: snapshot)
    let columns = Layout.columns([.remainder, .fixed(min(34, rect.width / 3))], in: rect)
    let left = Layout.rows([.remainder, .fixed(min(10, rect.height / 3))], in: columns[0])
    let perDirection = directions.count > 1 ? " per direction" : ""
    let title =
      "h_t, layer \(state.cursor.layer + 1): \(snapshot.model.hidden) units × \(snapshot.trace.length) steps"
      + perDirection
    let heatmapArea = Panel(title: title).keyHint("↑↓ unit ←→ step").render(in: left[0], on: &grid)
    renderHeatmaps(directions, in: heatmapArea, on: &grid)
    renderUnitTrace(
      directions, in: Panel(title: "unit \(state.cursor.unit) over time").render(in: left[1], on: &grid), on: &grid)
    renderCursorDetails(directions, in: Panel(title: "At the cursor").render(in: columns[1], on: &grid), on: &grid)
  }

  /// One heatmap per direction, stacked, each under its title when there are two; the legend below.
  private func renderHeatmaps(_ directions: [ReadingDirection], in rect: Rect, on grid: inout Grid) {
    let legendArea = Rect(x: rect.x, y: rect.maxY - 2, width: min(rect.width, 40), height: 2)
    let mapsArea = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 2)
    if directions.count == 1 {
      renderHeatmap(directions[0].trace.h, in: mapsArea, on: &grid)
    } else {
      let halves = Layout.rows([.fraction(0.5), .remainder], in: mapsArea)
      for (direction, half) in zip(directions, halves) where half.height >= 2 {
        grid.put(
          direction.title, truncatingIn: Rect(x: half.x, y: half.y, width: half.width, height: 1),
          style: Theme.directionTitle)
        renderHeatmap(
          direction.trace.h, in: Rect(x: half.x, y: half.y + 1, width: half.width, height: half.height - 1), on: &grid)
      }
    }
    Legend(colorMap: .diverging).labels(min: "-1", mid: "0", max: "+1").render(in: legendArea, on: &grid)
  }

  private func renderHeatmap(_ h: StepValues, in mapArea: Rect, on grid: inout Grid) {
    let length = snapshot.trace.length
    Heatmap(matrix: TraceMatrices.unitsByTime(h))
      .colorMap(.diverging)
      .columnLabels(TraceMatrices.stepLabels(snapshot))
      .rowLabels((0..<snapshot.model.hidden).map(String.init))
      .cursor(MatrixIndex(row: state.cursor.unit, column: state.cursor.step))
      .cellWidth(TraceMatrices.stepColumns(steps: length, width: mapArea.width))
      .monochrome(state.monochrome)
      .scrolledToCursor(in: mapArea)
      .render(in: mapArea, on: &grid)
  }

  /// The selected unit's h (and c) over time, per direction (`h→`, `h←`) when there are two.
  private func renderUnitTrace(_ directions: [ReadingDirection], in rect: Rect, on grid: inout Grid) {
    let unit = state.cursor.unit
    var series: [LineChart.Series] = []
    for direction in directions {
      let arrow = directions.count > 1 ? direction.arrow : ""
      let colors = direction.isReverse ? (Theme.series[3], Theme.series[5]) : (Theme.accent, Theme.heldOut)
      let layer = direction.trace
      series.append(.init(label: "h" + arrow, values: layer.h.map { $0[unit] }, color: colors.0))
      if !layer.c.isEmpty {
        series.append(.init(label: "c" + arrow, values: layer.c.map { $0[unit] }, color: colors.1))
      }
    }
    LineChart(series: series)
      .markers([.init(x: Float(state.cursor.step), color: Theme.warning)])
      .xRange(0...Float(max(snapshot.trace.length - 1, 1)))
      .render(in: rect, on: &grid)
  }

  /// The cursor's step, unit and values (each direction's, named by its arrow, when there are
  /// two), and the most active units at that step over every direction.
  private func renderCursorDetails(_ directions: [ReadingDirection], in rect: Rect, on grid: inout Grid) {
    let step = state.cursor.step
    let unit = state.cursor.unit
    let probe = snapshot.task.probe
    let named = directions.count > 1
    var lines: [[Span]] = [
      [
        Span("step ", style: Theme.label), Span("\(step)", style: Theme.value),
        Span("  input ", style: Theme.label), Span(ProbeLines.quoted(probe.inputLabels[step]), style: Theme.value),
      ],
      [Span("unit ", style: Theme.label), Span("\(unit)", style: Theme.value)],
    ]
    // One direction: h beside the unit, c under it; two: a line each, named by its arrow.
    for direction in directions {
      let layer = direction.trace
      let h = [
        Span((named ? direction.arrow + " " : "  ") + "h = ", style: Theme.label),
        Span(Format.fixed(layer.h[step][unit], decimals: 4), style: Theme.value),
      ]
      if named { lines.append(h) } else { lines[1] += h }
      if !layer.c.isEmpty {
        let c = Span(Format.fixed(layer.c[step][unit], decimals: 4))
        if named {
          lines[lines.count - 1] += [Span("  c = ", style: Theme.label), c]
        } else {
          lines.append([Span("         c = ", style: Theme.label), c])
        }
      }
    }
    lines.append(
      directions.flatMap { direction in
        [
          Span((named ? direction.arrow + " " : "") + "‖h_t‖ = ", style: Theme.label),
          Span(Format.compact(TraceMatrices.norm(direction.trace.h[step])) + (named ? "  " : "")),
        ]
      })
    lines.append([])
    lines.append([Span("most active units here", style: Theme.title)])
    let candidates = directions.flatMap { direction in
      direction.trace.h[step].enumerated().map { (arrow: named ? direction.arrow : "", unit: $0, value: $1) }
    }
    let ranked = candidates.sorted { abs($0.value) > abs($1.value) }
    for candidate in ranked.prefix(max(0, rect.height - lines.count)) {
      let bar = String(repeating: "█", count: Int((abs(candidate.value) * 10).rounded()))
      lines.append([
        Span((candidate.arrow + " " + String(candidate.unit)).leftPadded(to: 5), style: Theme.label),
        Span(Format.fixed(candidate.value, decimals: 3).leftPadded(to: 8) + " "),
        Span(bar, style: Style(fg: ColorMap.diverging.color(for: candidate.value))),
      ])
    }
    Text(lines: lines).render(in: rect, on: &grid)
  }
}

extension String {
  /// The string right-aligned in `width` columns (unchanged when longer).
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
