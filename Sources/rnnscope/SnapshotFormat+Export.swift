import TermCanvas

extension SnapshotCommand.SnapshotFormat {
  /// `grid` as SVG, ANSI or plain text (trailing spaces trimmed).
  func export(_ grid: Grid) -> String {
    switch self {
    case .svg: SVGExporter().export(grid)
    case .ansi: ANSIExporter().export(grid)
    case .txt: PlainTextExporter(trimsTrailingSpaces: true).export(grid)
    }
  }
}
