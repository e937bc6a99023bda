import TermCanvas
import TestSupport
import XCTest

final class GaugeTests: XCTestCase {
  func testLabelBarAndValue() {
    let gauge = Gauge(fraction: 0.5).label("acc").valueText("50%").color(.green)
    let grid = render(gauge, width: 20, height: 2)
    assertEqualLines(
      text(grid),
      """
      acc ██████       50%
      xxxxxxxxxxxxxxxxxxxx
      """)
    XCTAssertEqual(grid[4, 0].fg, .green)
    XCTAssertNil(grid[0, 0].fg)
  }

  func testEighthBlockResolution() {
    // 0.33 of 10 cells = 26.4 → 26 eighths: 3 full cells and 2/8.
    assertEqualLines(text(render(Gauge(fraction: 0.33), width: 10, height: 1)), "███▎      ")
    assertEqualLines(text(render(Gauge(fraction: 1.7), width: 4, height: 1)), "████")
    assertEqualLines(text(render(Gauge(fraction: .nan), width: 4, height: 1)), "    ")
  }
}
