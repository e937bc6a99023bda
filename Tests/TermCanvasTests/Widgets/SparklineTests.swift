import TermCanvas
import TestSupport
import XCTest

final class SparklineTests: XCTestCase {
  func testEighthBlocksFromZero() {
    let grid = render(
      Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8]), width: 11, height: 2,
      in: Rect(x: 1, y: 0, width: 9, height: 1))
    assertEqualLines(
      text(grid),
      """
      x ▁▂▃▄▅▆▇█x
      xxxxxxxxxxx
      """)
  }

  func testTallSparklineStacksBlocks() {
    assertEqualLines(
      text(render(Sparkline(values: [0, 4, 8, 16]), width: 4, height: 2)),
      """
         █
       ▄██
      """)
  }

  func testShowsTheMostRecentValues() {
    // Last five of 0…19, scaled to 0…19: 15/19·8 ≈ 6.3 → ▆, 16 → 6.7 → ▇, 17 → 7.2 → ▇, 18, 19 → █.
    assertEqualLines(text(render(Sparkline(values: (0..<20).map(Float.init)), width: 5, height: 1)), "▆▇▇██")
  }

  func testNaNLeavesAGapAndFixedRangeClamps() {
    assertEqualLines(text(render(Sparkline(values: [1, .nan, 2]), width: 3, height: 1)), "▄ █")
    assertEqualLines(text(render(Sparkline(values: [5, 10, 20]).range(0...10), width: 3, height: 1)), "▄██")
  }

  func testStyleIsApplied() {
    let grid = render(Sparkline(values: [1]).style(Style(fg: .green)), width: 1, height: 1)
    XCTAssertEqual(grid[0, 0].fg, .green)
  }
}
