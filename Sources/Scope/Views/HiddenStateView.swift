import RNNEngine
import TermCanvas

/// Hidden state h_t as a heatmap of units × time over the probe, with the selected unit's trace.
///
/// It draws plain values (one layer's h and c, the step labels, the cursor), so the encoder and
/// decoder of a seq2seq model are drawn by the same code as the character model's layers.
struct HiddenStateView {
  /// h_t `[T][H]` and c_t (LSTM; else empty) of the layer shown.
  let h: StepValues, c: StepValues
  /// The heatmap panel's title.
  let title: String
  /// What each step read, in full (`'a'`, `NUL`) and as one label character under the heatmap.
  let inputs: [String], stepLabels: [Character]
  /// The selected unit and step.
  let unit: Int, step: Int
  /// Shades instead of colour.
  let monochrome: Bool
  /// The pattern search's marks and answer (the character model's live view only).
  var search: PatternSearchOverlay?

  /// The view of the character model's probe at the app's cursor.
  init(state: AppState, snapshot: TrainingSnapshot) {
    let layer = snapshot.trace.layers[state.cursor.layer]
    self.init(
      h: layer.h, c: layer.c,
      title: "h_t, layer \(state.cursor.layer + 1): \(snapshot.model.hidden) units × \(snapshot.trace.length) steps",
      inputs: snapshot.task.probe.inputLabels, stepLabels: TraceMatrices.stepLabels(snapshot), unit: state.cursor.unit,
      step: state.cursor.step, monochrome: state.monochrome)
    search = PatternSearchOverlay(state: state, snapshot: snapshot)
  }

  /// A view of these values.
  init(
    h: StepValues, c: StepValues, title: String, inputs: [String], stepLabels: [Character], unit: Int, step: Int,
    monochrome: Bool
  ) {
    (self.h, self.c, self.title, self.inputs, self.stepLabels) = (h, c, title, inputs, stepLabels)
    (self.unit, self.step, self.monochrome) = (unit, step, monochrome)
  }

  func render(in rect: Rect, on grid: inout Grid) {
    let columns = Layout.columns([.remainder, .fixed(min(34, rect.width / 3))], in: rect)
    let left = Layout.rows([.remainder, .fixed(min(10, rect.height / 3))], in: columns[0])
    let heatmapArea = Panel(title: title).keyHint("↑↓ unit ←→ step").render(in: left[0], on: &grid)
    renderHeatmap(h, in: heatmapArea, on: &grid)
    if let panel = search?.panel {
      panel.render(in: Panel(title: panel.title).render(in: left[1], on: &grid), on: &grid)
    } else {
      renderUnitTrace(in: Panel(title: "unit \(unit) over time").render(in: left[1], on: &grid), on: &grid)
    }
    renderCursorDetails(in: Panel(title: "At the cursor").render(in: columns[1], on: &grid), on: &grid)
  }

  private func renderHeatmap(_ h: StepValues, in rect: Rect, on grid: inout Grid) {
    let legendArea = Rect(x: rect.x, y: rect.maxY - 2, width: min(rect.width, 40), height: 2)
    let mapArea = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 2)
    Heatmap(matrix: TraceMatrices.unitsByTime(h))
      .colorMap(.diverging)
      .columnLabels(stepLabels)
      .rowLabels((0..<h.width).map(String.init))
      .cursor(MatrixIndex(row: unit, column: step))
      .marked(rows: search?.selectedUnits ?? [], columns: search?.markedSpan, style: PatternSearchPanel.markStyle)
      .cellWidth(TraceMatrices.stepColumns(steps: h.count, width: mapArea.width))
      .monochrome(monochrome)
      .scrolledToCursor(in: mapArea)
      .render(in: mapArea, on: &grid)
    Legend(colorMap: .diverging).labels(min: "-1", mid: "0", max: "+1").render(in: legendArea, on: &grid)
  }

  private func renderUnitTrace(in rect: Rect, on grid: inout Grid) {
    var series = [LineChart.Series(label: "h", values: h.map { $0[unit] }, color: Theme.accent)]
    if !c.isEmpty {
      series.append(.init(label: "c", values: c.map { $0[unit] }, color: Theme.heldOut))
    }
    LineChart(series: series)
      .markers([.init(x: Float(step), color: Theme.warning)])
      .xRange(0...Float(max(h.count - 1, 1)))
      .render(in: rect, on: &grid)
  }

  private func renderCursorDetails(in rect: Rect, on grid: inout Grid) {
    let hNow = h[step]
    var lines: [[Span]] = [
      [
        Span("step ", style: Theme.label), Span("\(step)", style: Theme.value),
        Span("  input ", style: Theme.label), Span(ProbeLines.quoted(inputs[step]), style: Theme.value),
      ],
      [
        Span("unit ", style: Theme.label), Span("\(unit)", style: Theme.value),
        Span("  h = ", style: Theme.label), Span(Format.fixed(hNow[unit], decimals: 4), style: Theme.value),
      ],
    ]
    if !c.isEmpty {
      lines.append([Span("         c = ", style: Theme.label), Span(Format.fixed(c[step][unit], decimals: 4))])
    }
    lines.append([Span("‖h_t‖ = ", style: Theme.label), Span(Format.compact(TraceMatrices.norm(hNow)))])
    lines.append([])
    if let result = search?.result {
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

/// What the pattern search adds to the Hidden state view: the marked span, the units its answer
/// selected, the panel that replaces the unit's trace while a span is marked, and the unit readout.
struct PatternSearchOverlay {
  /// The span being marked or searched, in probe steps.
  let markedSpan: Range<Int>?
  /// The search's answer when it is for the layer shown.
  let result: UnitSearchResult?
  /// The units the answer selected, when it is for the span marked now.
  let selectedUnits: Set<Int>
  /// The search panel, while a span is marked.
  let panel: PatternSearchPanel?

  /// The overlay of the app's pattern search on the character model's probe.
  init(state: AppState, snapshot: TrainingSnapshot) {
    markedSpan = state.markedSpan
    let result = snapshot.unitSearch.flatMap { $0.request.layer == state.cursor.layer ? $0 : nil }
    self.result = result
    selectedUnits =
      result.map { $0.request.span == state.patternSearch.span ? Set($0.selected.map(\.unit)) : [] } ?? []
    panel = state.markedSpan == nil ? nil : PatternSearchPanel(state: state, snapshot: snapshot)
  }
}

extension String {
  /// The string right-aligned in `width` columns (unchanged when longer).
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
