import RNNEngine

/// One reading direction of a layer, as the views draw it: a unidirectional model has one, a
/// bidirectional model two (forward, then backward).
///
/// The trace holds a bidirectional layer K as two recurrences, `layers[2K]` forward and
/// `layers[2K + 1]` reverse, both in position order: the reverse direction's step t is its state
/// after reading positions T−1 down to t.
struct ReadingDirection: Directional {
  /// The direction's trace, indexed by position.
  var trace: Trace.LayerTrace
  /// Whether it reads right to left.
  var isReverse: Bool

  /// Its states and gates, as the Hidden state and Gates views draw them.
  var states: DirectionStates { DirectionStates(h: trace.h, c: trace.c, gates: trace.gates, isReverse: isReverse) }

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

/// The states and gates of one reading direction over positions: what the Hidden state and Gates
/// views draw, for a character model's layer or an encoder–decoder's recurrence alike.
struct DirectionStates: Directional {
  /// h at each position `[T][H]`.
  var h: StepValues
  /// c at each position (LSTM) `[T][H]`; empty otherwise.
  var c: StepValues
  /// Post-activation gates in `CellType.gateNames` order, `[T][H]` each.
  var gates: [Trace.GateTrace]
  /// Whether it reads right to left.
  var isReverse: Bool
}

/// A reading direction's names, from whether it reads right to left.
protocol Directional {
  /// Whether it reads right to left.
  var isReverse: Bool { get }
}

extension Directional {
  /// `→` or `←`.
  var arrow: String { isReverse ? "←" : "→" }
  /// `forward` or `backward`.
  var name: String { isReverse ? "backward" : "forward" }
  /// The heading of its heatmap: `→ forward (reads left to right)`.
  var title: String { isReverse ? "← backward (reads right to left)" : "→ forward (reads left to right)" }
}
