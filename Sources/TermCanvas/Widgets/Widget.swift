/// Something that draws itself into a rectangle of a grid.
///
/// Widgets are small values rebuilt every frame from the app state; they know
/// nothing about terminals. Drawing never touches cells outside `rect`.
public protocol Widget: Sendable {
  /// Draws the widget into `rect` (clipped to the grid).
  func render(in rect: Rect, on grid: inout Grid)
}

/// Chained setters for widgets: `Gauge(...).label("loss").color(.red)`.
protocol Configurable {}

extension Configurable {
  /// A copy with one property changed.
  func with<Value>(_ keyPath: WritableKeyPath<Self, Value>, _ value: Value) -> Self {
    var copy = self
    copy[keyPath: keyPath] = value
    return copy
  }
}
