import TermCanvas
import TestSupport
import XCTest

final class TableTests: XCTestCase {
  private let table = Table(header: ["name", "loss"], rows: [["lstm", "0.42"], ["gru", "1.5"]])

  func testColumnsAlignedWithNumbersOnTheRight() {
    assertEqualLines(
      text(render(table, width: 14, height: 4)),
      """
      name  loss    
      lstm  0.42    
      gru    1.5    
                    
      """)
  }

  func testNarrowTableCutsTheWidestColumnsFirst() {
    assertEqualLines(
      text(render(table, width: 8, height: 3)),
      """
      na…  lo…
      ls…  0.…
      gru  1.5
      """)
  }

  func testSelectedRowAndHeaderStyle() {
    let grid = render(table.selectedRow(1), width: 14, height: 3)
    XCTAssertTrue(grid[0, 0].attributes.contains(.bold))
    XCTAssertTrue(grid[13, 2].attributes.contains(.reverse), "the whole selected row is highlighted")
    XCTAssertFalse(grid[0, 1].attributes.contains(.reverse))
  }
}
