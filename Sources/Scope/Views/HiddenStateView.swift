import RNNEngine
import TermCanvas

/// Hidden state h_t as a heatmap of units × time over the probe, with the selected unit's trace.
///
/// A bidirectional layer shows its two directions as two heatmaps on the same character axis,
/// the forward one above the backward one.
///
/// It draws plain values (a layer's directions, the step labels, the cursor), so the encoder and
/// decoder of a seq2seq model are drawn by the same code as the character model's layers.
struct HiddenStateView {
  /// The layer's reading directions: one, or forward then backward.
  let directions: [DirectionStates]
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
    let directions = ReadingDirection.of(layer: state.cursor.layer, in: snapshot).map(\.states)
    let title =
      "h_t, layer \(state.cursor.layer + 1): \(snapshot.model.hidden) units × \(snapshot.trace.length) steps"
      + (directions.count > 1 ? " per direction" : "")
    self.init(
      directions: directions, title: title, inputs: snapshot.task.probe.inputLabels,
      stepLabels: TraceMatrices.stepLabels(snapshot), unit: state.cursor.unit, step: state.cursor.step,
      monochrome: state.monochrome)
    search = PatternSearchOverlay(state: state, snapshot: snapshot)
  }

  /// A view of one direction's h and c.
  init(
    h: StepValues, c: StepValues, title: String, inputs: [String], stepLabels: [Character], unit: Int, step: Int,
    monochrome: Bool
  ) {
    self.init(
      directions: [DirectionStates(h: h, c: c, gates: [], isReverse: false)], title: title, inputs: inputs,
      stepLabels: stepLabels, unit: unit, step: step, monochrome: monochrome)
  }

  /// A view of these directions.
  init(
    directions: [DirectionStates], title: String, inputs: [String], stepLabels: [Character], unit: Int, step: Int,
    monochrome: Bool
  ) {
    (self.directions, self.title, self.inputs, self.stepLabels) = (directions, title, inputs, stepLabels)
    (self.unit, self.step, self.monochrome) = (unit, step, monochrome)
  }

  /// Steps.
  private var length: Int { directions[0].h.count }
  /// Units.
  private var hidden: Int { directions[0].h.width }

  func render(in rect: Rect, on grid: inout Grid) {
    let columns = Layout.columns([.remainder, .fixed(min(34, rect.width / 3))], in: rect)
    let left = Layout.rows([.remainder, .fixed(min(10, rect.height / 3))], in: columns[0])
    let heatmapArea = Panel(title: title).keyHint("↑↓ unit ←→ step").render(in: left[0], on: &grid)
    renderHeatmaps(directions, in: heatmapArea, on: &grid)
    if let panel = search?.panel {
      panel.render(in: Panel(title: panel.title).render(in: left[1], on: &grid), on: &grid)
    } else {
      renderUnitTrace(
        directions, in: Panel(title: "unit \(unit) over time").render(in: left[1], on: &grid), on: &grid)
    }
    renderCursorDetails(directions, in: Panel(title: "At the cursor").render(in: columns[1], on: &grid), on: &grid)
  }

  /// One heatmap per direction, stacked, each under its title when there are two; the legend below.
  private func renderHeatmaps(_ directions: [DirectionStates], in rect: Rect, on grid: inout Grid) {
    let legendArea = Rect(x: rect.x, y: rect.maxY - 2, width: min(rect.width, 40), height: 2)
    let mapsArea = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 2)
    if directions.count == 1 {
      renderHeatmap(directions[0].h, marked: markedUnits(direction: 0), in: mapsArea, on: &grid)
    } else {
      let halves = Layout.rows([.fraction(0.5), .remainder], in: mapsArea)
      for (index, (direction, half)) in zip(directions, halves).enumerated() where half.height >= 2 {
        grid.put(
          direction.title, truncatingIn: Rect(x: half.x, y: half.y, width: half.width, height: 1),
          style: Theme.directionTitle)
        renderHeatmap(
          direction.h, marked: markedUnits(direction: index),
          in: Rect(x: half.x, y: half.y + 1, width: half.width, height: half.height - 1), on: &grid)
      }
    }
    Legend(colorMap: .diverging).labels(min: "-1", mid: "0", max: "+1").render(in: legendArea, on: &grid)
  }

  /// The units pattern search selected that belong to `direction`, as its rows: a bidirectional
  /// layer's search numbers the forward direction's units 0..<H and the backward one's H..<2H.
  private func markedUnits(direction: Int) -> Set<Int> {
    Set((search?.selectedUnits ?? []).filter { $0 / hidden == direction }.map { $0 - direction * hidden })
  }

  private func renderHeatmap(_ h: StepValues, marked: Set<Int>, in mapArea: Rect, on grid: inout Grid) {
    Heatmap(matrix: TraceMatrices.unitsByTime(h))
      .colorMap(.diverging)
      .columnLabels(stepLabels)
      .rowLabels((0..<hidden).map(String.init))
      .cursor(MatrixIndex(row: unit, column: step))
      .marked(rows: marked, columns: search?.markedSpan, style: PatternSearchPanel.markStyle)
      .cellWidth(TraceMatrices.stepColumns(steps: length, width: mapArea.width))
      .monochrome(monochrome)
      .scrolledToCursor(in: mapArea)
      .render(in: mapArea, on: &grid)
  }

  /// The selected unit's h (and c) over time, per direction (`h→`, `h←`) when there are two.
  private func renderUnitTrace(_ directions: [DirectionStates], in rect: Rect, on grid: inout Grid) {
    var series: [LineChart.Series] = []
    for direction in directions {
      let arrow = directions.count > 1 ? direction.arrow : ""
      let colors = direction.isReverse ? (Theme.series[3], Theme.series[5]) : (Theme.accent, Theme.heldOut)
      let layer = direction
      series.append(.init(label: "h" + arrow, values: layer.h.map { $0[unit] }, color: colors.0))
      if !layer.c.isEmpty {
        series.append(.init(label: "c" + arrow, values: layer.c.map { $0[unit] }, color: colors.1))
      }
    }
    LineChart(series: series)
      .markers([.init(x: Float(step), color: Theme.warning)])
      .xRange(0...Float(max(length - 1, 1)))
      .render(in: rect, on: &grid)
  }

  /// The cursor's step, unit and values (each direction's, named by its arrow, when there are
  /// two), and the most active units at that step over every direction.
  private func renderCursorDetails(_ directions: [DirectionStates], in rect: Rect, on grid: inout Grid) {
    let named = directions.count > 1
    var lines: [[Span]] = [
      [
        Span("step ", style: Theme.label), Span("\(step)", style: Theme.value),
        Span("  input ", style: Theme.label), Span(ProbeLines.quoted(inputs[step]), style: Theme.value),
      ],
      [Span("unit ", style: Theme.label), Span("\(unit)", style: Theme.value)],
    ]
    // One direction: h beside the unit, c under it; two: a line each, named by its arrow.
    for direction in directions {
      let layer = direction
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
          Span(Format.compact(TraceMatrices.norm(direction.h[step])) + (named ? "  " : "")),
        ]
      })
    lines.append([])
    if let result = search?.result {
      // Of a bidirectional layer, the readout is of the direction `d` picks.
      let direction = search?.readsBackward == true && named ? directions.count - 1 : 0
      let name = named ? "\(directions[direction].arrow) unit \(unit)" : "unit \(unit)"
      lines += UnitReadout(result: result, unit: direction * hidden + unit, name: name).lines(width: rect.width)
      lines.append([])
    }
    lines.append([Span("most active units here", style: Theme.title)])
    let candidates = directions.flatMap { direction in
      direction.h[step].enumerated().map { (arrow: named ? direction.arrow : "", unit: $0, value: $1) }
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
  /// Whether the unit readout is of a bidirectional layer's backward direction (`d`).
  let readsBackward: Bool

  /// The overlay of the app's pattern search on the character model's probe.
  init(state: AppState, snapshot: TrainingSnapshot) {
    markedSpan = state.markedSpan
    let result = snapshot.unitSearch.flatMap { $0.request.layer == state.cursor.layer ? $0 : nil }
    self.result = result
    selectedUnits =
      result.map { $0.request.span == state.patternSearch.span ? Set($0.selected.map(\.unit)) : [] } ?? []
    panel = state.markedSpan == nil ? nil : PatternSearchPanel(state: state, snapshot: snapshot)
    readsBackward = state.cursor.isReverse
  }
}

extension String {
  /// The string right-aligned in `width` columns (unchanged when longer).
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
