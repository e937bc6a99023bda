import TermCanvas
import TestSupport
import XCTest

final class PanelTests: XCTestCase {
  func testBorderTitleAndKeyHint() {
    var grid = xGrid(width: 12, height: 4)
    let inner = Panel(title: "Loss").keyHint("q").render(in: grid.bounds, on: &grid)
    assertEqualLines(
      text(grid),
      """
      ┌ Loss ────┐
      │xxxxxxxxxx│
      │xxxxxxxxxx│
      └─────── q ┘
      """)
    XCTAssertEqual(inner, Rect(x: 1, y: 1, width: 10, height: 2))
  }

  func testLongTitleIsCut() {
    var grid = xGrid(width: 8, height: 2)
    Panel(title: "Hidden state").render(in: grid.bounds, on: &grid)
    assertEqualLines(
      text(grid),
      """
      ┌ Hid… ┐
      └──────┘
      """)
  }
}
