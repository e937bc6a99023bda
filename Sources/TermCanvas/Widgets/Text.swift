/// Lines of styled text, aligned, cut with `…` when too wide, clipped when too many.
///
/// ```swift
/// Text(lines: [[Span("epoch ", style: dim), Span("12", style: bold)], ["loss 0.42"]])
///   .alignment(.right)
///   .render(in: area, on: &grid)
/// ```
public struct Text: Widget, Configurable {
  /// The lines, each a sequence of spans.
  public var lines: [[Span]]
  /// Horizontal alignment of every line.
  public var alignment: Alignment = .left

  /// Creates text from lines of spans.
  public init(lines: [[Span]]) {
    self.lines = lines
  }

  /// Creates text from plain lines in one style.
  public init(_ lines: [String], style: Style = .plain) {
    self.lines = lines.map { [Span($0, style: style)] }
  }

  /// Sets the alignment.
  public func alignment(_ alignment: Alignment) -> Text { with(\.alignment, alignment) }

  /// Draws one line per row, clearing the rows it owns.
  public func render(in rect: Rect, on grid: inout Grid) {
    let area = rect.intersection(grid.bounds)
    guard !area.isEmpty else { return }
    grid.fill(area)
    for (index, line) in lines.prefix(area.height).enumerated() {
      draw(line, in: Rect(x: area.x, y: area.y + index, width: area.width, height: 1), on: &grid)
    }
  }

  private func draw(_ line: [Span], in row: Rect, on grid: inout Grid) {
    let lineWidth = line.reduce(0) { $0 + DisplayWidth.of($1.text) }
    guard lineWidth > row.width else {
      let spare = row.width - lineWidth
      var x = row.x + (alignment == .left ? 0 : alignment == .center ? spare / 2 : spare)
      for span in line { x += grid.put(span.text, at: (x, row.y), style: span.style, maxX: row.maxX) }
      return
    }
    // Too wide: fill all but the last column, then mark the cut with an ellipsis.
    let textEnd = row.maxX - 1
    var x = row.x
    var lastStyle = line.first?.style ?? .plain
    for span in line where x < textEnd {
      x += grid.put(span.text, at: (x, row.y), style: span.style, maxX: textEnd)
      lastStyle = span.style
    }
    grid.put("…", at: (x, row.y), style: lastStyle, maxX: row.maxX)
  }
}
