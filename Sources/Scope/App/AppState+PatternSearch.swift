import RNNEngine
import TermCanvas

extension AppState {
  /// How much `<` and `>` lower or raise the threshold.
  static let thresholdStep: Float = 0.05
  /// The thresholds `<` and `>` can reach (|h| of tanh-bounded states lies in 0…1).
  static let thresholdRange: ClosedRange<Float> = 0.05...0.95
  /// Positions of held-out text shown before a match when it becomes the probe, and the probe's length.
  static let matchProbeLead = 24
  static let matchProbeLength = 72

  /// The span on screen: from the anchor to the cursor while marking, else the one searched.
  public var markedSpan: Range<Int>? {
    if let anchor = patternSearch.anchor { return min(anchor, cursor.step)..<(max(anchor, cursor.step) + 1) }
    return patternSearch.span
  }

  /// The Hidden state view's search keys; nil for a key that is not one of them.
  mutating func patternSearchKey(_ key: Key) -> [AppEffect]? {
    switch key {
    case .character("v"):
      guard patternSearch.anchor != nil, let span = markedSpan else {
        patternSearch.anchor = cursor.step
        showMessage("marking a span: ←/→ extend it, v searches for its units")
        return []
      }
      patternSearch.anchor = nil
      return search(span)
    case .shiftLeft, .shiftRight:
      let span = markedSpan ?? cursor.step..<(cursor.step + 1)
      // The end away from the cursor stays; the cursor's end moves.
      let fixed = cursor.step == span.lowerBound && span.count > 1 ? span.upperBound - 1 : span.lowerBound
      moveCursorWithinProbe(by: key == .shiftRight ? 1 : -1)
      patternSearch.anchor = nil
      return search(min(fixed, cursor.step)..<(max(fixed, cursor.step) + 1))
    case .character("<"), .character(">"):
      guard let span = patternSearch.span else {
        showMessage("mark a span first: v at its start, ←/→, v again")
        return []
      }
      let current = patternSearch.threshold ?? snapshot?.unitSearch?.threshold ?? 0.5
      let wanted = current + (key == .character(">") ? Self.thresholdStep : -Self.thresholdStep)
      patternSearch.threshold = min(max(wanted, Self.thresholdRange.lowerBound), Self.thresholdRange.upperBound)
      return search(span)
    case .character("m"), .character("M"):
      guard let count = snapshot?.unitSearch?.matches.count, count > 0 else { return [] }
      patternSearch.match = (patternSearch.match + (key == .character("m") ? 1 : count - 1)) % count
      return []
    case .enter: return jumpToMatch()
    case .escape:
      guard patternSearch != PatternSearchMarks() else { return nil }
      patternSearch = PatternSearchMarks()
      return [.trainer(.searchUnits(nil))]
    default: return nil
    }
  }

  /// Asks the trainer for the units on throughout `span` and where else they are on together.
  private mutating func search(_ span: Range<Int>) -> [AppEffect] {
    patternSearch.span = span
    patternSearch.match = 0
    let request = UnitSearchRequest(span: span, threshold: patternSearch.threshold, layer: cursor.layer)
    showMessage("searching the held-out text for the units on over steps \(span.lowerBound)–\(span.upperBound - 1)…")
    return [.trainer(.searchUnits(request))]
  }

  /// Makes the chosen match (with some text around it) the probe and searches its span again.
  private mutating func jumpToMatch() -> [AppEffect] {
    guard let result = snapshot?.unitSearch, result.matches.indices.contains(patternSearch.match) else {
      showMessage("no match to go to: mark a span (v) and wait for the search")
      return []
    }
    let match = result.matches[patternSearch.match].range
    let start = max(0, match.lowerBound - Self.matchProbeLead)
    // A language model's probe reads one symbol more as its last target, so the piece ends before the text does.
    let end = min(result.text.count - 1, max(start + Self.matchProbeLength, match.upperBound))
    let span = (match.lowerBound - start)..<(min(match.upperBound, end) - start)
    patternSearch.span = span
    patternSearch.anchor = nil
    patternSearch.match = 0
    cursor.step = span.lowerBound
    showMessage("the probe is now the match at held-out position \(match.lowerBound)")
    let request = UnitSearchRequest(span: span, threshold: patternSearch.threshold, layer: cursor.layer)
    return [.trainer(.useHeldOutProbe(start..<end)), .trainer(.searchUnits(request))]
  }

  private mutating func moveCursorWithinProbe(by steps: Int) {
    cursor.step += steps
    clampCursor()
  }
}
