import RNNEngine
import TermCanvas

/// The Hidden state view's pattern search: what was selected, how long it took, and the places of
/// the held-out text where the selected units are on together, each a line with the match marked.
struct PatternSearchPanel {
  let state: AppState
  let snapshot: TrainingSnapshot

  /// The style of the marked span and the selected units in the heatmap, and of a match in its line.
  static let markStyle = Style(fg: Theme.warning, attributes: [.bold, .underline])

  /// The panel's title: the span's text.
  var title: String {
    guard let span = state.markedSpan else { return "Pattern search" }
    let labels = snapshot.task.probe.inputLabels
    let text = span.clamped(to: 0..<labels.count).map { ProbeLines.printable(labels[$0]) }.joined()
    return state.patternSearch.anchor == nil ? "units on over «\(text)»" : "marking «\(text)» (v searches)"
  }

  func render(in rect: Rect, on grid: inout Grid) {
    guard rect.height > 0 else { return }
    guard let result = snapshot.unitSearch, result.request.span == state.patternSearch.span,
      result.request.threshold == state.patternSearch.threshold
    else {
      let waiting =
        state.patternSearch.span == nil
        ? "v at the span's start, ←/→, v again: the units on throughout it are searched for in the held-out text"
        : "searching the held-out text…"
      grid.put(waiting, truncatingIn: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: Theme.dim)
      return
    }
    Text(lines: [summary(result)]).render(in: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), on: &grid)
    if result.selected.isEmpty, rect.height > 1 {
      let advice =
        "No unit stays past the threshold over the whole span without being on over half the text: "
        + "lower the threshold with <, or mark a shorter span."
      grid.put(advice, truncatingIn: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: 1), style: Theme.dim)
    }
    let listed = result.matches.prefix(max(0, rect.height - 1))
    for (rank, match) in listed.enumerated() {
      let line = Rect(x: rect.x, y: rect.y + 1 + rank, width: rect.width, height: 1)
      Text(lines: [matchLine(match, rank: rank, in: result, width: rect.width)]).render(in: line, on: &grid)
    }
  }

  /// `12 units (+3 −9) · 37 matches · 84 ms · |h| > 0.62 (75th percentile …) · 5,800 held-out symbols, step 1200`.
  private func summary(_ result: UnitSearchResult) -> [Span] {
    let positive = result.selected.filter(\.positive).count
    let more = result.matches.count == UnitSearchResult.defaultMatchLimit ? "+" : ""
    let thresholdSource =
      state.patternSearch.threshold == nil ? "75th percentile of |h|, < > change it" : "< > change it"
    return [
      Span("\(result.selected.count) units", style: Theme.value),
      Span(" (+\(positive) −\(result.selected.count - positive)) · ", style: Theme.label),
      Span("\(result.matches.count)\(more) matches", style: Theme.value),
      Span(" · ", style: Theme.label),
      Span("\(Format.fixed(Float(result.seconds * 1000), decimals: 0)) ms", style: Theme.value),
      Span(
        " · |h| > \(Format.fixed(result.threshold, decimals: 2)) (\(thresholdSource)) · "
          + "\(result.text.count) held-out symbols, step \(result.step)", style: Theme.label),
    ]
  }

  /// `▶ 1 0.83  …text «match» text…`, the chosen match marked.
  private func matchLine(_ match: PatternMatch, rank: Int, in result: UnitSearchResult, width: Int) -> [Span] {
    let chosen = rank == state.patternSearch.match
    let prefix =
      (chosen ? "▶" : " ") + "\(rank + 1)".leftPadded(to: 3) + " " + Format.fixed(Float(match.score), decimals: 2)
      + "  "
    let room = max(0, width - prefix.count)
    let shownMatch = min(match.range.count, room)
    let before = max(0, (room - shownMatch) / 3)
    let start = max(0, match.range.lowerBound - before)
    let end = min(result.text.count, start + room)
    let text = { (range: Range<Int>) in
      range.clamped(to: start..<end).map { ProbeLines.printable(result.text[$0]) }.joined()
    }
    return [
      Span(prefix, style: chosen ? Theme.value.fg(Theme.accent) : Theme.label),
      Span(text(start..<match.range.lowerBound)),
      Span(text(match.range), style: Self.markStyle.adding(.reverse)),
      Span(text(match.range.upperBound..<end)),
    ]
  }
}

/// "What is this unit": where in the held-out text a unit is most positive and most negative.
struct UnitReadout {
  let result: UnitSearchResult
  /// The unit's index in the search's activations (of a bidirectional layer, H..<2H are backward).
  let unit: Int
  /// How the unit is named on screen (`unit 12`, `← unit 12`).
  let name: String

  /// Lines for the At the cursor panel, each place as its text with the position marked.
  func lines(width: Int) -> [[Span]] {
    guard result.extremes.indices.contains(unit) else { return [] }
    let extremes = result.extremes[unit]
    var lines: [[Span]] = [[Span("\(name) is strongest at", style: Theme.title)]]
    for (sign, places) in [("+", extremes.positive), ("−", extremes.negative)] {
      for place in places {
        let valueText = Format.fixed(place.value, decimals: 2).leftPadded(to: 6)
        let room = max(2, width - valueText.count - 3)
        let start = max(0, place.position - room * 2 / 3)
        let end = min(result.text.count, start + room)
        let text = { (range: Range<Int>) in range.map { ProbeLines.printable(result.text[$0]) }.joined() }
        lines.append([
          Span(sign + valueText + "  ", style: Style(fg: ColorMap.diverging.color(for: place.value))),
          Span(text(start..<place.position), style: Theme.label),
          Span(text(place.position..<(place.position + 1)), style: PatternSearchPanel.markStyle.adding(.reverse)),
          Span(text((place.position + 1)..<end), style: Theme.label),
        ])
      }
    }
    return lines
  }
}
