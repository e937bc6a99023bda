import Foundation
import XCTest

@testable import RNNEngine

/// Broken and malicious files: each must fail with one clear line naming the file and the problem.
final class SafeTensorsHostileFileTests: XCTestCase {
  private let fileName = "model.safetensors"

  private func assertRejected(
    _ bytes: Data, _ fragment: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertThrowsError(try SafeTensorsFile(bytes: bytes, fileName: fileName), file: file, line: line) { error in
      let text = "\(error)"
      XCTAssertTrue(error is SafeTensorsError, "\(type(of: error))", file: file, line: line)
      XCTAssertTrue(text.hasPrefix("\(fileName): "), text, file: file, line: line)
      XCTAssertTrue(text.contains(fragment), "\"\(text)\" lacks \"\(fragment)\"", file: file, line: line)
      XCTAssertFalse(text.contains("\n"), text, file: file, line: line)
    }
  }

  private func header(_ tensors: String) -> String { "{\(tensors)}" }
  private let floats4 = [UInt8](repeating: 0, count: 16)

  func testHeaderLengthProblems() {
    let valid = header(#""a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}"#)
    assertRejected(
      SafeTensorsTestSupport.rawFile(header: valid, data: floats4, headerLength: 4096),
      "header length 4096 runs beyond the end of the")
    assertRejected(
      SafeTensorsTestSupport.rawFile(header: valid, data: floats4, headerLength: 0), "header length 0 is too small")
    assertRejected(
      SafeTensorsTestSupport.rawFile(header: valid, data: floats4, headerLength: 1 << 63),
      "header length 9223372036854775808 runs beyond")
    assertRejected(
      SafeTensorsTestSupport.rawFile(header: valid, data: floats4, headerLength: .max), "runs beyond the end")
  }

  func testHeaderOverTheSizeLimit() {
    // The claimed length fits in the (zero-filled) file but is over the cap, so the JSON is never parsed.
    var file = Data(count: 8 + SafeTensorsFile.maximumHeaderLength + 1)
    file.replaceSubrange(0..<8, with: SafeTensorsTestSupport.rawFile(header: "", headerLength: 100_000_001))
    assertRejected(file, "header length 100000001 exceeds the 100000000-byte limit")
  }

  func testHeaderThatIsNotAJSONObject() {
    assertRejected(SafeTensorsTestSupport.rawFile(header: "{not json}"), "header is not valid JSON")
    assertRejected(SafeTensorsTestSupport.rawFile(header: "[1, 2]"), "header is not a JSON object")
    assertRejected(
      SafeTensorsTestSupport.rawFile(header: String(repeating: "[", count: 5000)), "header is not valid JSON")
    var invalidUTF8 = SafeTensorsTestSupport.rawFile(header: #"{"a":"xx"}"#)
    invalidUTF8[14] = 0xFF
    assertRejected(invalidUTF8, "header is not valid JSON")
    assertRejected(
      SafeTensorsTestSupport.rawFile(header: #"{"__metadata__":{"a":1}}"#),
      "__metadata__ value for \"a\" is not a string")
  }

  func testOffsetProblems() {
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""rnn.weight_hh_l0":{"dtype":"F32","shape":[1024],"data_offsets":[0,4096]}"#), data: floats4),
      #"tensor "rnn.weight_hh_l0" has data_offsets [0, 4096] beyond the 16-byte data section"#)
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[0],"data_offsets":[16,8]}"#), data: floats4),
      "has data_offsets [16, 8] with begin after end")
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(
          #""a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}"#
        ),
        data: floats4),
      #"tensors "a" [0, 12] and "b" [8, 16] overlap"#)
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}"#), data: floats4),
      "data section bytes [0, 8) belong to no tensor")
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#), data: floats4),
      "data section bytes [8, 16) come after the last tensor")
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[4],"data_offsets":[0]}"#), data: floats4),
      #"tensor "a" has no "data_offsets" pair"#)
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[4],"data_offsets":[-4,16]}"#), data: floats4),
      #"tensor "a" has no "data_offsets" pair"#)
  }

  func testDTypeAndShapeProblems() {
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"Q7","shape":[4],"data_offsets":[0,16]}"#), data: floats4),
      #"tensor "a" has unknown dtype "Q7""#)
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}"#), data: floats4),
      "has shape [3] of F32 (12 bytes) but data_offsets [0, 16] hold 16 bytes")
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}"#), data: floats4),
      #"tensor "a" has no "shape" list of non-negative integers"#)
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[4.5],"data_offsets":[0,16]}"#), data: floats4),
      #"no "shape" list"#)
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,16]}"#), data: floats4),
      #"no "shape" list"#)
    // Each factor fits in Int but the product does not: 4 * 2^32 * 2^32 bytes.
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,16]}"#), data: floats4),
      "has shape [4294967296, 4294967296], too large to address")
    // A zero dimension makes the product 0 even after huge ones, so it is a size mismatch, not an overflow.
    assertRejected(
      SafeTensorsTestSupport.rawFile(
        header: header(#""a":{"dtype":"F32","shape":[0,4611686018427387904],"data_offsets":[0,16]}"#), data: floats4),
      "(0 bytes) but data_offsets [0, 16] hold 16 bytes")
  }

  func testTruncatedAndTinyFiles() throws {
    let url = try SafeTensorsTestSupport.fixtureURL("gru_embed.safetensors")
    let whole = try Data(contentsOf: url)
    assertRejected(whole.prefix(whole.count - 1), "beyond the 36895-byte data section")
    assertRejected(whole + Data([0]), "data section bytes [36896, 36897) come after the last tensor")
    assertRejected(whole.prefix(300), "header length 560 runs beyond the end of the 300-byte file")
    assertRejected(whole.prefix(5), "file is 5 bytes, too short for the 8-byte header length")
    assertRejected(Data(), "file is empty")
  }

  func testMissingFileAndDirectory() throws {
    let directory = try SafeTensorsTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    XCTAssertThrowsError(try SafeTensorsFile(contentsOf: directory.appendingPathComponent("absent.safetensors"))) {
      error in
      XCTAssertTrue("\(error)".hasPrefix("absent.safetensors: no such file"), "\(error)")
    }
    XCTAssertThrowsError(try SafeTensorsFile(contentsOf: directory)) { error in
      XCTAssertTrue("\(error)".contains("is a directory"), "\(error)")
    }
    let empty = directory.appendingPathComponent("empty.safetensors")
    try Data().write(to: empty)
    XCTAssertThrowsError(try SafeTensorsFile(contentsOf: empty)) { error in
      XCTAssertEqual("\(error)", "empty.safetensors: file is empty")
    }
  }
}
