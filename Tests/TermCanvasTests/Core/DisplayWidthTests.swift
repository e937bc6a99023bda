import TermCanvas
import XCTest

final class DisplayWidthTests: XCTestCase {
  func testNarrowCharacters() {
    for text in ["a", "~", "é", "▀", "░", "⠁", "│", "·", "ß"] {
      XCTAssertEqual(DisplayWidth.of(Character(text)), 1, text)
    }
  }

  func testWideCharacters() {
    for text in ["中", "日", "ア", "한", "Ｗ", "😀", "👍🏽", "❤️", "🇫🇷"] {
      XCTAssertEqual(DisplayWidth.of(Character(text)), 2, text)
    }
  }

  func testZeroWidthScalars() {
    for scalar: Unicode.Scalar in ["\u{301}", "\u{200B}", "\u{200D}", "\u{FE0F}", "\u{20DD}"] {
      XCTAssertEqual(DisplayWidth.of(scalar), 0, "U+\(String(scalar.value, radix: 16))")
    }
  }

  func testStringWidthSumsGraphemes() {
    XCTAssertEqual(DisplayWidth.of("ab中文e\u{301}"), 7)
  }
}
