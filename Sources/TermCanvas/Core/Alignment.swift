/// Horizontal placement of text inside its rect.
public enum Alignment: Sendable, Hashable {
  /// Flush with the left edge.
  case left
  /// Centred (odd spare columns go to the right).
  case center
  /// Flush with the right edge.
  case right
}
