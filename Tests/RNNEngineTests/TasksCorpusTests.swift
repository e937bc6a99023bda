import XCTest

@testable import RNNEngine

/// The built-in corpus is long enough, plain ASCII, and full of what case correction learns from.
final class TasksCorpusTests: XCTestCase {
  private let text = BuiltinCorpus.text
  private let bytes = BuiltinCorpus.bytes

  func testCorpusIsLongPlainASCII() {
    XCTAssertGreaterThanOrEqual(bytes.count, 50_000)
    XCTAssertEqual(bytes.count, text.count, "one byte per character")
    let outside = bytes.filter { $0 >= 128 || ($0 < 32 && $0 != 10) }
    XCTAssertEqual(outside, [], "only printable ASCII and newlines")
  }

  func testCorpusHasTitlesQuotesAndThePronounI() {
    for needle in ["Mr. ", "Mrs. ", "Dr. ", "St. ", "Miss ", "\"", " I ", "London", "?", "!", "\n\n"] {
      XCTAssertTrue(text.contains(needle), "missing \(needle)")
    }
    let openingQuotes = countMatches { previous, current, next in
      current == UInt8(ascii: "\"") && (previous == 10 || previous == 32) && (65...90).contains(next)
    }
    XCTAssertGreaterThan(openingQuotes, 200, "dialogue opening with a capital")
  }

  func testCorpusHasHundredsOfSentenceStarts() {
    // A capital after ".", "?" or "!" and at least one space or line break, closing or opening quotes
    // allowed in between. Titles such as "Mr. Lyle" count too; they need the same capital.
    let quote = UInt8(ascii: "\"")
    let enders: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!")]
    var starts = 0
    var afterEnd = false
    var sawBreak = false
    for byte in bytes {
      if enders.contains(byte) {
        afterEnd = true
        sawBreak = false
      } else if afterEnd && (byte == 32 || byte == 10) {
        sawBreak = true
      } else if afterEnd && byte == quote {
        continue
      } else {
        if afterEnd && sawBreak && (65...90).contains(byte) { starts += 1 }
        afterEnd = false
      }
    }
    XCTAssertGreaterThan(starts, 500)
  }

  private func countMatches(_ matches: (UInt8, UInt8, UInt8) -> Bool) -> Int {
    (1..<(bytes.count - 1)).filter { matches(bytes[$0 - 1], bytes[$0], bytes[$0 + 1]) }.count
  }
}
