import TermCanvas
import TestSupport
import XCTest

final class GridTests: XCTestCase {
  func testPutWritesTextAndReturnsColumnsWritten() {
    var grid = xGrid(width: 8, height: 2)
    let written = grid.put("hello", at: (1, 1), style: Style(fg: .red))
    XCTAssertEqual(written, 5)
    assertEqualLines(
      text(grid),
      """
      xxxxxxxx
      xhelloxx
      """)
    XCTAssertEqual(grid[1, 1].fg, .red)
    XCTAssertNil(grid[0, 1].fg)
  }

  func testPutClipsAtTheRightEdgeAndAtMaxX() {
    var grid = xGrid(width: 6, height: 1)
    XCTAssertEqual(grid.put("abcdefgh", at: (2, 0)), 4)
    assertEqualLines(text(grid), "xxabcd")
    var limited = xGrid(width: 6, height: 1)
    XCTAssertEqual(limited.put("abcdefgh", at: (0, 0), maxX: 3), 3)
    assertEqualLines(text(limited), "abcxxx")
  }

  func testWideCharactersTakeTwoCellsAndKeepColumnsAligned() {
    var grid = xGrid(width: 6, height: 2)
    XCTAssertEqual(grid.put("a中b", at: (0, 0)), 4)
    XCTAssertEqual(grid[1, 0].symbol, "中")
    XCTAssertTrue(grid[2, 0].isContinuation)
    XCTAssertEqual(grid[3, 0].symbol, "b")
    grid.put("1234", at: (0, 1))
    // Each exported line is exactly as wide as the grid, so the rows stay aligned.
    for line in PlainTextExporter().lines(grid) {
      XCTAssertEqual(DisplayWidth.of(line), 6, line)
    }
    assertEqualLines(
      text(grid),
      """
      a中bxx
      1234xx
      """)
  }

  func testWideCharacterThatDoesNotFitStopsTheWrite() {
    var grid = xGrid(width: 3, height: 1)
    XCTAssertEqual(grid.put("ab中", at: (0, 0)), 2)
    assertEqualLines(text(grid), "abx")
  }

  func testCombiningCharactersStayInTheirBaseCell() {
    var grid = xGrid(width: 4, height: 1)
    XCTAssertEqual(grid.put("e\u{301}x", at: (0, 0)), 2)
    XCTAssertEqual(grid[0, 0].symbol, "e\u{301}")
    XCTAssertEqual(grid[1, 0].symbol, "x")
    // A combining mark written on its own attaches to the cell before it.
    var separate = xGrid(width: 4, height: 1)
    separate.put("a", at: (0, 0))
    XCTAssertEqual(separate.put("\u{308}", at: (1, 0)), 0)
    XCTAssertEqual(separate[0, 0].symbol, "a\u{308}")
    XCTAssertEqual(separate[1, 0].symbol, "x")
  }

  func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var rightHalf = xGrid(width: 4, height: 1)
    rightHalf.put("中", at: (0, 0))
    rightHalf.put("z", at: (1, 0))
    assertEqualLines(text(rightHalf), " zxx")

    var leftHalf = xGrid(width: 4, height: 1)
    leftHalf.put("中", at: (1, 0))
    leftHalf.put("y", at: (1, 0))
    assertEqualLines(text(leftHalf), "xy x")
  }

  func testControlCharactersAreShownAsReplacementCharacters() {
    var grid = xGrid(width: 4, height: 1)
    XCTAssertEqual(grid.put("a\tb", at: (0, 0)), 3)
    assertEqualLines(text(grid), "a\u{FFFD}bx")
  }

  func testTruncateAddsEllipsisOnlyWhenCutting() {
    XCTAssertEqual(Grid.truncate("hello", toWidth: 5), "hello")
    XCTAssertEqual(Grid.truncate("hello", toWidth: 3), "he…")
    XCTAssertEqual(Grid.truncate("中文字", toWidth: 4), "中…")
    XCTAssertEqual(Grid.truncate("hello", toWidth: 0), "")
  }

  func testPutTruncatingAlignsInsideTheRect() {
    var grid = xGrid(width: 7, height: 3)
    grid.put("ab", truncatingIn: Rect(x: 0, y: 0, width: 7, height: 1), alignment: .right)
    grid.put("ab", truncatingIn: Rect(x: 0, y: 1, width: 7, height: 1), alignment: .center)
    grid.put("abcdefghij", truncatingIn: Rect(x: 1, y: 2, width: 5, height: 1))
    assertEqualLines(
      text(grid),
      """
      xxxxxab
      xxabxxx
      xabcd…x
      """)
  }

  func testFillIsClippedToTheGrid() {
    var grid = xGrid(width: 4, height: 3)
    grid.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: Cell("o"))
    assertEqualLines(
      text(grid),
      """
      xxxx
      xxoo
      xxoo
      """)
  }
}
