import Foundation
import XCTest

@testable import RNNEngine

/// Loading `--text` files: what is accepted, what is refused and how the refusal reads.
final class TasksTextSourceTests: XCTestCase {
  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("rnnscope-text-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try FileManager.default.removeItem(at: directory)
  }

  private func write(_ bytes: [UInt8], to name: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  private func loadError(_ path: String) -> TextSourceError? {
    do {
      _ = try TextSource.load(path: path)
      return nil
    } catch {
      return error
    }
  }

  func testValidUTF8FileKeepsItsBytes() throws {
    let bytes = Array("Mr. Ashby's caf\u{E9} -- \"tea\"\n".utf8)
    let path = try write(bytes, to: "ok.txt")
    let source = try TextSource.load(path: path)
    XCTAssertEqual(source.bytes, bytes)
    XCTAssertEqual(source.name, path)
  }

  func testMissingFile() {
    let path = directory.appendingPathComponent("nope.txt").path
    let error = loadError(path)
    XCTAssertEqual(error, .missing(path: path))
    XCTAssertEqual(error?.description, "cannot read text file '\(path)': no such file")
  }

  func testDirectoryIsUnreadable() {
    let error = loadError(directory.path)
    XCTAssertEqual(error, .unreadable(path: directory.path, reason: "it is a directory"))
  }

  func testEmptyFile() throws {
    let path = try write([], to: "empty.txt")
    let error = loadError(path)
    XCTAssertEqual(error, .empty(path: path))
    XCTAssertTrue(error?.description.contains(path) ?? false)
    XCTAssertTrue(error?.description.contains("empty") ?? false)
  }

  func testFileWithNulBytesIsBinary() throws {
    let path = try write(Array("hello".utf8) + [0, 1, 2] + Array("world".utf8), to: "data.bin")
    let error = loadError(path)
    XCTAssertEqual(error, .binary(path: path, reason: "NUL byte at offset 5"))
    XCTAssertTrue(error?.description.contains("data.bin") ?? false)
    XCTAssertTrue(error?.description.contains("binary") ?? false)
  }

  func testFileFullOfControlBytesIsBinary() throws {
    let bytes = (0..<400).map { $0 % 4 == 0 ? UInt8(0x1B) : UInt8(ascii: "x") }  // 25% ESC
    let path = try write(bytes, to: "escapes.txt")
    guard case .binary(let reported, _) = loadError(path) else { return XCTFail("expected a binary-file error") }
    XCTAssertEqual(reported, path)
  }

  func testTabsNewlinesAndCarriageReturnsAreText() throws {
    let path = try write(Array("a\tb\r\nc\n\n".utf8), to: "whitespace.txt")
    XCTAssertNoThrow(try TextSource.load(path: path))
  }

  func testInvalidUTF8ReportsTheFirstBadByte() throws {
    let path = try write([0x66, 0x6F, 0xFF, 0x6F, 0x0A], to: "latin1.txt")
    let error = loadError(path)
    XCTAssertEqual(error, .invalidUTF8(path: path, offset: 2))
    XCTAssertTrue(error?.description.contains("latin1.txt") ?? false)
    XCTAssertTrue(error?.description.contains("UTF-8") ?? false)
    XCTAssertFalse(error?.description.contains("\n") ?? true)
  }

  func testTruncatedMultibyteSequenceIsInvalid() {
    XCTAssertEqual(TextSource.firstInvalidUTF8Offset(Array("ab".utf8) + [0xC3]), 2)
    XCTAssertNil(TextSource.firstInvalidUTF8Offset(Array("ab\u{E9}\u{1F600}".utf8)))
  }

  func testSplitKeepsTheLastTenthForHeldOut() {
    let bytes = (0..<1000).map { UInt8($0 % 251) }
    let source = TextSource(name: "numbers", bytes: bytes)
    XCTAssertEqual(source.trainingBytes, Array(bytes[0..<900]))
    XCTAssertEqual(source.heldOutBytes, Array(bytes[900...]))
    let quarter = TextSource(name: "numbers", bytes: bytes, heldOutFraction: 0.25)
    XCTAssertEqual(quarter.heldOutBytes.count, 250)
    XCTAssertEqual(quarter.trainingBytes + quarter.heldOutBytes, bytes)
  }

  func testBuiltinSourceIsTheCorpus() {
    let source = TextSource.builtin()
    XCTAssertEqual(source.bytes, BuiltinCorpus.bytes)
    XCTAssertTrue(source.name.contains(BuiltinCorpus.name))
  }
}
