/// A unit chosen by pattern search and the direction in which it is on.
public struct SelectedUnit: Sendable, Equatable, Hashable {
  /// The unit's index in the layer.
  public var unit: Int
  /// True if the unit is on above +threshold, false if below −threshold.
  public var positive: Bool

  /// A unit on in the given direction.
  public init(unit: Int, positive: Bool) {
    self.unit = unit
    self.positive = positive
  }

  /// Whether activation `value` counts as on for this unit at `threshold`.
  public func isOn(_ value: Float, threshold: Float) -> Bool { positive ? value > threshold : value < -threshold }
}
