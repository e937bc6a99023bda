import TermCanvas

extension SnapshotCommand.SnapshotFormat {
  /// `grid` as SVG (through `svgExporter`, which carries the theme), ANSI or plain text (trailing spaces trimmed).
  func export(_ grid: Grid, svgExporter: SVGExporter = SVGExporter()) -> String {
    switch self {
    case .svg: svgExporter.export(grid)
    case .ansi: ANSIExporter().export(grid)
    case .txt: PlainTextExporter(trimsTrailingSpaces: true).export(grid)
    }
  }
}
