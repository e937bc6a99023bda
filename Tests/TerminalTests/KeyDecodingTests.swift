import TermCanvas
import XCTest

@testable import Terminal

/// Curses key codes and typed characters decoded into `Key`s. The codes are ncurses' own values,
/// written out so that the test does not read the same constants the decoder does.
final class KeyDecodingTests: XCTestCase {
  func testSpecialKeyCodes() {
    let expected: [(Int32, Key)] = [
      (0o402, .down), (0o403, .up), (0o404, .left), (0o405, .right), (0o406, .home), (0o407, .backspace),
      (0o522, .pageDown), (0o523, .pageUp), (0o527, .enter), (0o541, .backTab), (0o550, .end),
    ]
    for (code, key) in expected {
      XCTAssertEqual(KeyDecoding.key(forKeyCode: code), key, "code \(code)")
    }
  }

  func testFunctionKeysOneToTwelve() {
    let f0: Int32 = 0o410
    for number in 1...12 {
      XCTAssertEqual(KeyDecoding.key(forKeyCode: f0 + Int32(number)), .function(number), "F\(number)")
    }
    XCTAssertNil(KeyDecoding.key(forKeyCode: f0), "F0 is no key")
    XCTAssertNil(KeyDecoding.key(forKeyCode: f0 + 13), "F13 is not decoded")
  }

  func testUnknownKeyCodesAreIgnored() {
    for code: Int32 in [0o401, 0o411 + 63, 0o777, -1] {
      XCTAssertNil(KeyDecoding.key(forKeyCode: code), "code \(code)")
    }
  }

  func testControlCharactersBeforeCtrlLetters() {
    // Tab, Enter (either line ending), Escape and both backspaces come before Ctrl plus a letter.
    let expected: [(UInt32, Key)] = [
      (9, .tab), (10, .enter), (13, .enter), (27, .escape), (8, .backspace), (127, .backspace),
      (1, .control("a")), (3, .control("c")), (12, .control("l")), (26, .control("z")),
    ]
    for (value, key) in expected {
      XCTAssertEqual(KeyDecoding.key(forCharacter: value), key, "character \(value)")
    }
  }

  func testPrintableAndWideCharacters() {
    for character: Character in ["q", "Q", " ", "?", "é", "ж", "字", "🙂"] {
      let value = character.unicodeScalars.first!.value
      XCTAssertEqual(KeyDecoding.key(forCharacter: value), .character(character), "\(character)")
    }
  }

  func testValuesThatAreNoUnicodeScalarAreIgnored() {
    for value: UInt32 in [0xD800, 0xDFFF, 0x11_0000] {
      XCTAssertNil(KeyDecoding.key(forCharacter: value), "value \(value)")
    }
  }
}
