/// Turns a grid into plain text lines (symbols only, no colour).
public struct PlainTextExporter: Sendable {
  /// Whether to drop spaces at the end of each line.
  public var trimsTrailingSpaces: Bool

  /// Creates an exporter.
  public init(trimsTrailingSpaces: Bool = false) {
    self.trimsTrailingSpaces = trimsTrailingSpaces
  }

  /// One string per grid row; continuation cells add nothing, so wide characters appear once.
  public func lines(_ grid: Grid) -> [String] {
    (0..<grid.height).map { y in
      var line = ""
      for cell in grid.row(y) { line += cell.symbol }
      if trimsTrailingSpaces {
        while line.last == " " { line.removeLast() }
      }
      return line
    }
  }

  /// All rows joined by newlines (no trailing newline).
  public func export(_ grid: Grid) -> String {
    lines(grid).joined(separator: "\n")
  }
}
