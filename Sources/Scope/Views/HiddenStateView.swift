import RNNEngine
import TermCanvas

/// Hidden state h_t as a heatmap of units × time over the probe, with the selected unit's trace.
struct HiddenStateView {
  let state: AppState
  let snapshot: TrainingSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    let layer = snapshot.trace.layers[state.cursor.layer]
    let columns = Layout.columns([.remainder, .fixed(min(34, rect.width / 3))], in: rect)
    let left = Layout.rows([.remainder, .fixed(min(10, rect.height / 3))], in: columns[0])
    let title = "h_t, layer \(state.cursor.layer + 1): \(snapshot.model.hidden) units × \(snapshot.trace.length) steps"
    let heatmapArea = Panel(title: title).keyHint("↑↓ unit ←→ step").render(in: left[0], on: &grid)
    renderHeatmap(layer.h, in: heatmapArea, on: &grid)
    if state.markedSpan != nil {
      let search = PatternSearchPanel(state: state, snapshot: snapshot)
      search.render(in: Panel(title: search.title).render(in: left[1], on: &grid), on: &grid)
    } else {
      renderUnitTrace(
        layer, in: Panel(title: "unit \(state.cursor.unit) over time").render(in: left[1], on: &grid), on: &grid)
    }
    renderCursorDetails(layer, in: Panel(title: "At the cursor").render(in: columns[1], on: &grid), on: &grid)
  }

  /// The search on screen, if its answer is for this span and layer.
  private var searchResult: UnitSearchResult? {
    guard let result = snapshot.unitSearch, result.request.layer == state.cursor.layer else { return nil }
    return result
  }

  /// The units the search selected, as the heatmap marks them.
  private var selectedUnits: Set<Int> {
    guard let result = searchResult, result.request.span == state.patternSearch.span else { return [] }
    return Set(result.selected.map(\.unit))
  }

  private func renderHeatmap(_ h: StepValues, in rect: Rect, on grid: inout Grid) {
    let legendArea = Rect(x: rect.x, y: rect.maxY - 2, width: min(rect.width, 40), height: 2)
    let mapArea = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 2)
    let length = snapshot.trace.length
    Heatmap(matrix: TraceMatrices.unitsByTime(h))
      .colorMap(.diverging)
      .columnLabels(TraceMatrices.stepLabels(snapshot))
      .rowLabels((0..<snapshot.model.hidden).map(String.init))
      .cursor(MatrixIndex(row: state.cursor.unit, column: state.cursor.step))
      .marked(rows: selectedUnits, columns: state.markedSpan, style: PatternSearchPanel.markStyle)
      .cellWidth(TraceMatrices.stepColumns(steps: length, width: mapArea.width))
      .monochrome(state.monochrome)
      .scrolledToCursor(in: mapArea)
      .render(in: mapArea, on: &grid)
    Legend(colorMap: .diverging).labels(min: "-1", mid: "0", max: "+1").render(in: legendArea, on: &grid)
  }

  private func renderUnitTrace(_ layer: Trace.LayerTrace, in rect: Rect, on grid: inout Grid) {
    let unit = state.cursor.unit
    var series = [LineChart.Series(label: "h", values: layer.h.map { $0[unit] }, color: Theme.accent)]
    if !layer.c.isEmpty {
      series.append(.init(label: "c", values: layer.c.map { $0[unit] }, color: Theme.heldOut))
    }
    LineChart(series: series)
      .markers([.init(x: Float(state.cursor.step), color: Theme.warning)])
      .xRange(0...Float(max(snapshot.trace.length - 1, 1)))
      .render(in: rect, on: &grid)
  }

  private func renderCursorDetails(_ layer: Trace.LayerTrace, in rect: Rect, on grid: inout Grid) {
    let step = state.cursor.step
    let unit = state.cursor.unit
    let probe = snapshot.task.probe
    let hNow = layer.h[step]
    var lines: [[Span]] = [
      [
        Span("step ", style: Theme.label), Span("\(step)", style: Theme.value),
        Span("  input ", style: Theme.label), Span(ProbeLines.quoted(probe.inputLabels[step]), style: Theme.value),
      ],
      [
        Span("unit ", style: Theme.label), Span("\(unit)", style: Theme.value),
        Span("  h = ", style: Theme.label), Span(Format.fixed(hNow[unit], decimals: 4), style: Theme.value),
      ],
    ]
    if !layer.c.isEmpty {
      lines.append([Span("         c = ", style: Theme.label), Span(Format.fixed(layer.c[step][unit], decimals: 4))])
    }
    lines.append([Span("‖h_t‖ = ", style: Theme.label), Span(Format.compact(TraceMatrices.norm(hNow)))])
    lines.append([])
    if let result = searchResult {
      lines += UnitReadout(result: result, unit: unit).lines(width: rect.width)
      lines.append([])
    }
    lines.append([Span("most active units here", style: Theme.title)])
    let ranked = hNow.indices.sorted { abs(hNow[$0]) > abs(hNow[$1]) }
    for candidate in ranked.prefix(max(0, rect.height - lines.count)) {
      let value = hNow[candidate]
      let bar = String(repeating: "█", count: Int((abs(value) * 10).rounded()))
      lines.append([
        Span(String(candidate).leftPadded(to: 5), style: Theme.label),
        Span(Format.fixed(value, decimals: 3).leftPadded(to: 8) + " "),
        Span(bar, style: Style(fg: ColorMap.diverging.color(for: value))),
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
