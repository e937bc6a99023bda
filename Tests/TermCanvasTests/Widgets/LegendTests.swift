import TermCanvas
import TestSupport
import XCTest

final class LegendTests: XCTestCase {
  func testBarAndLabels() {
    let grid = render(Legend(colorMap: .diverging), width: 9, height: 3)
    assertEqualLines(
      text(grid),
      """
      █████████
      -1  0   1
      xxxxxxxxx
      """)
    XCTAssertEqual(grid[0, 0].fg, ColorMap.diverging.color(for: -1))
    XCTAssertEqual(grid[4, 0].fg, RGB(128, 128, 128))
    XCTAssertEqual(grid[8, 0].fg, ColorMap.diverging.color(for: 1))
  }

  func testCustomLabels() {
    let grid = render(Legend(colorMap: .viridis).labels(min: "0", mid: "½", max: "1"), width: 5, height: 2)
    assertEqualLines(
      text(grid),
      """
      █████
      0 ½ 1
      """)
  }
}
