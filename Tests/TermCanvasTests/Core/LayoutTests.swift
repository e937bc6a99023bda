import TermCanvas
import XCTest

final class LayoutTests: XCTestCase {
  func testRowsServeFixedSlotsAndGiveTheRestToTheRemainder() {
    let rows = Layout.rows([.fixed(3), .remainder, .fixed(1)], in: Rect(x: 2, y: 1, width: 20, height: 10))
    XCTAssertEqual(
      rows,
      [
        Rect(x: 2, y: 1, width: 20, height: 3),
        Rect(x: 2, y: 4, width: 20, height: 6),
        Rect(x: 2, y: 10, width: 20, height: 1),
      ])
  }

  func testColumnsWithFractionPercentAndRemainder() {
    let columns = Layout.columns([.fraction(0.5), .remainder], in: Rect(x: 0, y: 0, width: 11, height: 2))
    XCTAssertEqual(columns.map(\.width), [5, 6])
    XCTAssertEqual(columns.map(\.x), [0, 5])
    let percent = Layout.columns([.percent(30), .remainder], in: Rect(x: 0, y: 0, width: 10, height: 1))
    XCTAssertEqual(percent.map(\.width), [3, 7])
  }

  func testRemaindersShareEvenlyWithOddCellsFirst() {
    let columns = Layout.columns([.remainder, .remainder], in: Rect(x: 0, y: 0, width: 7, height: 1))
    XCTAssertEqual(columns.map(\.width), [4, 3])
  }

  func testOverflowingSlotsShrinkInOrder() {
    let rows = Layout.rows([.fixed(8), .fixed(5), .remainder], in: Rect(x: 0, y: 0, width: 1, height: 10))
    XCTAssertEqual(rows.map(\.height), [8, 2, 0])
  }

  func testSpacingSitsBetweenSlots() {
    let columns = Layout.columns([.remainder, .remainder], in: Rect(x: 0, y: 0, width: 11, height: 1), spacing: 1)
    XCTAssertEqual(columns, [Rect(x: 0, y: 0, width: 5, height: 1), Rect(x: 6, y: 0, width: 5, height: 1)])
  }

  func testRectHelpers() {
    let rect = Rect(x: 1, y: 2, width: 10, height: 6)
    XCTAssertEqual(rect.inset(by: 1), Rect(x: 2, y: 3, width: 8, height: 4))
    XCTAssertEqual(rect.splitTop(2).top, Rect(x: 1, y: 2, width: 10, height: 2))
    XCTAssertEqual(rect.splitTop(2).rest, Rect(x: 1, y: 4, width: 10, height: 4))
    XCTAssertEqual(rect.splitRight(3).right, Rect(x: 8, y: 2, width: 3, height: 6))
    XCTAssertEqual(rect.centered(width: 4, height: 2), Rect(x: 4, y: 4, width: 4, height: 2))
    XCTAssertEqual(rect.intersection(Rect(x: 8, y: 0, width: 10, height: 3)), Rect(x: 8, y: 2, width: 3, height: 1))
    XCTAssertTrue(rect.intersection(Rect(x: 50, y: 50, width: 1, height: 1)).isEmpty)
    XCTAssertEqual(rect.inset(by: 10).area, 0)
  }
}
