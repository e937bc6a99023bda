import RNNEngine

/// One reading direction of a layer, as the views draw it: a unidirectional model has one, a
/// bidirectional model two (forward, then backward).
///
/// The trace holds a bidirectional layer K as two recurrences, `layers[2K]` forward and
/// `layers[2K + 1]` reverse, both in position order: the reverse direction's step t is its state
/// after reading positions T−1 down to t.
struct ReadingDirection {
  /// The direction's trace, indexed by position.
  var trace: Trace.LayerTrace
  /// Whether it reads right to left.
  var isReverse: Bool

  /// `→` or `←`.
  var arrow: String { isReverse ? "←" : "→" }
  /// `forward` or `backward`.
  var name: String { isReverse ? "backward" : "forward" }
  /// The heading of its heatmap: `→ forward (reads left to right)`.
  var title: String { isReverse ? "← backward (reads right to left)" : "→ forward (reads left to right)" }

  /// The position this direction read just before `step` (t−1 forward, t+1 backward), nil at its start.
  func previousStep(before step: Int, length: Int) -> Int? {
    let previous = isReverse ? step + 1 : step - 1
    return previous >= 0 && previous < length ? previous : nil
  }

  /// The directions of model layer `layer` in `snapshot`'s trace, forward first.
  static func of(layer: Int, in snapshot: TrainingSnapshot) -> [ReadingDirection] {
    let count = snapshot.model.directions
    return (0..<count).map { direction in
      ReadingDirection(trace: snapshot.trace.layers[layer * count + direction], isReverse: direction == 1)
    }
  }
}
