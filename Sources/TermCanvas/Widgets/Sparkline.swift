/// A tiny bar chart of recent values with eighth-block resolution (`▁▂▃▄▅▆▇█`).
///
/// Shows the last `rect.width` values, one column each, from the left. The
/// baseline is 0 (or the smallest value if it is negative) unless `range` fixes it.
/// NaN and ±Inf leave their column empty.
public struct Sparkline: Widget, Configurable {
  /// The values, oldest first.
  public var values: [Float]
  /// Fixed value range; `nil` spans from min(0, smallest) to the largest visible value.
  public var range: ClosedRange<Float>?
  /// Bar style (colour).
  public var style: Style = .plain

  /// Bar symbols from one eighth to a full cell.
  static let eighths = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// Creates a sparkline of `values`.
  public init(values: [Float]) {
    self.values = values
  }

  /// Fixes the value range (`nil`: automatic).
  public func range(_ range: ClosedRange<Float>?) -> Sparkline { with(\.range, range) }
  /// Sets the bar style.
  public func style(_ style: Style) -> Sparkline { with(\.style, style) }

  /// Draws the bars, bottom-aligned, over blanks.
  public func render(in rect: Rect, on grid: inout Grid) {
    let area = rect.intersection(grid.bounds)
    guard !area.isEmpty else { return }
    grid.fill(area)
    let shown = values.suffix(area.width)
    let finite = shown.filter(\.isFinite)
    let low = range?.lowerBound ?? min(0, finite.min() ?? 0)
    let high = range?.upperBound ?? (finite.max() ?? 0)
    guard high > low else { return }
    let totalEighths = Float(area.height * 8)
    for (column, value) in shown.enumerated() where value.isFinite {
      let fraction = min(max((value - low) / (high - low), 0), 1)
      let level = Int((fraction * totalEighths).rounded())
      for rowFromBottom in 0..<area.height {
        let eighths = min(max(level - rowFromBottom * 8, 0), 8)
        guard eighths > 0 else { break }
        grid[area.x + column, area.maxY - 1 - rowFromBottom] = Cell(Self.eighths[eighths - 1], style: style)
      }
    }
  }
}
