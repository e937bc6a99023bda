import RNNEngine
import TermCanvas

/// LSTM gates i, f, g, o and the cell c (GRU r, z, n) as heatmaps on one time axis, with saturation.
///
/// Saturation follows Karpathy et al. 2015: the share of (unit, step) activations below 0.1
/// (left-saturated, the gate shut) and above 0.9 (right-saturated, the gate open). Rows squashed
/// by tanh (LSTM g, GRU n, a tanh RNN's h) live in [−1, 1]: they saturate at |x| > 0.9, below
/// −0.9 or above 0.9.
///
/// A bidirectional layer shows each direction's bands under its own title, the forward
/// direction above the backward one, on the same time axis.
///
/// It draws plain values (a layer's directions, the step labels, the cursor), so the encoder and
/// decoder of a seq2seq model are drawn by the same code as the character model's layers.
struct GatesView {
  /// The layer's reading directions (one, or forward then backward): their gates and c.
  let directions: [DirectionStates]
  /// The cell (which gates, which of them are tanh-valued).
  let cell: CellType
  /// The heatmaps panel's title.
  let title: String
  /// One label character per step under the heatmaps.
  let stepLabels: [Character]
  /// The selected unit and step.
  let unit: Int, step: Int
  /// Shades instead of colour.
  let monochrome: Bool

  /// The view of the character model's probe at the app's cursor.
  init(state: AppState, snapshot: TrainingSnapshot) {
    self.init(
      directions: ReadingDirection.of(layer: state.cursor.layer, in: snapshot).map(\.states),
      cell: snapshot.model.cell, title: "Gates, layer \(state.cursor.layer + 1)",
      stepLabels: TraceMatrices.stepLabels(snapshot), unit: state.cursor.unit, step: state.cursor.step,
      monochrome: state.monochrome)
  }

  /// A view of one direction's gates and c.
  init(
    gates: [Trace.GateTrace], c: StepValues, cell: CellType, title: String, stepLabels: [Character], unit: Int,
    step: Int, monochrome: Bool
  ) {
    self.init(
      directions: [DirectionStates(h: [], c: c, gates: gates, isReverse: false)], cell: cell, title: title,
      stepLabels: stepLabels, unit: unit, step: step, monochrome: monochrome)
  }

  /// A view of these directions.
  init(
    directions: [DirectionStates], cell: CellType, title: String, stepLabels: [Character], unit: Int, step: Int,
    monochrome: Bool
  ) {
    (self.directions, self.cell, self.title, self.stepLabels) = (directions, cell, title, stepLabels)
    (self.unit, self.step, self.monochrome) = (unit, step, monochrome)
  }

  /// Units per gate.
  private var hidden: Int { directions[0].gates.first?.values.width ?? directions[0].c.width }
  /// Steps.
  private var length: Int { directions[0].gates.first?.values.count ?? directions[0].c.count }

  /// A band of the view: a gate (or the cell state) as units × time.
  private struct Band {
    var name: String
    var title: String
    var values: StepValues
    var colorMap: ColorMap
  }

  func render(in rect: Rect, on grid: inout Grid) {
    let bandsOfDirections = directions.map { bands(of: $0) }
    let columns = Layout.columns([.remainder, .fixed(min(40, rect.width * 2 / 5))], in: rect)
    let left = Layout.rows([.remainder, .fixed(min(12, rect.height / 4))], in: columns[0])
    let heatmaps = Panel(title: title).keyHint("↑↓ unit ←→ step")
      .render(in: left[0], on: &grid)
    renderBands(bandsOfDirections, of: directions, in: heatmaps, on: &grid)
    let unitTitle = "unit \(unit): gates over time" + (directions.count > 1 ? " (← dashed)" : "")
    renderUnitGates(directions, in: Panel(title: unitTitle).render(in: left[1], on: &grid), on: &grid)
    let gateRows = directions.count * directions[0].gates.count
    let side = Layout.rows([.fixed(gateRows + 5), .remainder], in: columns[1])
    renderSaturation(
      directions, in: Panel(title: "Saturation over the probe").render(in: side[0], on: &grid), on: &grid)
    let cursorTitle = "unit \(unit) at step \(step)"
    renderCursorGates(bandsOfDirections, in: Panel(title: cursorTitle).render(in: side[1], on: &grid), on: &grid)
  }

  /// The selected unit's value in every band at the cursor step, as bars: one per direction side
  /// by side (→ left, ← right) when there are two.
  private func renderCursorGates(_ bandsOfDirections: [[Band]], in rect: Rect, on grid: inout Grid) {
    let named = bandsOfDirections.count > 1
    let gaugeWidth = named ? (rect.width - 1) / 2 : rect.width
    for (index, band) in bandsOfDirections[0].enumerated() where index * 2 + 1 < rect.height {
      let y = rect.y + index * 2
      let values = bandsOfDirections.map { $0[index].values[step][unit] }
      let label =
        named
        ? "\(band.name) → \(Format.fixed(values[0], decimals: 3))  ← \(Format.fixed(values[1], decimals: 3))"
        : "\(band.name) \(Format.fixed(values[0], decimals: 3))"
      grid.put(
        label, truncatingIn: Rect(x: rect.x, y: y, width: rect.width, height: 1),
        style: Style(fg: Theme.color(ofGate: band.name), attributes: .bold))
      for (direction, value) in values.enumerated() {
        Gauge(fraction: band.colorMap.position(of: value) ?? 0).color(band.colorMap.color(for: value))
          .render(
            in: Rect(x: rect.x + direction * (gaugeWidth + 1), y: y + 1, width: gaugeWidth, height: 1), on: &grid)
      }
    }
  }

  private func bands(of layer: DirectionStates) -> [Band] {
    var bands = layer.gates.map { gate in
      Band(
        name: gate.name, title: Self.title(ofGate: gate.name), values: gate.values,
        colorMap: Theme.colorMap(ofGate: gate.name))
    }
    if !layer.c.isEmpty {
      bands.append(
        Band(
          name: "c", title: "c  cell state (the conveyor belt), colour clipped to ±2", values: layer.c,
          colorMap: ColorMap.diverging.withDomain(-2...2)))
    }
    return bands
  }

  /// Every direction's bands, stacked under its title when there are two, and the colour legends.
  private func renderBands(
    _ bandsOfDirections: [[Band]], of directions: [DirectionStates], in rect: Rect, on grid: inout Grid
  ) {
    let vanilla = cell.gateCount == 1
    if vanilla {
      grid.put(
        "A vanilla RNN has no gates: h_t = φ(W_ih x_t + W_hh h_{t−1} + b). Try --cell lstm or gru.",
        truncatingIn: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: Theme.dim)
    }
    // The bottom two rows hold the colour legends.
    let legends = Rect(x: rect.x, y: rect.maxY - 2, width: rect.width, height: 2)
    let bandsArea = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - legends.height)
    if directions.count == 1 {
      renderBandStack(bandsOfDirections[0], in: bandsArea, below: vanilla ? 1 : 0, on: &grid)
    } else {
      let stacksArea = Rect(
        x: bandsArea.x, y: bandsArea.y + (vanilla ? 1 : 0), width: bandsArea.width,
        height: bandsArea.height - (vanilla ? 1 : 0))
      let halves = Layout.rows([.fraction(0.5), .remainder], in: stacksArea)
      for (index, half) in halves.enumerated() where half.height >= 3 {
        let titleRow = Rect(x: half.x, y: half.y, width: half.width, height: 1)
        let stack = Rect(x: half.x, y: half.y + 1, width: half.width, height: half.height - 1)
        let hidden = renderBandStack(bandsOfDirections[index], in: stack, below: 0, on: &grid)
        let note = hidden.isEmpty ? "" : "  hides \(hidden.joined(separator: " "))"
        grid.put(directions[index].title, truncatingIn: titleRow, style: Theme.directionTitle)
        let titleWidth = directions[index].title.count
        grid.put(
          note, truncatingIn: Rect(x: half.x + titleWidth, y: half.y, width: half.width - titleWidth, height: 1),
          style: Theme.dim)
      }
    }
    renderLegends(bandsOfDirections[0], in: legends, on: &grid)
  }

  /// Bands one under another in `bandsArea`, starting `below` rows down; the last band also holds
  /// the step labels. Returns the names of the bands there was no room for.
  @discardableResult
  private func renderBandStack(_ bands: [Band], in bandsArea: Rect, below: Int, on grid: inout Grid) -> [String] {
    let rect = bandsArea
    // Rows left over after an equal share go one each to the first bands, so none stay empty.
    let share = (bandsArea.height - 1) / max(bands.count, 1)
    let rowsOfBand = bands.indices.map { max(2, share + ($0 < (bandsArea.height - 1) % max(bands.count, 1) ? 1 : 0)) }
    let labels = stepLabels
    for (index, band) in bands.enumerated() {
      let rowsPerBand = rowsOfBand[index]
      let y = bandsArea.y + rowsOfBand[..<index].reduce(0, +) + below
      guard y + 1 < bandsArea.maxY else { return bands[index...].map(\.name) }
      let isLast = index == bands.count - 1
      let area = Rect(
        x: rect.x, y: y + 1, width: rect.width, height: min(rowsPerBand - 1 + (isLast ? 1 : 0), bandsArea.maxY - y - 1))
      let heatmap = Heatmap(matrix: TraceMatrices.unitsByTime(band.values))
        .colorMap(band.colorMap)
        .columnLabels(index == bands.count - 1 ? labels : nil)
        .rowLabels((0..<hidden).map(String.init))
        .cursor(MatrixIndex(row: unit, column: step))
        .cellWidth(TraceMatrices.stepColumns(steps: length, width: area.width))
        .monochrome(monochrome)
        .scrolledToCursor(in: area)
      let shown = heatmap.visibleDataSize(in: area).row
      let range =
        shown < hidden
        ? "units \(heatmap.offset.row)–\(heatmap.offset.row + shown - 1) of \(hidden)" : ""
      let titleArea = Rect(x: rect.x, y: y, width: rect.width, height: 1)
      grid.put(range, truncatingIn: titleArea, style: Theme.dim, alignment: .right)
      grid.put(
        band.title, truncatingIn: Rect(x: rect.x, y: y, width: rect.width - range.count - 1, height: 1),
        style: Theme.title)
      heatmap
        .render(in: area, on: &grid)
    }
    return []
  }

  /// One colour scale per kind of band shown: sigmoid gates 0–1, tanh rows ±1, the cell state ±2.
  private func renderLegends(_ bands: [Band], in rect: Rect, on grid: inout Grid) {
    var legends: [Legend] = []
    if bands.contains(where: { Theme.colorMap(ofGate: $0.name) == .viridis && $0.name != "c" }) {
      legends.append(Legend(colorMap: .viridis).labels(min: "0", mid: "σ gates", max: "1"))
    }
    if bands.contains(where: { Theme.colorMap(ofGate: $0.name) == .diverging && $0.name != "c" }) {
      legends.append(Legend(colorMap: .diverging).labels(min: "−1", mid: "tanh", max: "+1"))
    }
    if bands.contains(where: { $0.name == "c" }) {
      legends.append(Legend(colorMap: .diverging).labels(min: "−2", mid: "c", max: "+2"))
    }
    let width = min(30, (rect.width - 2 * (legends.count - 1)) / max(legends.count, 1))
    for (index, legend) in legends.enumerated() {
      legend.render(in: Rect(x: rect.x + index * (width + 2), y: rect.y, width: width, height: rect.height), on: &grid)
    }
  }

  /// Each gate's saturation, a row per gate and direction (`→ i`, `← i`) when there are two.
  private func renderSaturation(_ directions: [DirectionStates], in rect: Rect, on grid: inout Grid) {
    let rows = directions.flatMap { direction in
      direction.gates.map { gate -> [String] in
        let stats = GateSaturation(values: gate.values, tanhValued: isTanhValued(gate.name))
        return [
          (directions.count > 1 ? direction.arrow + " " : "") + gate.name, Format.percent(stats.left),
          Format.percent(stats.right), Format.fixed(stats.mean, decimals: 2),
        ]
      }
    }
    Table(header: ["gate", "low", "high", "mean"], rows: rows)
      .alignments([.left, .right, .right, .right])
      .render(in: rect, on: &grid)
    let notes = ["σ gates: low < 0.1, high > 0.9", "tanh: |x| > 0.9, low < −0.9"]
    for (index, note) in notes.enumerated() where rect.height >= rows.count + 1 + notes.count - index {
      grid.put(
        note, truncatingIn: Rect(x: rect.x, y: rect.maxY - notes.count + index, width: rect.width, height: 1),
        style: Theme.dim)
    }
  }

  /// Whether gate `name` is squashed by tanh into [−1, 1] (LSTM g, GRU n, a tanh RNN's h).
  private func isTanhValued(_ name: String) -> Bool {
    name == "g" || name == "n" || (name == "h" && cell == .rnnTanh)
  }

  /// The selected unit's gates over time; a backward direction's dashed, labelled `i←`.
  private func renderUnitGates(_ directions: [DirectionStates], in rect: Rect, on grid: inout Grid) {
    let series = directions.flatMap { direction in
      direction.gates.map { gate in
        LineChart.Series(
          label: gate.name + (directions.count > 1 ? direction.arrow : ""), values: gate.values.map { $0[unit] },
          color: Theme.color(ofGate: gate.name), dashed: direction.isReverse)
      }
    }
    LineChart(series: series)
      .yRange(-1...1)
      .markers([.init(x: Float(step), color: Theme.warning)])
      .xRange(0...Float(max(length - 1, 1)))
      .render(in: rect, on: &grid)
  }

  /// What each gate does, in a few words.
  static func title(ofGate name: String) -> String {
    switch name {
    case "i": "i  input gate: how much new content is written"
    case "f": "f  forget gate: how much of c_{t−1} is kept"
    case "g": "g  candidate content (tanh)"
    case "o": "o  output gate: how much of tanh(c_t) reaches h_t"
    case "r": "r  reset gate: how much of h_{t−1} feeds the candidate"
    case "z": "z  update gate: how much of h_{t−1} is kept"
    case "n": "n  candidate state (tanh)"
    default: "h  hidden state"
    }
  }
}

/// How often a gate sits in its flat tails over units and steps: a sigmoid gate shut (< 0.1) or
/// open (> 0.9), a tanh row below −0.9 or above 0.9.
struct GateSaturation: Equatable {
  /// Share of activations in the low tail (< 0.1, or < −0.9 for tanh rows).
  var left: Float
  /// Share of activations above 0.9.
  var right: Float
  /// Mean activation.
  var mean: Float

  /// Saturation of `values`; `tanhValued` rows range over [−1, 1], sigmoid gates over [0, 1].
  init(values: StepValues, tanhValued: Bool = false) {
    let lowTail: Float = tanhValued ? -0.9 : 0.1
    var below = 0
    var above = 0
    var count = 0
    var sum: Float = 0
    for row in values {
      for value in row {
        if value < lowTail { below += 1 }
        if value > 0.9 { above += 1 }
        sum += value
        count += 1
      }
    }
    let total = Float(max(count, 1))
    left = Float(below) / total
    right = Float(above) / total
    mean = sum / total
  }
}
