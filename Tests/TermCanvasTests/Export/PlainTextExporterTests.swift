import TermCanvas
import XCTest

final class PlainTextExporterTests: XCTestCase {
  func testWideCharactersAppearOnceAndTrailingSpacesCanBeTrimmed() {
    var grid = Grid(width: 6, height: 2)
    grid.put("a中b", at: (0, 0))
    XCTAssertEqual(PlainTextExporter().lines(grid), ["a中b  ", "      "])
    XCTAssertEqual(PlainTextExporter(trimsTrailingSpaces: true).export(grid), "a中b\n")
  }
}
