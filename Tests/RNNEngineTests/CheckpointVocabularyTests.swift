import Foundation
import XCTest

@testable import RNNEngine

final class CheckpointVocabularyTests: XCTestCase {
  private var directory: URL!

  override func setUpWithError() throws {
    directory = try SafeTensorsTestSupport.temporaryDirectory()
  }

  override func tearDownWithError() throws {
    try FileManager.default.removeItem(at: directory)
  }

  private func vocabularyFile(_ json: String) throws -> URL {
    let url = directory.appendingPathComponent("vocab.json")
    try Data(json.utf8).write(to: url)
    return url
  }

  private func assertRejected(_ json: String, _ fragment: String, line: UInt = #line) throws {
    XCTAssertThrowsError(try ImportVocabulary(contentsOf: vocabularyFile(json)), line: line) { error in
      XCTAssertTrue("\(error)".hasPrefix("vocab.json: "), "\(error)", line: line)
      XCTAssertTrue("\(error)".contains(fragment), "\"\(error)\" lacks \"\(fragment)\"", line: line)
    }
  }

  func testReadsSymbolsInIndexOrder() throws {
    let vocabulary = try ImportVocabulary(contentsOf: vocabularyFile(#"["\n", " ", "a", "é", "🙂"]"#))
    XCTAssertEqual(vocabulary.symbols, ["\n", " ", "a", "é", "🙂"])
    XCTAssertEqual(vocabulary.count, 5)
  }

  func testRejectsMalformedVocabularies() throws {
    try assertRejected("{\"a\": 1}", "must be a JSON list of one-character strings")
    try assertRejected("[\"a\", ", "must be a JSON list")
    try assertRejected("[]", "the vocabulary is empty")
    try assertRejected(#"["a", "bc"]"#, "entry 1 (bc) is not a one-character string")
    try assertRejected(#"["a", 7]"#, "entry 1 (7) is not a one-character string")
    try assertRejected(#"["a", "b", "a"]"#, "entry 2 repeats the symbol \"a\" of entry 0")
    XCTAssertThrowsError(try ImportVocabulary(contentsOf: directory.appendingPathComponent("none.json"))) { error in
      XCTAssertTrue("\(error)".hasPrefix("none.json: cannot read the vocabulary file"), "\(error)")
    }
  }

  func testByteVocabularyIsTheIdentityOverLatin1() {
    XCTAssertEqual(ImportVocabulary.bytes.count, 256)
    XCTAssertEqual(Set(ImportVocabulary.bytes.symbols).count, 256)
    XCTAssertEqual(ImportVocabulary.bytes.symbols[65], "A")
    XCTAssertEqual(ImportVocabulary.bytes.symbols[10], "\n")
    XCTAssertEqual(ImportVocabulary.bytes.symbols[233], "é")
  }
}
