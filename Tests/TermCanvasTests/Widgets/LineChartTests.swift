import TermCanvas
import TestSupport
import XCTest

final class LineChartTests: XCTestCase {
  private func bare(_ series: [LineChart.Series]) -> LineChart {
    LineChart(series: series).showsLegend(false).showsXAxis(false)
  }

  func testRisingLineWithTickLabels() {
    // Dots (x, y) from (0, 7) to (3, 0) on a 4 × 8 dot raster: each cell gets the pattern ⡜.
    let chart = bare([.init(label: "", values: [0, 1], color: .cyan)])
    assertEqualLines(
      text(render(chart, width: 6, height: 2)),
      """
      1.0┤ ⡜
      0.0┤⡜ 
      """)
  }

  func testSeriesColourAndAxisStyle() {
    let grid = render(bare([.init(label: "", values: [0, 1], color: .cyan)]), width: 6, height: 2)
    XCTAssertEqual(grid[5, 0].fg, .cyan)
    XCTAssertEqual(grid[4, 1].fg, .cyan)
    XCTAssertTrue(grid[3, 0].attributes.contains(.dim))
  }

  func testNaNAndInfinityBreakTheLine() {
    let flat: [Float] = [1, 1, 1]
    let broken: [Float] = [1, .nan, 1]
    // Labels "0", "1", "2" take a 2-column gutter, leaving a 2-cell (4 × 8 dot) plot.
    let solid = render(bare([.init(label: "", values: flat, color: .red)]).yRange(0...2), width: 4, height: 2)
    let gap = render(bare([.init(label: "", values: broken, color: .red)]).yRange(0...2), width: 4, height: 2)
    let infinite = render(
      bare([.init(label: "", values: [1, .infinity, 1], color: .red)]).yRange(0...2), width: 4, height: 2)
    // y = 1 is dot row 4 (the top dot row of text row 1): ⠉ is both top dots of a cell.
    XCTAssertEqual(PlainTextExporter().lines(solid)[1].suffix(2), "⠉⠉")
    XCTAssertEqual(PlainTextExporter().lines(gap)[1].suffix(2), "⠁⠈")
    XCTAssertEqual(PlainTextExporter().lines(infinite)[1].suffix(2), "⠁⠈")
  }

  func testDashedSeriesDrawsEveryOtherDot() {
    let values: [Float] = [0, 0, 0, 0]
    let solid = render(bare([.init(label: "", values: values, color: .red)]).yRange(0...1), width: 6, height: 2)
    let dashed = render(
      bare([.init(label: "", values: values, color: .red, dashed: true)]).yRange(0...1), width: 6, height: 2)
    XCTAssertEqual(PlainTextExporter().lines(solid)[1].suffix(2), "⣀⣀")
    XCTAssertEqual(PlainTextExporter().lines(dashed)[1].suffix(2), "⡀⡀")
  }

  func testExplicitXValues() {
    // On 12 dot columns spanning x 0…9, x = 3 is dot column 4: the line covers dots 0…4.
    let chart = bare([.init(label: "", values: [1, 1], xs: [0, 3], color: .red)]).yRange(0...2).xRange(0...9)
    let grid = render(chart, width: 8, height: 2)
    XCTAssertEqual(PlainTextExporter().lines(grid)[1], "0┤⠉⠉⠁   ")
  }

  func testLegendAndXAxis() {
    let chart = LineChart(series: [
      .init(label: "train", values: [0, 1, 2, 3], color: .cyan),
      .init(label: "theory", values: [0, 1, 2, 3], color: .gray, dashed: true),
    ]).markers([.init(x: 2, color: .yellow, label: "clip")])
    let lines = PlainTextExporter().lines(render(chart, width: 40, height: 6))
    XCTAssertEqual(lines[0], "─ train  ╌ theory  │ clip".padding(toLength: 40, withPad: " ", startingAt: 0))
    XCTAssertTrue(lines[5].hasSuffix("3"), lines[5])
    XCTAssertTrue(lines[5].contains("0 "), lines[5])
  }

  func testMarkerIsAVerticalDottedLine() {
    let chart = bare([]).markers([.init(x: 0.5, color: .yellow)]).xRange(0...1).yRange(0...1)
    let grid = render(chart, width: 7, height: 2)
    // Dot column 3 of 6 is the right column of cell 1; every other dot row: ⠠ (row 2) + ⠈ (row 0) = ⠨.
    XCTAssertEqual(PlainTextExporter().lines(grid).map { String($0.suffix(3)) }, [" ⠨ ", " ⠨ "])
    XCTAssertEqual(grid[5, 0].fg, .yellow)
  }

  func testLogAxisLabelsAndSkippedNonPositiveValues() {
    let chart = bare([.init(label: "", values: [1e-4, 0, -1, 1e-2, 1], color: .green)]).yScale(.log10)
    let lines = PlainTextExporter().lines(render(chart, width: 12, height: 5))
    // Auto range 1e-4…1 (4 decades); at most 2 ticks: exponents divisible by 3 → 1e-3 and 1.
    XCTAssertEqual(lines[0].prefix(5), "   1┤")
    XCTAssertEqual(lines[3].prefix(5), "1e-3┤")
    XCTAssertEqual(lines[1].prefix(5), "    │")
  }
}
