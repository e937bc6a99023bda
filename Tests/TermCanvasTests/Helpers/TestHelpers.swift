import TermCanvas
import XCTest

/// Compares multi-line strings and, on failure, prints a line diff (`-` expected, `+` actual).
func assertEqualLines(_ actual: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
  guard actual != expected else { return }
  let actualLines = actual.components(separatedBy: "\n")
  let expectedLines = expected.components(separatedBy: "\n")
  var report = "Text differs (- expected, + actual; │ marks the line ends):\n"
  for index in 0..<max(actualLines.count, expectedLines.count) {
    let want = index < expectedLines.count ? expectedLines[index] : nil
    let got = index < actualLines.count ? actualLines[index] : nil
    if want == got {
      report += "  \(want ?? "")│\n"
    } else {
      if let want { report += "- \(want)│\n" }
      if let got { report += "+ \(got)│\n" }
    }
  }
  XCTFail(report, file: file, line: line)
}

/// A grid pre-filled with "x", so cells a widget leaves untouched are visible.
func xGrid(width: Int, height: Int) -> Grid {
  Grid(width: width, height: height, filling: Cell("x"))
}

/// Renders `widget` into `rect` (default: the whole grid) of an "x"-filled grid.
func render(_ widget: some Widget, width: Int, height: Int, in rect: Rect? = nil) -> Grid {
  var grid = xGrid(width: width, height: height)
  widget.render(in: rect ?? grid.bounds, on: &grid)
  return grid
}

/// The grid's symbols, one line per row, trailing spaces kept.
func text(_ grid: Grid) -> String {
  PlainTextExporter().export(grid)
}
