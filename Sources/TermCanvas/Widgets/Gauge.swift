/// A one-row horizontal bar: `label ███████▍     value`, with eighth-block resolution.
public struct Gauge: Widget, Configurable {
  /// How full the bar is, 0…1 (clamped; NaN draws an empty bar).
  public var fraction: Float
  /// Text left of the bar (may be empty).
  public var label: String = ""
  /// Text right of the bar, e.g. `"0.42"` (may be empty).
  public var valueText: String = ""
  /// Style of the filled part of the bar.
  public var barStyle: Style = .plain
  /// Style of label and value.
  public var textStyle: Style = .plain

  /// Partial blocks from one eighth to seven eighths of a cell, filled from the left.
  static let partialBlocks = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// Creates a gauge filled to `fraction`.
  public init(fraction: Float) {
    self.fraction = fraction
  }

  /// Sets the label left of the bar.
  public func label(_ text: String) -> Gauge { with(\.label, text) }
  /// Sets the value text right of the bar.
  public func valueText(_ text: String) -> Gauge { with(\.valueText, text) }
  /// Sets the bar colour.
  public func color(_ color: RGB) -> Gauge { with(\.barStyle, barStyle.fg(color)) }
  /// Sets the style of label and value.
  public func textStyle(_ style: Style) -> Gauge { with(\.textStyle, style) }

  /// Draws label, bar and value on the first row of `rect`.
  public func render(in rect: Rect, on grid: inout Grid) {
    let area = rect.intersection(grid.bounds)
    guard !area.isEmpty else { return }
    let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    grid.fill(row)
    var bar = row
    if !label.isEmpty {
      let written = grid.put(label + " ", at: (row.x, row.y), style: textStyle, maxX: row.maxX)
      bar = bar.splitLeft(written).rest
    }
    if !valueText.isEmpty {
      let valueWidth = DisplayWidth.of(valueText) + 1
      guard valueWidth < bar.width else { return }
      let (rest, valueArea) = bar.splitRight(valueWidth)
      grid.put(valueText, truncatingIn: valueArea, style: textStyle, alignment: .right)
      bar = rest
    }
    drawBar(in: bar, on: &grid)
  }

  private func drawBar(in bar: Rect, on grid: inout Grid) {
    guard bar.width > 0, !fraction.isNaN else { return }
    let eighths = Int((min(max(fraction, 0), 1) * Float(bar.width * 8)).rounded())
    for column in 0..<(eighths / 8) { grid[bar.x + column, bar.y] = Cell("█", style: barStyle) }
    let remainder = eighths % 8
    if remainder > 0 { grid[bar.x + eighths / 8, bar.y] = Cell(Self.partialBlocks[remainder - 1], style: barStyle) }
  }
}
