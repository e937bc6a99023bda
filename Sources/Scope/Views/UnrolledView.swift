import Foundation
import RNNEngine
import TermCanvas

/// The network unrolled over time: one cell per step around the cursor, x_t below, y_t above,
/// h_t inside (and the LSTM's c_t as a belt over the cells), arrows carrying h_{t−1} → h_t.
///
/// `a` animates the forward pass left to right, then the backward pass right to left with each
/// cell's border shaded by ‖∂L/∂h_t‖.
///
/// A bidirectional layer draws two rows of cells: the forward direction's above, its arrows left
/// to right, the backward direction's below, its arrows right to left; the head over them reads
/// both states at each step.
struct UnrolledView {
  let state: AppState
  let snapshot: TrainingSnapshot

  /// Units drawn per row inside a box.
  static let boxInnerWidth = 12
  /// Columns from a box's left border to its right one: text inside stops there, and the arrow
  /// and the belt to the next step start there.
  static let boxRightBorder = boxInnerWidth + 1
  /// Columns each step takes: the box with its two borders plus the arrow between boxes.
  static let stepWidth = boxRightBorder + 2
  /// Columns from a box's left border to the step's input, target and index below it.
  static let inputOffset = 4
  /// Columns left of the first step for the row labels (y_t, c_t, h_t, x_t, tgt).
  static let rowLabelWidth = 4
  /// Rows the "Inside step" panel needs to be shown at all.
  static let interiorMinimumRows = 12
  /// Rows left below the "Inside step" panel for the step's details.
  static let detailsRows = 6
  /// Text rows at most for the h_t mini heatmap (two units per row with half blocks).
  static let maxStateRows = 8

  private var directions: [ReadingDirection] { ReadingDirection.of(layer: state.cursor.layer, in: snapshot) }
  /// The direction worked out inside the step and in the step's numbers: the one `d` picked.
  private var direction: ReadingDirection {
    let directions = self.directions
    return directions[state.cursor.isReverse ? directions.count - 1 : 0]
  }
  private var layer: Trace.LayerTrace { direction.trace }
  private var isBidirectional: Bool { snapshot.model.bidirectional }

  func render(in rect: Rect, on grid: inout Grid) {
    // Drop the arrows and the belt's formula before dropping the panels below the cells.
    // The cells' panel is their rows and its two borders.
    let compact = rect.height < cellRows(compact: false) + 2 + Self.interiorMinimumRows
    let cellsHeight = min(rect.height, cellRows(compact: compact) + 2)
    let rest = rect.height - cellsHeight
    let interiorRows = rest >= Self.interiorMinimumRows ? rest - Self.detailsRows : 0
    let rows = Layout.rows([.fixed(cellsHeight), .fixed(interiorRows), .remainder], in: rect)
    let area = Panel(title: "Unrolled over time, layer \(state.cursor.layer + 1)")
      .keyHint(state.animation.map { $0.phase == .forward ? "forward pass →" : "← backward pass" } ?? "a animate")
      .render(in: rows[0], on: &grid)
    renderCells(in: area, compact: compact, on: &grid)
    var interior: Rect?
    if rows[1].height > 0 {
      let named = isBidirectional ? ", \(direction.arrow) \(direction.name)" : ""
      let area = Panel(title: "Inside step \(state.cursor.step)\(named): every unit, the cursor's unit worked out")
        .keyHint(isBidirectional ? "↑↓ unit · d direction" : "↑↓ unit")
        .render(in: rows[1], on: &grid)
      StepInterior(state: state, snapshot: snapshot, direction: direction).render(in: area, on: &grid)
      interior = area
    }
    var legendDrawn = false
    if rows[2].height >= 3 {
      // A bidirectional layer says what has no room at this size.
      let hidden = isBidirectional && rows[1].height == 0 ? " · no room for the inside of the step: enlarge" : ""
      legendDrawn = renderDetails(
        in: Panel(title: "Step \(state.cursor.step)\(hidden)").render(in: rows[2], on: &grid), on: &grid)
    } else if isBidirectional, rows[2].height > 0 {
      grid.put(
        "No room for the step's numbers and its inside (d picks the direction there): enlarge the terminal.",
        truncatingIn: Rect(x: rows[2].x + 1, y: rows[2].y, width: rows[2].width - 2, height: 1), style: Theme.dim)
    }
    // Otherwise the step's interior has rows to spare under its units.
    if !legendDrawn, let interior, interior.height >= 16 { renderLegend(atBottomOf: interior, on: &grid) }
  }

  /// The colours of h_t in the boxes and of the c_t belt, on the bottom two rows of `rect`.
  private func renderLegend(atBottomOf rect: Rect, on grid: inout Grid) {
    let middle = layer.c.isEmpty ? "h_t" : "h_t ±1, c_t ±2"
    Legend(colorMap: .diverging).labels(min: "−", mid: middle, max: "+")
      .render(in: Rect(x: rect.x, y: rect.maxY - 2, width: min(40, rect.width), height: 2), on: &grid)
  }

  /// Rows of h_t inside a box.
  private var stateRows: Int {
    let hidden = snapshot.model.hidden
    let unitsPerRow = Self.unitsPerRow(hidden: hidden)
    return min(Self.maxStateRows, (hidden + unitsPerRow * 2 - 1) / (unitsPerRow * 2))
  }

  /// Text rows the row of cells needs: predictions, [arrow], belt, box, [arrow], input, target,
  /// index; a bidirectional layer's two rows of cells (one-row belts) always have the arrow into the head.
  private func cellRows(compact: Bool) -> Int {
    if isBidirectional {
      let belt = layer.c.isEmpty ? 0 : 1
      return 3 + (compact ? 1 : 2) + 2 * (belt + stateRows + 2) + 3
    }
    let arrows = compact ? 0 : 2
    let belt = layer.c.isEmpty ? 0 : (compact ? 1 : 2)
    return 3 + arrows + belt + stateRows + 2 + 3
  }

  /// The steps shown: a window around the cursor that fits the width.
  private func visibleSteps(width: Int) -> Range<Int> {
    let length = snapshot.trace.length
    let count = max(1, min(length, (width - Self.rowLabelWidth) / Self.stepWidth))
    let first = min(max(0, state.cursor.step - count / 2), max(0, length - count))
    return first..<(first + count)
  }

  private func renderCells(in rect: Rect, compact: Bool, on grid: inout Grid) {
    let steps = visibleSteps(width: rect.width)
    let hasBelt = !layer.c.isEmpty
    let predictionsY = rect.y
    // One row of cells per direction, each its belt above its box.
    let beltRows = hasBelt ? (compact || isBidirectional ? 1 : 2) : 0
    let rowHeight = beltRows + stateRows + 2
    let firstBeltY = predictionsY + (compact && !isBidirectional ? 3 : 4)
    let directions = self.directions
    let inputY = firstBeltY + directions.count * rowHeight + (compact ? 0 : 1)
    guard inputY + 2 < rect.maxY else {
      grid.put("Too little room to unroll: enlarge the terminal.", truncatingIn: rect, style: Theme.dim)
      return
    }
    let labelX = rect.x
    grid.put("y_t", at: (labelX, predictionsY), style: Theme.label)
    grid.put("x_t", at: (labelX, inputY), style: Theme.label)
    grid.put("tgt", at: (labelX, inputY + 1), style: Theme.label)
    for (index, direction) in directions.enumerated() {
      let beltY = firstBeltY + index * rowHeight
      let arrow = isBidirectional ? direction.arrow : "_t"
      if hasBelt { grid.put("c" + arrow, at: (labelX, beltY), style: Theme.label) }
      grid.put("h" + arrow, at: (labelX, beltY + beltRows + 1), style: Theme.label)
      renderRow(
        of: direction, steps: steps, x: rect.x + Self.rowLabelWidth, beltY: beltY, beltRows: beltRows, on: &grid)
    }
    for (column, step) in steps.enumerated() {
      let x = rect.x + Self.rowLabelWidth + column * Self.stepWidth
      let headComputed = directions.allSatisfy { phase(of: step, in: $0) != .notComputed }
      if headComputed {
        renderPredictions(step: step, x: x, y: predictionsY, on: &grid)
        if isBidirectional {
          grid.put("  ▲ [h→;h←]", at: (x, predictionsY + 3), style: Theme.dim, maxX: x + Self.stepWidth)
        } else if !compact {
          grid.put("     ▲", at: (x, predictionsY + 3), style: Theme.dim)
        }
      }
      if !compact { grid.put("     ▲", at: (x, inputY - 1), style: Theme.dim) }
      renderInput(step: step, x: x, y: inputY, selected: step == state.cursor.step, on: &grid)
    }
  }

  /// One direction's row of cells: its belt (LSTM) over its boxes, arrows in its reading direction.
  private func renderRow(
    of direction: ReadingDirection, steps: Range<Int>, x left: Int, beltY: Int, beltRows: Int, on grid: inout Grid
  ) {
    let layer = direction.trace
    let unitsPerRow = Self.unitsPerRow(hidden: snapshot.model.hidden)
    let stateRows = self.stateRows
    let boxTop = beltY + beltRows
    let boxBottom = boxTop + stateRows + 1
    let gradientShade = GradientShade(norms: TraceMatrices.norms(layer.dh))
    for (column, step) in steps.enumerated() {
      let x = left + column * Self.stepWidth
      let phase = self.phase(of: step, in: direction)
      let selected = step == state.cursor.step
      if phase != .notComputed && beltRows > 0 {
        renderBelt(
          layer.c[step], x: x, y: beltY, last: column == steps.count - 1, showsFormula: beltRows > 1, on: &grid)
      }
      var border = selected ? Style(fg: Theme.warning, attributes: .bold) : Theme.label
      if phase == .backwardReached {
        border = Style(fg: gradientShade.color(step: step), attributes: selected ? .bold : [])
      }
      if phase == .notComputed { border = Theme.dim }
      drawBox(x: x, top: boxTop, bottom: boxBottom, style: border, on: &grid)
      if phase != .notComputed {
        renderState(Array(layer.h[step]), x: x + 1, y: boxTop + 1, rows: stateRows, unitsPerRow: unitsPerRow, on: &grid)
        grid.put(
          "‖∂h‖" + Format.compact(TraceMatrices.norm(layer.dh[step])), at: (x + 1, boxBottom), style: border,
          maxX: x + Self.boxRightBorder)
      }
      if column < steps.count - 1 {
        // The arrow carries the state the way it flows now: the reading direction, or back in the backward pass.
        let backward = state.animation?.phase == .backward
        let arrow = backward != direction.isReverse ? "◀" : "▶"
        // Between this box and the next, it belongs to whichever of the two the state leaves.
        let source = direction.isReverse ? steps[steps.startIndex + column + 1] : step
        grid.put(
          arrow, at: (x + Self.boxRightBorder, boxTop + 1 + stateRows / 2),
          style: self.phase(of: source, in: direction) == .notComputed ? Theme.dim : Theme.label)
      }
    }
  }

  /// Where a step stands in the animation.
  private enum Phase { case computed, notComputed, backwardReached }

  /// A backward direction runs the animation mirrored: it reads from the last step, and its
  /// gradient flows from the first.
  private func phase(of step: Int, in direction: ReadingDirection) -> Phase {
    guard let animation = state.animation else { return .computed }
    let position = direction.isReverse ? snapshot.trace.length - 1 - step : step
    switch animation.phase {
    case .forward: return position <= animation.step ? .computed : .notComputed
    case .backward: return position >= animation.step ? .backwardReached : .computed
    }
  }

  /// y_t where the loss is taken: the top 3 of a classifier, or a regression head's value.
  private func renderPredictions(step: Int, x: Int, y: Int, on grid: inout Grid) {
    let scored = ScoredSteps(snapshot: snapshot)
    if let value = scored.regressionOutput(atStep: step) {
      grid.put(value, at: (x + 1, y), style: Theme.value, maxX: x + Self.boxRightBorder)
      return
    }
    guard let predictions = scored.predictions(atStep: step) else { return }
    let target = scored.target(atStep: step)
    for (rank, candidate) in predictions.prefix(3).enumerated() {
      let name = snapshot.task.outputName(candidate.id)
      let right = name == target
      var style = Style(fg: right ? Theme.good : (rank == 0 ? Theme.bad : Theme.muted))
      if rank == 0 { style = style.adding(.bold) }
      let text = ProbeLines.quoted(name) + " " + Format.percent(candidate.probability)
      grid.put(text, at: (x + 1, y + rank), style: style, maxX: x + Self.boxRightBorder)
    }
  }

  private func renderBelt(_ cell: StepValues.Row, x: Int, y: Int, last: Bool, showsFormula: Bool, on grid: inout Grid) {
    let map = ColorMap.diverging.withDomain(-2...2)
    grid.put("═", at: (x, y), style: Theme.label)
    for slot in 0..<Self.boxInnerWidth {
      let unit = slot * cell.count / Self.boxInnerWidth
      guard unit < cell.count else { break }
      let value = cell[unit]
      let glyph = state.monochrome ? Shade.character(forIntensity: map.intensity(for: value)) : "█"
      grid.put(glyph, at: (x + 1 + slot, y), style: Style(fg: map.color(for: value)))
    }
    grid.put(last ? "═" : "═══", at: (x + Self.boxRightBorder, y), style: Theme.label)
    if showsFormula { grid.put("f⊙c+i⊙g", at: (x + 3, y + 1), style: Theme.dim) }
  }

  private func drawBox(x: Int, top: Int, bottom: Int, style: Style, on grid: inout Grid) {
    let horizontal = String(repeating: "─", count: Self.boxInnerWidth)
    grid.put("┌" + horizontal + "┐", at: (x, top), style: style)
    grid.put("└" + horizontal + "┘", at: (x, bottom), style: style)
    for y in (top + 1)..<bottom {
      grid.put("│", at: (x, y), style: style)
      grid.put("│", at: (x + Self.boxRightBorder, y), style: style)
    }
  }

  /// h_t as a small heatmap: `unitsPerRow` units across, two units per text row (half blocks).
  private func renderState(_ values: [Float], x: Int, y: Int, rows: Int, unitsPerRow: Int, on grid: inout Grid) {
    let map = ColorMap.diverging
    for row in 0..<rows {
      for column in 0..<unitsPerRow {
        let upper = (row * 2) * unitsPerRow + column
        let lower = upper + unitsPerRow
        guard upper < values.count else { continue }
        if state.monochrome {
          grid.put(Shade.character(forIntensity: map.intensity(for: values[upper])), at: (x + column, y + row))
        } else {
          let bottom = lower < values.count ? map.color(for: values[lower]) : nil
          grid[x + column, y + row] = Cell("▀", style: Style(fg: map.color(for: values[upper]), bg: bottom))
        }
      }
    }
  }

  private func renderInput(step: Int, x: Int, y: Int, selected: Bool, on grid: inout Grid) {
    let probe = snapshot.task.probe
    let style = selected ? Theme.cursor : Theme.value
    grid.put(
      ProbeLines.quoted(probe.inputLabels[step]), at: (x + Self.inputOffset, y), style: style,
      maxX: x + Self.boxRightBorder)
    if let target = ScoredSteps(snapshot: snapshot).target(atStep: step) {
      grid.put(
        ProbeLines.quoted(target), at: (x + Self.inputOffset, y + 1), style: Theme.label,
        maxX: x + Self.boxRightBorder)
    }
    grid.put("t=\(step)", at: (x + Self.inputOffset, y + 2), style: Theme.dim, maxX: x + Self.boxRightBorder)
  }

  /// The cursor step's numbers; returns whether there was room for the colour legend under them.
  private func renderDetails(in rect: Rect, on grid: inout Grid) -> Bool {
    let step = state.cursor.step
    let trace = snapshot.trace
    let probe = snapshot.task.probe
    var lines: [[Span]] = []
    var first: [Span] = [
      Span("x_t ", style: Theme.label), Span(ProbeLines.quoted(probe.inputLabels[step]), style: Theme.value),
    ]
    let scored = ScoredSteps(snapshot: snapshot)
    if let target = scored.target(atStep: step) {
      first += [Span("   target ", style: Theme.label), Span(ProbeLines.quoted(target), style: Theme.value)]
    } else {
      first.append(Span("   (no loss at this step: the answer is scored at the last step)", style: Theme.dim))
    }
    if let value = scored.regressionOutput(atStep: step) {
      first += [Span("   y_t ", style: Theme.label), Span(value, style: Theme.value)]
    }
    if let predictions = scored.predictions(atStep: step) {
      first.append(Span("   y_t ", style: Theme.label))
      for candidate in predictions {
        first.append(
          Span(
            ProbeLines.quoted(snapshot.task.outputName(candidate.id)) + " " + Format.percent(candidate.probability)
              + "  "))
      }
    }
    if step < trace.stepLoss.count, let loss = trace.stepLoss[step] {
      first += [Span("  loss ", style: Theme.label), Span(Format.compact(loss), style: Theme.value)]
    }
    lines.append(first)
    for direction in directions {
      let layer = direction.trace
      let previous = direction.isReverse ? "t+1" : "t−1"
      var norms: [Span] = [
        Span((isBidirectional ? direction.arrow + " " : "") + "‖h_t‖ ", style: Theme.label),
        Span(Format.compact(TraceMatrices.norm(layer.h[step]))),
        Span("   ‖∂L/∂h_t‖ ", style: Theme.label), Span(Format.compact(TraceMatrices.norm(layer.dh[step]))),
      ]
      if !layer.c.isEmpty {
        norms += [Span("   ‖c_t‖ ", style: Theme.label), Span(Format.compact(TraceMatrices.norm(layer.c[step])))]
        norms += [
          Span("   ‖∂L/∂c_t‖ ", style: Theme.label), Span(Format.compact(TraceMatrices.norm(layer.dc[step]))),
        ]
      }
      norms += [
        Span("   ‖∂h_t/∂h_{\(previous)}‖ ", style: Theme.label), Span(Format.compact(layer.jacobianNorm[step])),
      ]
      lines.append(norms)
    }
    if isBidirectional {
      let reader =
        state.cursor.layer == snapshot.model.layers - 1
        ? "y_t = softmax(W_out [h_t→ ; h_t←] + b_out): the head"
        : "layer \(state.cursor.layer + 2) takes [h_t→ ; h_t←]: it"
      lines.append([Span(reader + " reads both directions at step t", style: Theme.dim)])
    } else if snapshot.model.cell.gateCount > 1 {
      var gates: [Span] = [Span("gates, mean over units: ", style: Theme.label)]
      for gate in layer.gates {
        let values = gate.values[step]
        let mean = values.reduce(0, +) / Float(max(values.count, 1))
        gates += [
          Span(gate.name + " ", style: Style(fg: Theme.color(ofGate: gate.name), attributes: .bold)),
          Span(Format.fixed(mean, decimals: 2) + "   "),
        ]
      }
      lines.append(gates)
    }
    lines.append([Span(Self.equation(snapshot.model.cell), style: Theme.dim)])
    Text(lines: lines).render(in: rect, on: &grid)
    guard rect.height >= lines.count + 2 else { return false }
    renderLegend(atBottomOf: rect, on: &grid)
    return true
  }

  /// The cell's update rule in one line.
  static func equation(_ cell: CellType) -> String {
    switch cell {
    case .rnnTanh: "h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)    y_t = softmax(W_out h_t + b_out)"
    case .rnnRelu: "h_t = relu(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)    y_t = softmax(W_out h_t + b_out)"
    case .rnnLinear: "h_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh    y_t = softmax(W_out h_t + b_out)"
    case .lstm: "c_t = f⊙c_{t−1} + i⊙g    h_t = o⊙tanh(c_t)    i,f,o = σ(W x_t + U h_{t−1} + b), g = tanh(…)"
    case .gru: "h_t = (1−z)⊙n + z⊙h_{t−1}    n = tanh(W_in x_t + b_in + r⊙(W_hn h_{t−1} + b_hn))"
    }
  }

  /// Units per row inside a box: a divisor of H up to 12 when one is wide enough, else 12.
  static func unitsPerRow(hidden: Int) -> Int {
    let divisor = (6...boxInnerWidth).reversed().first { hidden % $0 == 0 }
    return min(hidden, divisor ?? boxInnerWidth)
  }

}

/// Colours a step by ‖∂L/∂h_t‖ on a log scale over the probe, for the backward animation.
private struct GradientShade {
  let low: Float
  let high: Float

  init(norms: [Float]) {
    let logs = norms.filter { $0 > 0 && $0.isFinite }.map { log10($0) }
    low = logs.min() ?? 0
    high = max(logs.max() ?? 1, low + 1e-3)
    self.norms = norms
  }

  private let norms: [Float]

  func color(step: Int) -> RGB {
    let norm = norms[step]
    guard norm > 0, norm.isFinite else { return Theme.muted }
    return ColorMap.viridis.color(for: (log10(norm) - low) / (high - low))
  }
}
