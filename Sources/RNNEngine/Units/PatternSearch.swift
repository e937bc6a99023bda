// Pattern search in the style of LSTMVis (Strobelt et al. 2017): mark a span of text, take the
// units that stay on over the whole span, then find the other places where those units switch on
// together. A unit is on where |h| passes the threshold in its direction (h > t or h < −t).

/// Selecting units from a span and finding where they are on together.
public enum PatternSearch {
  /// The quantile of |h| over the text that the threshold defaults to: a unit is on where its
  /// activation is among the strongest quarter of all activations.
  public static let defaultThresholdQuantile = 0.75

  /// Units on in more than this share of all positions are left out of a selection: they are on
  /// almost everywhere (saturated), so they say nothing about the span.
  public static let maximumBackgroundShare = 0.5

  /// The default threshold for `activations`: their `defaultThresholdQuantile` of |h|.
  public static func defaultThreshold(_ activations: UnitActivations) -> Float {
    activations.magnitudeQuantile(defaultThresholdQuantile)
  }

  /// The units on at every position of `span`, in either direction, leaving out those on in more
  /// than `maximumBackgroundShare` of `background` (by default the whole of `activations`); in unit order.
  ///
  /// A separate background lets the span come from a short text (the TUI's probe) while the
  /// saturated units are judged on a long one (the held-out text), read by the same model.
  public static func selectUnits(
    in activations: UnitActivations, span: Range<Int>, threshold: Float, background: UnitActivations? = nil
  ) -> [SelectedUnit] {
    precondition(!span.isEmpty && span.upperBound <= activations.positions, "the span must be inside the text")
    precondition(background.map { $0.units == activations.units } ?? true, "the background must have the same units")
    var selected: [SelectedUnit] = []
    for unit in 0..<activations.units {
      for positive in [true, false] {
        let candidate = SelectedUnit(unit: unit, positive: positive)
        guard span.allSatisfy({ candidate.isOn(activations[$0, unit], threshold: threshold) }) else { continue }
        if backgroundShare(of: candidate, in: background ?? activations, threshold: threshold)
          <= maximumBackgroundShare
        {
          selected.append(candidate)
        }
      }
    }
    return selected
  }

  /// The share of positions where `unit` is on over the whole text.
  public static func backgroundShare(of unit: SelectedUnit, in activations: UnitActivations, threshold: Float)
    -> Double
  {
    let on = (0..<activations.positions).reduce(0) {
      $0 + (unit.isOn(activations[$1, unit.unit], threshold: threshold) ? 1 : 0)
    }
    return Double(on) / Double(max(activations.positions, 1))
  }

  /// The runs of at least `minimumLength` positions where at least `minimumShare` of `units` are on,
  /// best first (highest `PatternMatch.score`, then longer, then earlier), at most `limit` of them.
  public static func matches(
    of units: [SelectedUnit], in activations: UnitActivations, threshold: Float, minimumShare: Double = 1,
    minimumLength: Int = 1, limit: Int = 20
  ) -> [PatternMatch] {
    guard !units.isEmpty else { return [] }
    let chosen = Set(units.map(\.unit))
    let others = max(activations.units - chosen.count, 1)
    let needed = Int((minimumShare * Double(units.count)).rounded(.up))
    var found: [PatternMatch] = []
    var runStart: Int?
    var selectedSum = 0.0
    var othersSum = 0.0
    func closeRun(at end: Int) {
      if let start = runStart, end - start >= minimumLength {
        let length = Double(end - start)
        found.append(
          PatternMatch(range: start..<end, selectedOn: selectedSum / length, othersOn: othersSum / length))
      }
      runStart = nil
      (selectedSum, othersSum) = (0, 0)
    }
    for position in 0..<activations.positions {
      let row = position * activations.units
      let selectedOn = units.reduce(0) {
        $0 + ($1.isOn(activations.values[row + $1.unit], threshold: threshold) ? 1 : 0)
      }
      guard selectedOn >= needed else {
        closeRun(at: position)
        continue
      }
      var othersOn = 0
      for unit in 0..<activations.units where !chosen.contains(unit) && abs(activations.values[row + unit]) > threshold
      {
        othersOn += 1
      }
      if runStart == nil { runStart = position }
      selectedSum += Double(selectedOn) / Double(units.count)
      othersSum += Double(othersOn) / Double(others)
    }
    closeRun(at: activations.positions)
    found.sort {
      ($0.score, $0.range.count, -$0.range.lowerBound) > ($1.score, $1.range.count, -$1.range.lowerBound)
    }
    return Array(found.prefix(limit))
  }

  /// The positions where `unit` is most positive (`positive`) or most negative, at most `count`,
  /// strongest first, at least `separation` positions apart so one long stretch is not listed twice.
  public static func extremes(
    of unit: Int, in activations: UnitActivations, positive: Bool, count: Int, separation: Int = 8
  ) -> [Int] {
    let order = (0..<activations.positions).sorted {
      let (left, right) = (activations[$0, unit], activations[$1, unit])
      return positive ? left > right : left < right
    }
    var chosen: [Int] = []
    for position in order where chosen.count < count {
      if chosen.allSatisfy({ abs($0 - position) >= separation }) { chosen.append(position) }
    }
    return chosen
  }
}
