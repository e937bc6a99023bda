import RNNEngine
import TermCanvas

/// LSTM gates i, f, g, o and the cell c (GRU r, z, n) as heatmaps on one time axis, with saturation.
///
/// Saturation follows Karpathy et al. 2015: the share of (unit, step) activations below 0.1
/// (left-saturated, the gate shut) and above 0.9 (right-saturated, the gate open).
struct GatesView {
  let state: AppState
  let snapshot: TrainingSnapshot

  /// A band of the view: a gate (or the cell state) as units × time.
  private struct Band {
    var name: String
    var title: String
    var values: StepValues
    var colorMap: ColorMap
  }

  func render(in rect: Rect, on grid: inout Grid) {
    let layer = snapshot.trace.layers[state.cursor.layer]
    let bands = self.bands(of: layer)
    let columns = Layout.columns([.remainder, .fixed(min(40, rect.width * 2 / 5))], in: rect)
    let left = Layout.rows([.remainder, .fixed(min(12, rect.height / 4))], in: columns[0])
    let heatmaps = Panel(title: "Gates, layer \(state.cursor.layer + 1)").keyHint("↑↓ unit ←→ step")
      .render(in: left[0], on: &grid)
    renderBands(bands, in: heatmaps, on: &grid)
    let unitTitle = "unit \(state.cursor.unit): gates over time"
    renderUnitGates(layer, in: Panel(title: unitTitle).render(in: left[1], on: &grid), on: &grid)
    let side = Layout.rows([.fixed(layer.gates.count + 4), .remainder], in: columns[1])
    renderSaturation(layer, in: Panel(title: "Saturation over the probe").render(in: side[0], on: &grid), on: &grid)
    let cursorTitle = "unit \(state.cursor.unit) at step \(state.cursor.step)"
    renderCursorGates(bands, in: Panel(title: cursorTitle).render(in: side[1], on: &grid), on: &grid)
  }

  /// The selected unit's value in every band at the cursor step, as bars.
  private func renderCursorGates(_ bands: [Band], in rect: Rect, on grid: inout Grid) {
    let unit = state.cursor.unit
    let step = state.cursor.step
    for (index, band) in bands.enumerated() where index * 2 + 1 < rect.height {
      let value = band.values[step][unit]
      let y = rect.y + index * 2
      let label = "\(band.name) \(Format.fixed(value, decimals: 3))"
      grid.put(
        label, truncatingIn: Rect(x: rect.x, y: y, width: rect.width, height: 1),
        style: Style(fg: Theme.color(ofGate: band.name), attributes: .bold))
      Gauge(fraction: band.colorMap.position(of: value) ?? 0).color(band.colorMap.color(for: value))
        .render(in: Rect(x: rect.x, y: y + 1, width: rect.width, height: 1), on: &grid)
    }
  }

  private func bands(of layer: Trace.LayerTrace) -> [Band] {
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

  private func renderBands(_ bands: [Band], in rect: Rect, on grid: inout Grid) {
    if snapshot.model.cell.gateCount == 1 {
      grid.put(
        "A vanilla RNN has no gates: h_t = φ(W_ih x_t + W_hh h_{t−1} + b). Try --cell lstm or gru.",
        truncatingIn: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: Theme.dim)
    }
    let rowsPerBand = max(2, rect.height / max(bands.count, 1))
    let labels = TraceMatrices.stepLabels(snapshot)
    for (index, band) in bands.enumerated() {
      let y = rect.y + index * rowsPerBand + (snapshot.model.cell.gateCount == 1 ? 1 : 0)
      guard y + 1 < rect.maxY else { break }
      let area = Rect(x: rect.x, y: y + 1, width: rect.width, height: min(rowsPerBand - 1, rect.maxY - y - 1))
      let heatmap = Heatmap(matrix: TraceMatrices.unitsByTime(band.values))
        .colorMap(band.colorMap)
        .columnLabels(index == bands.count - 1 ? labels : nil)
        .rowLabels((0..<snapshot.model.hidden).map(String.init))
        .cursor(MatrixIndex(row: state.cursor.unit, column: state.cursor.step))
        .cellWidth(TraceMatrices.stepColumns(steps: snapshot.trace.length, width: area.width))
        .monochrome(state.monochrome)
        .scrolledToCursor(in: area)
      let shown = heatmap.visibleDataSize(in: area).row
      let range =
        shown < snapshot.model.hidden
        ? "units \(heatmap.offset.row)–\(heatmap.offset.row + shown - 1) of \(snapshot.model.hidden)" : ""
      let titleArea = Rect(x: rect.x, y: y, width: rect.width, height: 1)
      grid.put(range, truncatingIn: titleArea, style: Theme.dim, alignment: .right)
      grid.put(
        band.title, truncatingIn: Rect(x: rect.x, y: y, width: rect.width - range.count - 1, height: 1),
        style: Theme.title)
      heatmap
        .render(in: area, on: &grid)
    }
  }

  private func renderSaturation(_ layer: Trace.LayerTrace, in rect: Rect, on grid: inout Grid) {
    let rows = layer.gates.map { gate -> [String] in
      let stats = GateSaturation(values: gate.values)
      return [
        gate.name, Format.percent(stats.left), Format.percent(stats.right), Format.fixed(stats.mean, decimals: 2),
      ]
    }
    Table(header: ["gate", "< 0.1", "> 0.9", "mean"], rows: rows)
      .alignments([.left, .right, .right, .right])
      .render(in: rect, on: &grid)
    if rect.height > rows.count + 2 {
      grid.put(
        "shut ← share of activations → open",
        truncatingIn: Rect(x: rect.x, y: rect.maxY - 1, width: rect.width, height: 1), style: Theme.dim)
    }
  }

  private func renderUnitGates(_ layer: Trace.LayerTrace, in rect: Rect, on grid: inout Grid) {
    let unit = state.cursor.unit
    let series = layer.gates.map { gate in
      LineChart.Series(label: gate.name, values: gate.values.map { $0[unit] }, color: Theme.color(ofGate: gate.name))
    }
    LineChart(series: series)
      .yRange(-1...1)
      .markers([.init(x: Float(state.cursor.step), color: Theme.warning)])
      .xRange(0...Float(max(snapshot.trace.length - 1, 1)))
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

/// How often a gate sits shut (< 0.1) or open (> 0.9) over units and steps.
struct GateSaturation: Equatable {
  /// Share of activations below 0.1.
  var left: Float
  /// Share of activations above 0.9.
  var right: Float
  /// Mean activation.
  var mean: Float

  init(values: StepValues) {
    var below = 0
    var above = 0
    var count = 0
    var sum: Float = 0
    for row in values {
      for value in row {
        if value < 0.1 { below += 1 }
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
