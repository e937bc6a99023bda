/// Line chart drawn with braille dots (2 × 4 per cell): several series, linear or log y axis.
///
/// ```swift
/// LineChart(series: [
///     .init(label: "train", values: trainLoss, color: .cyan),
///     .init(label: "theory", values: theory, color: .gray, dashed: true),
///   ])
///   .yScale(.log10)
///   .markers([.init(x: 120, color: .yellow, label: "clip")])
///   .render(in: area, on: &grid)
/// ```
/// Layout: a legend on the first row, y tick labels on the left, the x range on
/// the last row. NaN, ±Inf (and values ≤ 0 on a log axis) break the line.
public struct LineChart: Widget, Configurable {
  /// One line of the chart.
  public struct Series: Sendable, Hashable {
    /// Name shown in the legend (empty: not listed).
    public var label: String
    /// The y values.
    public var values: [Float]
    /// The x value of each y value; `nil` means the index (0, 1, 2, …).
    public var xs: [Float]?
    /// Line colour.
    public var color: RGB
    /// Draw every other dot, e.g. for a theoretical reference curve.
    public var dashed: Bool

    /// Creates a series.
    public init(label: String, values: [Float], xs: [Float]? = nil, color: RGB, dashed: Bool = false) {
      self.label = label
      self.values = values
      self.xs = xs
      self.color = color
      self.dashed = dashed
    }

    /// The x of point `index`.
    func x(at index: Int) -> Float {
      guard let xs else { return Float(index) }
      return index < xs.count ? xs[index] : .nan
    }
  }

  /// A vertical line at an x value, e.g. a gradient-clipping event or the current epoch.
  public struct Marker: Sendable, Hashable {
    /// Where the line goes, in x units.
    public var x: Float
    /// Line colour.
    public var color: RGB
    /// Name shown in the legend (`nil`: not listed).
    public var label: String?

    /// Creates a marker.
    public init(x: Float, color: RGB, label: String? = nil) {
      self.x = x
      self.color = color
      self.label = label
    }
  }

  /// The lines, drawn in order (later ones on top).
  public var series: [Series]
  /// Vertical markers, drawn beneath the series.
  public var markers: [Marker] = []
  /// Linear or logarithmic y axis.
  public var yScale: AxisScale = .linear
  /// Fixed y range; `nil` fits the data (whole decades on a log axis).
  public var yRange: ClosedRange<Float>?
  /// Fixed x range; `nil` fits the data.
  public var xRange: ClosedRange<Float>?
  /// Show the legend row at the top.
  public var showsLegend: Bool = true
  /// Show the x range under the plot.
  public var showsXAxis: Bool = true
  /// Style of axes and tick labels.
  public var axisStyle: Style = Style(attributes: .dim)

  /// Creates a chart of the given series.
  public init(series: [Series]) {
    self.series = series
  }

  /// Sets the markers.
  public func markers(_ markers: [Marker]) -> LineChart { with(\.markers, markers) }
  /// Sets the y scale.
  public func yScale(_ scale: AxisScale) -> LineChart { with(\.yScale, scale) }
  /// Fixes the y range (`nil`: automatic).
  public func yRange(_ range: ClosedRange<Float>?) -> LineChart { with(\.yRange, range) }
  /// Fixes the x range (`nil`: automatic).
  public func xRange(_ range: ClosedRange<Float>?) -> LineChart { with(\.xRange, range) }
  /// Shows or hides the legend row.
  public func showsLegend(_ on: Bool) -> LineChart { with(\.showsLegend, on) }
  /// Shows or hides the x axis row.
  public func showsXAxis(_ on: Bool) -> LineChart { with(\.showsXAxis, on) }
  /// Sets the style of axes and labels.
  public func axisStyle(_ style: Style) -> LineChart { with(\.axisStyle, style) }
}
