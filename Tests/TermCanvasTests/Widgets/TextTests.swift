import TermCanvas
import TestSupport
import XCTest

final class TextTests: XCTestCase {
  func testTruncationWithEllipsisAndClearedRows() {
    assertEqualLines(
      text(render(Text(["hello world", "hi"]), width: 8, height: 3)),
      """
      hello w…
      hi      
              
      """)
  }

  func testAlignment() {
    assertEqualLines(text(render(Text(["hi"]).alignment(.right), width: 6, height: 1)), "    hi")
    assertEqualLines(text(render(Text(["ab"]).alignment(.center), width: 7, height: 1)), "  ab   ")
  }

  func testSpansKeepTheirStyles() {
    let bold = Style(attributes: .bold)
    let grid = render(
      Text(lines: [[Span("ab", style: bold), Span("cd", style: Style(fg: .red))]]), width: 5, height: 1)
    assertEqualLines(text(grid), "abcd ")
    XCTAssertEqual(grid[1, 0].attributes, .bold)
    XCTAssertEqual(grid[2, 0].fg, .red)
    XCTAssertEqual(grid[2, 0].attributes, [])
  }

  func testWideTextIsCutWithoutSplittingCharacters() {
    assertEqualLines(text(render(Text(["中文字"]), width: 4, height: 1)), "中… ")
  }

  func testWrappingBreaksAfterSpacesAndDropsThemAtTheBreak() {
    let lines = Text.wrapped(["The pendulum has been stopped"], width: 12)
    XCTAssertEqual(lines.map { $0.map(\.text).joined() }, ["The pendulum", "has been", "stopped"])
  }

  func testWrappingCutsAWordWiderThanTheLineAndKeepsStyles() {
    let dim = Style(attributes: .dim)
    let lines = Text.wrapped([Span("ab ", style: dim), Span("cdefghij k")], width: 4)
    XCTAssertEqual(lines, [[Span("ab", style: dim)], [Span("cdef")], [Span("ghij")], [Span("k")]])
    XCTAssertEqual(
      Text.wrapped([Span("ab", style: dim), Span("c d")], width: 5), [[Span("ab", style: dim), Span("c d")]])
    XCTAssertEqual(Text.wrapped(["中文"], width: 1).count, 2, "a character wider than the line gets a line of its own")
  }
}
