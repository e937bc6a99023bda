extension LineChart {
  /// A y tick: its position in axis units and its label.
  struct Tick {
    var units: Float
    var label: String
  }

  /// Draws legend, axes and lines into `rect`, clearing it first.
  public func render(in rect: Rect, on grid: inout Grid) {
    let area = rect.intersection(grid.bounds)
    guard !area.isEmpty else { return }
    grid.fill(area)
    var body = area
    let legend = legendEntries
    if showsLegend && !legend.isEmpty {
      let (top, rest) = body.splitTop(1)
      drawLegend(legend, in: top, on: &grid)
      body = rest
    }
    var xAxisRow: Rect?
    if showsXAxis {
      let (rest, bottom) = body.splitBottom(1)
      body = rest
      xAxisRow = bottom
    }
    guard body.height > 0 else { return }

    let yUnits = resolvedYUnits()
    let xSpan = resolvedXRange()
    let ticks = yTicks(in: yUnits, maxCount: max(2, body.height / 2))
    let gutterWidth = (ticks.map { DisplayWidth.of($0.label) }.max() ?? 0) + 1
    let (axisArea, plotArea) = body.splitLeft(gutterWidth)
    guard plotArea.width > 0 else { return }

    var canvas = BrailleCanvas(width: plotArea.width, height: plotArea.height)
    let mapping = DotMapping(xSpan: xSpan, yUnits: yUnits, dotWidth: canvas.dotWidth, dotHeight: canvas.dotHeight)
    drawMarkers(on: &canvas, mapping: mapping)
    for line in series { draw(line, on: &canvas, mapping: mapping) }
    canvas.draw(into: plotArea, on: &grid)
    drawYAxis(ticks, in: axisArea, mapping: mapping, on: &grid)
    if let xAxisRow { drawXAxis(xSpan, in: xAxisRow, plotArea: plotArea, on: &grid) }
  }

  /// Converts data coordinates to dot coordinates (origin top-left).
  struct DotMapping {
    var xSpan: ClosedRange<Float>
    var yUnits: ClosedRange<Float>
    var dotWidth: Int
    var dotHeight: Int

    func dotX(_ x: Float) -> Int {
      clampFarOff((x - xSpan.lowerBound) / (xSpan.upperBound - xSpan.lowerBound) * Float(dotWidth - 1), dotWidth)
    }

    func dotY(units: Float) -> Int {
      let fraction = (units - yUnits.lowerBound) / (yUnits.upperBound - yUnits.lowerBound)
      return clampFarOff((1 - fraction) * Float(dotHeight - 1), dotHeight)
    }

    /// Keeps far off-chart points within a few chart sizes so line drawing stays cheap;
    /// their lines still leave the chart at nearly the right angle.
    private func clampFarOff(_ position: Float, _ size: Int) -> Int {
      Int(min(max(position, Float(-4 * size)), Float(5 * size)).rounded())
    }
  }

  /// The y range in axis units: fixed, or fitted to the finite data (whole decades on a log axis).
  func resolvedYUnits() -> ClosedRange<Float> {
    if let yRange, let low = yScale.transform(yRange.lowerBound), let high = yScale.transform(yRange.upperBound),
      low < high
    {
      return low...high
    }
    var low = Float.infinity
    var high = -Float.infinity
    for line in series {
      for value in line.values {
        guard let units = yScale.transform(value) else { continue }
        low = min(low, units)
        high = max(high, units)
      }
    }
    guard low <= high else { return 0...1 }
    switch yScale {
    case .linear:
      return low < high ? low...high : (low - 1)...(high + 1)
    case .log10:
      let (floorLow, ceilHigh) = (low.rounded(.down), high.rounded(.up))
      return floorLow < ceilHigh ? floorLow...ceilHigh : floorLow...(floorLow + 1)
    }
  }

  /// The x range: fixed, or fitted to the points' x values.
  func resolvedXRange() -> ClosedRange<Float> {
    if let xRange, xRange.lowerBound < xRange.upperBound { return xRange }
    var low = Float.infinity
    var high = -Float.infinity
    for line in series {
      for index in line.values.indices {
        let x = line.x(at: index)
        guard x.isFinite else { continue }
        low = min(low, x)
        high = max(high, x)
      }
    }
    guard low <= high else { return 0...1 }
    return low < high ? low...high : low...(low + 1)
  }

  /// Tick positions and labels for the y axis.
  func yTicks(in units: ClosedRange<Float>, maxCount: Int) -> [Tick] {
    switch yScale {
    case .linear:
      let step = AxisTicks.niceStep(for: units.upperBound - units.lowerBound, maxCount: maxCount)
      return AxisTicks.linear(in: units, maxCount: maxCount).map {
        Tick(units: $0, label: AxisTicks.label($0, scale: .linear, step: step))
      }
    case .log10:
      let values = AxisTicks.log(
        in: yScale.inverse(units.lowerBound)...yScale.inverse(units.upperBound), maxCount: maxCount)
      return values.compactMap { value in
        yScale.transform(value).map { Tick(units: $0, label: AxisTicks.logLabel(exponent: Int($0.rounded()))) }
      }
    }
  }

  /// Legend items: a coloured line sample and a name.
  var legendEntries: [(sample: String, color: RGB, label: String)] {
    let lines = series.filter { !$0.label.isEmpty }.map { ($0.dashed ? "╌" : "─", $0.color, $0.label) }
    let marks = markers.compactMap { marker in marker.label.map { ("│", marker.color, $0) } }
    return lines + marks
  }

  private func drawLegend(_ entries: [(sample: String, color: RGB, label: String)], in row: Rect, on grid: inout Grid) {
    var x = row.x
    for (index, entry) in entries.enumerated() {
      if index > 0 { x += grid.put("  ", at: (x, row.y), maxX: row.maxX) }
      x += grid.put(entry.sample, at: (x, row.y), style: Style(fg: entry.color), maxX: row.maxX)
      x += grid.put(" " + entry.label, at: (x, row.y), maxX: row.maxX)
    }
  }

  private func drawMarkers(on canvas: inout BrailleCanvas, mapping: DotMapping) {
    for marker in markers where marker.x.isFinite {
      let x = mapping.dotX(marker.x)
      // Every other dot, so markers read lighter than data lines.
      for y in stride(from: 0, to: mapping.dotHeight, by: 2) { canvas.setDot(x: x, y: y, color: marker.color) }
    }
  }

  /// Connects consecutive drawable points; a NaN/Inf (or ≤ 0 on a log axis) starts a new piece.
  private func draw(_ line: Series, on canvas: inout BrailleCanvas, mapping: DotMapping) {
    var previous: (x: Int, y: Int)?
    var dashPhase: Int? = line.dashed ? 0 : nil
    for (index, value) in line.values.enumerated() {
      let x = line.x(at: index)
      guard x.isFinite, let units = yScale.transform(value) else {
        previous = nil
        continue
      }
      let point = (x: mapping.dotX(x), y: mapping.dotY(units: units))
      canvas.line(
        from: previous ?? point, to: point, color: line.color, dashPhase: &dashPhase,
        includeStart: previous == nil)
      previous = point
    }
  }

  private func drawYAxis(_ ticks: [Tick], in area: Rect, mapping: DotMapping, on grid: inout Grid) {
    guard area.width > 0 else { return }
    let axisX = area.maxX - 1
    for y in area.y..<area.maxY { grid.put("│", at: (axisX, y), style: axisStyle) }
    var lastRow: Int?
    for tick in ticks {
      let row = area.y + mapping.dotY(units: tick.units) / 4
      guard row >= area.y, row < area.maxY, row != lastRow else { continue }
      lastRow = row
      grid.put("┤", at: (axisX, row), style: axisStyle)
      let labelRect = Rect(x: area.x, y: row, width: area.width - 1, height: 1)
      grid.put(tick.label, truncatingIn: labelRect, style: axisStyle, alignment: .right)
    }
  }

  private func drawXAxis(_ span: ClosedRange<Float>, in row: Rect, plotArea: Rect, on grid: inout Grid) {
    let step = AxisTicks.niceStep(for: span.upperBound - span.lowerBound, maxCount: 4)
    let low = AxisTicks.label(span.lowerBound, scale: .linear, step: step)
    let high = AxisTicks.label(span.upperBound, scale: .linear, step: step)
    let labels = Rect(x: plotArea.x, y: row.y, width: plotArea.width, height: 1)
    grid.put(high, truncatingIn: labels, style: axisStyle, alignment: .right)
    if DisplayWidth.of(low) + DisplayWidth.of(high) < labels.width {
      grid.put(low, truncatingIn: labels, style: axisStyle, alignment: .left)
    }
  }
}
