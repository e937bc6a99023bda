import Foundation
import RNNEngine
import TermCanvas

/// Inside one step of the unrolled network: every quantity of the cell, unit by unit, and the
/// selected unit's update worked out with its numbers (e.g. c_t = f·c_{t−1} + i·g). A backward
/// direction's previous state is the one at t+1, which it read just before.
struct StepInterior {
  let state: AppState
  let snapshot: TrainingSnapshot
  /// The direction worked out.
  let direction: ReadingDirection

  /// One row of the picture: a named vector over the units, and the colour map it is drawn with.
  private struct Quantity {
    var name: String
    var values: [Float]
    var colorMap: ColorMap
  }

  private var layer: Trace.LayerTrace { direction.trace }
  private var step: Int { state.cursor.step }
  /// The step this direction read just before the cursor's, nil at its start.
  private var previousStep: Int? { direction.previousStep(before: step, length: snapshot.trace.length) }
  /// `t−1`, or `t+1` for a backward direction.
  private var previous: String { direction.isReverse ? "t+1" : "t−1" }

  func render(in rect: Rect, on grid: inout Grid) {
    let quantities = self.quantities()
    let columns = Layout.columns([.remainder, .fixed(min(56, rect.width / 2))], in: rect)
    renderRows(quantities, in: columns[0], on: &grid)
    renderArithmetic(in: columns[1], on: &grid)
  }

  private func quantities() -> [Quantity] {
    let zeros = [Float](repeating: 0, count: snapshot.model.hidden)
    let hPrevious = previousStep.map { Array(layer.h[$0]) } ?? zeros
    var rows = [Quantity(name: "h_{\(previous)}", values: hPrevious, colorMap: .diverging)]
    for gate in layer.gates where snapshot.model.cell.gateCount > 1 {
      rows.append(
        Quantity(name: gate.name, values: Array(gate.values[step]), colorMap: Theme.colorMap(ofGate: gate.name)))
    }
    if !layer.c.isEmpty {
      let previousCell = previousStep.map { Array(layer.c[$0]) } ?? zeros
      let cellMap = ColorMap.diverging.withDomain(-2...2)
      rows.append(Quantity(name: "c_{\(previous)}", values: previousCell, colorMap: cellMap))
      rows.append(Quantity(name: "c_t", values: Array(layer.c[step]), colorMap: cellMap))
    }
    rows.append(Quantity(name: "h_t", values: Array(layer.h[step]), colorMap: .diverging))
    rows.append(Quantity(name: "∂L/∂h_t", values: Self.scaledToUnit(layer.dh[step]), colorMap: .diverging))
    if !layer.dc.isEmpty {
      rows.append(Quantity(name: "∂L/∂c_t", values: Self.scaledToUnit(layer.dc[step]), colorMap: .diverging))
    }
    return rows
  }

  /// One text row per quantity, one 2-column block per unit, the selected unit marked.
  private func renderRows(_ quantities: [Quantity], in rect: Rect, on grid: inout Grid) {
    let labelWidth = 9
    let hidden = snapshot.model.hidden
    let visibleUnits = max(1, min(hidden, (rect.width - labelWidth) / 2))
    let firstUnit = min(max(0, state.cursor.unit - visibleUnits / 2), hidden - visibleUnits)
    grid.put(
      "units \(firstUnit)–\(firstUnit + visibleUnits - 1) of \(hidden); gradients scaled to their largest unit",
      truncatingIn: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: Theme.dim)
    for (row, quantity) in quantities.enumerated() where row + 1 < rect.height {
      let y = rect.y + 1 + row
      grid.put(
        quantity.name, truncatingIn: Rect(x: rect.x, y: y, width: labelWidth, height: 1),
        style: Style(fg: Theme.color(ofGate: quantity.name), attributes: .bold))
      for column in 0..<visibleUnits {
        let unit = firstUnit + column
        let value = quantity.values[unit]
        let x = rect.x + labelWidth + column * 2
        let selected = unit == state.cursor.unit
        if state.monochrome {
          let shade = Shade.character(forIntensity: quantity.colorMap.intensity(for: value))
          grid.put(selected ? "[" + shade : shade + shade, at: (x, y))
        } else {
          let glyph = selected ? "▐▌" : "  "
          grid.put(glyph, at: (x, y), style: Style(fg: Theme.warning, bg: quantity.colorMap.color(for: value)))
        }
      }
    }
  }

  /// The selected unit's update rule with its numbers filled in.
  private func renderArithmetic(in rect: Rect, on grid: inout Grid) {
    let unit = state.cursor.unit
    let h = layer.h[step][unit]
    let hPrevious = previousStep.map { layer.h[$0][unit] } ?? 0
    func v(_ value: Float) -> String { Format.fixed(value, decimals: 3) }
    func gate(_ name: String) -> Float { layer.gates.first { $0.name == name }?.values[step][unit] ?? .nan }
    var lines: [[Span]] = [[Span("unit \(unit) at step \(step)", style: Theme.title)]]
    switch snapshot.model.cell {
    case .lstm:
      let c = layer.c[step][unit]
      let cPrevious = previousStep.map { layer.c[$0][unit] } ?? 0
      lines += [
        [Span("i \(v(gate("i")))  f \(v(gate("f")))  g \(v(gate("g")))  o \(v(gate("o")))")],
        [Span("c_t = f·c_{\(previous)} + i·g", style: Theme.label)],
        [
          Span("    = \(v(gate("f")))×\(v(cPrevious)) + \(v(gate("i")))×\(v(gate("g"))) = "),
          Span(v(c), style: Theme.value),
        ],
        [Span("h_t = o·tanh(c_t)", style: Theme.label)],
        [Span("    = \(v(gate("o")))×tanh(\(v(c))) = "), Span(v(h), style: Theme.value)],
      ]
    case .gru:
      lines += [
        [Span("r \(v(gate("r")))  z \(v(gate("z")))  n \(v(gate("n")))")],
        [Span("h_t = (1−z)·n + z·h_{\(previous)}", style: Theme.label)],
        [
          Span("    = \(v(1 - gate("z")))×\(v(gate("n"))) + \(v(gate("z")))×\(v(hPrevious)) = "),
          Span(v(h), style: Theme.value),
        ],
      ]
    case .rnnTanh, .rnnRelu, .rnnLinear:
      lines += [
        [Span("h_{\(previous)} = \(v(hPrevious))")],
        [Span("h_t = φ(W_ih x_t + W_hh h_{\(previous)} + b) = "), Span(v(h), style: Theme.value)],
      ]
    }
    lines.append([])
    lines.append([Span("∂L/∂h_t = ", style: Theme.label), Span(Format.compact(layer.dh[step][unit]))])
    if !layer.dc.isEmpty {
      lines.append([Span("∂L/∂c_t = ", style: Theme.label), Span(Format.compact(layer.dc[step][unit]))])
    }
    Text(lines: lines).render(in: rect, on: &grid)
  }

  /// Values divided by their largest magnitude, so the pattern shows whatever the gradient's scale.
  static func scaledToUnit(_ values: some Collection<Float>) -> [Float] {
    let largest = values.map(abs).max() ?? 0
    return largest > 0 ? values.map { $0 / largest } : Array(values)
  }
}
