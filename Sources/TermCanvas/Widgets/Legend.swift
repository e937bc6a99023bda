/// A colour scale bar with min, mid and max labels under it, explaining a heatmap's colours.
///
/// ```
/// ████████████████████   (colours of the map, low → high)
/// -1        0        1
/// ```
public struct Legend: Widget, Configurable {
  /// The map being explained.
  public var colorMap: ColorMap
  /// Labels for the low end, midpoint and high end; `nil` formats the map's domain.
  public var labels: (min: String, mid: String, max: String)?
  /// Style of the labels.
  public var labelStyle: Style = Style(attributes: .dim)

  /// Creates a legend for `colorMap`.
  public init(colorMap: ColorMap) {
    self.colorMap = colorMap
  }

  /// Sets the three labels.
  public func labels(min: String, mid: String, max: String) -> Legend { with(\.labels, (min, mid, max)) }

  /// The labels actually shown.
  var resolvedLabels: (min: String, mid: String, max: String) {
    if let labels { return labels }
    let (low, high) = (colorMap.domain.lowerBound, colorMap.domain.upperBound)
    func text(_ value: Float) -> String { AxisTicks.format(value, decimals: 2, compact: true) }
    return (text(low), text((low + high) / 2), text(high))
  }

  /// Draws the bar on the first row and the labels on the second (if there is one).
  public func render(in rect: Rect, on grid: inout Grid) {
    let area = rect.intersection(grid.bounds)
    guard !area.isEmpty else { return }
    grid.fill(Rect(x: area.x, y: area.y, width: area.width, height: min(2, area.height)))
    let (low, high) = (colorMap.domain.lowerBound, colorMap.domain.upperBound)
    for column in 0..<area.width {
      let t = area.width > 1 ? Float(column) / Float(area.width - 1) : 0.5
      grid[area.x + column, area.y] = Cell("█", style: Style(fg: colorMap.color(for: low + t * (high - low))))
    }
    guard area.height >= 2 else { return }
    let labels = resolvedLabels
    let row = Rect(x: area.x, y: area.y + 1, width: area.width, height: 1)
    grid.put(labels.mid, truncatingIn: row, style: labelStyle, alignment: .center)
    grid.put(labels.min, truncatingIn: row, style: labelStyle, alignment: .left)
    grid.put(labels.max, truncatingIn: row, style: labelStyle, alignment: .right)
  }
}
