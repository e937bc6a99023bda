import TermCanvas
import XCTest

final class ANSIExporterTests: XCTestCase {
  private let escape = "\u{1B}["

  private func sampleRow() -> Grid {
    var grid = Grid(width: 3, height: 1)
    grid[0, 0] = Cell("a", style: Style(fg: .red))
    grid[1, 0] = Cell("b", style: Style(fg: .red, attributes: .bold))
    grid[2, 0] = Cell("c")
    return grid
  }

  func testPalette256EmitsOnlyChangesAndResetsWhenAttributesEnd() {
    let output = ANSIExporter(depth: .palette256).export(sampleRow())
    XCTAssertEqual(output, "\(escape)38;5;196ma\(escape)1mb\(escape)0mc")
  }

  func testTrueColourAndBackgrounds() {
    var grid = Grid(width: 2, height: 1)
    grid[0, 0] = Cell("▀", style: Style(fg: RGB(1, 2, 3), bg: RGB(4, 5, 6)))
    grid[1, 0] = Cell("▀", style: Style(fg: RGB(1, 2, 3), bg: RGB(4, 5, 6)))
    let output = ANSIExporter(depth: .trueColor).export(grid)
    XCTAssertEqual(output, "\(escape)38;2;1;2;3;48;2;4;5;6m▀▀\(escape)0m")
  }

  func testSixteenColoursUseBrightCodes() {
    var grid = Grid(width: 2, height: 1)
    grid[0, 0] = Cell("r", style: Style(fg: .red, bg: RGB(0, 0, 238)))
    grid[1, 0] = Cell("d", style: Style(fg: RGB(205, 0, 0)))
    XCTAssertEqual(ANSIExporter(depth: .ansi16).export(grid), "\(escape)91;44mr\(escape)31;49md\(escape)0m")
  }

  func testMonochromeKeepsAttributesOnly() {
    XCTAssertEqual(ANSIExporter(depth: .monochrome).export(sampleRow()), "a\(escape)1mb\(escape)0mc")
  }

  func testRowsAreSeparatedAndEachEndsInTheDefaultStyle() {
    var grid = Grid(width: 1, height: 2)
    grid[0, 0] = Cell("x", style: Style(attributes: .underline))
    XCTAssertEqual(ANSIExporter().export(grid), "\(escape)4mx\(escape)0m\n ")
  }
}
