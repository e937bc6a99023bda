extension Text {
  /// Styled text broken into lines of at most `width` columns: after a space where possible, inside a
  /// word only when the word alone is wider than a line. Spaces at a break are dropped.
  ///
  /// ```swift
  /// Text(lines: Text.wrapped([Span("The ", style: dim), Span("pendulum has been")], width: 10))
  /// // "The", "pendulum", "has been"
  /// ```
  public static func wrapped(_ spans: [Span], width: Int) -> [[Span]] {
    guard width > 0 else { return [] }
    let symbols = spans.flatMap { span in span.text.map { (character: $0, style: span.style) } }
    var lines: [[(character: Character, style: Style)]] = []
    var line: [(character: Character, style: Style)] = []
    var lineWidth = 0
    var index = 0
    while index < symbols.count {
      // The next word with the spaces after it; only its non-space part must fit.
      var end = index
      while end < symbols.count && symbols[end].character != " " { end += 1 }
      let wordWidth = symbols[index..<end].reduce(0) { $0 + DisplayWidth.of($1.character) }
      while end < symbols.count && symbols[end].character == " " { end += 1 }
      if lineWidth + wordWidth > width && lineWidth > 0 {
        lines.append(line)
        line = []
        lineWidth = 0
      }
      for symbol in symbols[index..<end] {
        let columns = DisplayWidth.of(symbol.character)
        if symbol.character == " " && lineWidth + columns > width { continue }
        if lineWidth + columns > width && lineWidth > 0 {
          lines.append(line)
          line = []
          lineWidth = 0
        }
        line.append(symbol)
        lineWidth += columns
      }
      index = end
    }
    if !line.isEmpty { lines.append(line) }
    return lines.map(spans(of:))
  }

  /// Runs of one style as spans, trailing spaces dropped.
  private static func spans(of line: [(character: Character, style: Style)]) -> [Span] {
    var symbols = line[...]
    while symbols.last?.character == " " { symbols = symbols.dropLast() }
    var spans: [Span] = []
    for symbol in symbols {
      if let last = spans.last, last.style == symbol.style {
        spans[spans.count - 1].text.append(symbol.character)
      } else {
        spans.append(Span(String(symbol.character), style: symbol.style))
      }
    }
    return spans
  }
}
