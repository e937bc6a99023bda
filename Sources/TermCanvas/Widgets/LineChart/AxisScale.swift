import Foundation

/// How values map onto a chart axis.
public enum AxisScale: Sendable, Hashable {
  /// Evenly spaced values.
  case linear
  /// Evenly spaced powers of ten; values ≤ 0 cannot be drawn and are skipped.
  case log10

  /// The value in axis units (itself, or its log10); `nil` when it cannot be drawn.
  public func transform(_ value: Float) -> Float? {
    guard value.isFinite else { return nil }
    switch self {
    case .linear: return value
    case .log10: return value > 0 ? Foundation.log10(value) : nil
    }
  }

  /// The value at `units` along the axis (inverse of `transform`).
  public func inverse(_ units: Float) -> Float {
    switch self {
    case .linear: return units
    case .log10: return Foundation.pow(10, units)
    }
  }
}
