import TermCanvas
import TestSupport
import XCTest

final class HeatmapTests: XCTestCase {
  /// 4 × 3 values, row-major: value(row, column) = row / 4 - column / 4 (all inside [-1, 1]).
  private let values: [Float] = (0..<4).flatMap { row in (0..<3).map { column in Float(row - column) / 4 } }

  func testHalfBlocksWithLabelsAndVisibleControlCharacters() {
    let heatmap = Heatmap(rows: 4, columns: 3, values: values)
      .columnLabels(["a", " ", "\n"])
      .rowLabels(["0", "1", "2", "3"])
    assertEqualLines(
      text(render(heatmap, width: 6, height: 4)),
      """
      0 ▀▀▀ 
      2 ▀▀▀ 
            
      xxa·↵ 
      """)
  }

  func testCellColoursAreTheMapColoursOfUpperAndLowerRows() {
    let grid = render(Heatmap(rows: 4, columns: 3, values: values), width: 3, height: 2)
    let map = ColorMap.diverging
    for textRow in 0..<2 {
      for column in 0..<3 {
        let cell = grid[column, textRow]
        XCTAssertEqual(cell.symbol, "▀")
        XCTAssertEqual(cell.fg, map.color(for: values[(2 * textRow) * 3 + column]))
        XCTAssertEqual(cell.bg, map.color(for: values[(2 * textRow + 1) * 3 + column]))
      }
    }
  }

  func testOddRowCountLeavesTheLastLowerHalfDefault() {
    let grid = render(Heatmap(rows: 3, columns: 1, values: [0.5, -0.5, 1]), width: 1, height: 2)
    XCTAssertEqual(grid[0, 1].fg, ColorMap.diverging.color(for: 1))
    XCTAssertNil(grid[0, 1].bg)
  }

  func testCursorIsPaintedAndItsLabelsHighlighted() {
    let heatmap = Heatmap(rows: 4, columns: 3, values: values)
      .columnLabels(["a", "b", "c"]).rowLabels(["0", "1", "2", "3"])
      .cursor(MatrixIndex(row: 1, column: 2)).cursorColor(.yellow)
    let grid = render(heatmap, width: 5, height: 3)
    XCTAssertEqual(grid[4, 0].bg, .yellow, "row 1 is the lower half of text row 0")
    XCTAssertEqual(grid[4, 0].fg, ColorMap.diverging.color(for: values[2]))
    XCTAssertTrue(grid[0, 0].attributes.contains(.reverse), "row label of the cursor")
    XCTAssertFalse(grid[0, 1].attributes.contains(.reverse))
    XCTAssertTrue(grid[4, 2].attributes.contains(.reverse), "column label of the cursor")
    XCTAssertFalse(grid[3, 2].attributes.contains(.reverse))
  }

  func testScrollOffsetChoosesTheVisibleWindowAndIsClamped() {
    let big = (0..<100).map { Float($0) / 100 }  // 10 × 10, value = (10 row + column) / 100
    let map = ColorMap.viridis
    let scrolled = render(
      Heatmap(rows: 10, columns: 10, values: big).colorMap(map).offset(MatrixIndex(row: 4, column: 5)),
      width: 3, height: 1)
    XCTAssertEqual(scrolled[0, 0].fg, map.color(for: 0.45))
    XCTAssertEqual(scrolled[0, 0].bg, map.color(for: 0.55))
    XCTAssertEqual(scrolled[2, 0].fg, map.color(for: 0.47))

    let heatmap = Heatmap(rows: 10, columns: 10, values: big).offset(MatrixIndex(row: 9, column: 9))
    XCTAssertEqual(heatmap.clampedOffset(in: Rect(x: 0, y: 0, width: 3, height: 1)), MatrixIndex(row: 8, column: 7))
    XCTAssertEqual(heatmap.visibleDataSize(in: Rect(x: 0, y: 0, width: 3, height: 1)), MatrixIndex(row: 2, column: 3))
  }

  func testScrollingFollowsTheCursor() {
    let heatmap = Heatmap(rows: 10, columns: 10, values: Array(repeating: 0, count: 100))
      .cursor(MatrixIndex(row: 9, column: 1))
    let rect = Rect(x: 0, y: 0, width: 3, height: 2)
    XCTAssertEqual(heatmap.scrolledToCursor(in: rect).offset, MatrixIndex(row: 6, column: 0))
    let back = heatmap.offset(MatrixIndex(row: 6, column: 5)).scrolledToCursor(in: rect)
    XCTAssertEqual(back.offset, MatrixIndex(row: 6, column: 1))
  }

  func testDoubleWidthCells() {
    let grid = render(Heatmap(rows: 1, columns: 2, values: [-1, 1]).cellWidth(2), width: 5, height: 1)
    assertEqualLines(text(grid), "▀▀▀▀ ")
    XCTAssertEqual(grid[1, 0].fg, ColorMap.diverging.color(for: -1))
    XCTAssertEqual(grid[2, 0].fg, ColorMap.diverging.color(for: 1))
  }

  func testMonochromeUsesShadeCharactersByIntensity() {
    let sequential = render(
      Heatmap(rows: 1, columns: 3, values: [0, 0.5, 1]).colorMap(.viridis).monochrome(true),
      width: 3, height: 1)
    assertEqualLines(text(sequential), " ▒█")
    let diverging = render(
      Heatmap(rows: 2, columns: 3, values: [-1, 0, 1, 0.5, -0.5, 0]).monochrome(true),
      width: 3, height: 2)
    assertEqualLines(
      text(diverging),
      """
      █ █
      ▒▒ 
      """)
    XCTAssertTrue(diverging[0, 0].attributes.contains(.dim), "negative values are dim")
    XCTAssertFalse(diverging[2, 0].attributes.contains(.dim))
    XCTAssertNil(diverging[0, 0].fg)
  }

  func testNaNGetsTheNonFiniteColour() {
    let grid = render(Heatmap(rows: 2, columns: 1, values: [.nan, .infinity]), width: 1, height: 1)
    XCTAssertEqual(grid[0, 0].fg, ColorMap.diverging.nonFiniteColor)
    XCTAssertEqual(grid[0, 0].bg, ColorMap.diverging.nonFiniteColor)
  }

  func testVisibleLabels() {
    XCTAssertEqual(Heatmap.visibleLabel(" "), "·")
    XCTAssertEqual(Heatmap.visibleLabel("\n"), "↵")
    XCTAssertEqual(Heatmap.visibleLabel("\t"), "⇥")
    XCTAssertEqual(Heatmap.visibleLabel("\u{7}"), "�")
    XCTAssertEqual(Heatmap.visibleLabel("q"), "q")
  }

  func testDrawsNothingOutsideItsRect() {
    let grid = render(
      Heatmap(rows: 4, columns: 3, values: values), width: 6, height: 4,
      in: Rect(x: 1, y: 1, width: 4, height: 2))
    assertEqualLines(
      text(grid),
      """
      xxxxxx
      x▀▀▀ x
      x▀▀▀ x
      xxxxxx
      """)
  }
}
