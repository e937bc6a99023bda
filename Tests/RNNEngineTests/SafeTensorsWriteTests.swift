import Foundation
import XCTest

@testable import RNNEngine

final class SafeTensorsWriteTests: XCTestCase {
  private func sampleWriter() -> SafeTensorsWriter {
    var writer = SafeTensorsWriter(metadata: ["format": "rnnscope", "note": "quote \" backslash \\ newline \n"])
    writer.add("rnn.weight_hh_l0", shape: [2, 3], values: [1, -2, 0.5, .pi, -0.0, 1e-30])
    writer.add("optimizer.step", shape: [2], values: [Int64.max, Int64(bitPattern: 0xDEAD_BEEF_0000_0001)])
    writer.add("head.bias", shape: [1], values: [Float.greatestFiniteMagnitude])
    writer.add("empty", shape: [0, 4], values: [Float]())
    return writer
  }

  func testWriteThenReadGivesTheSameTensorsAndMetadata() throws {
    let directory = try SafeTensorsTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("checkpoint.safetensors")
    try sampleWriter().write(to: url)

    let file = try SafeTensorsFile(contentsOf: url)
    XCTAssertEqual(file.names, ["rnn.weight_hh_l0", "optimizer.step", "head.bias", "empty"])
    XCTAssertEqual(file.metadata, ["format": "rnnscope", "note": "quote \" backslash \\ newline \n"])
    let expected: [Float] = [1, -2, 0.5, .pi, -0.0, 1e-30]
    XCTAssertEqual(try file.floats("rnn.weight_hh_l0").map(\.bitPattern), expected.map(\.bitPattern))
    XCTAssertEqual(file.entry(named: "rnn.weight_hh_l0")?.shape, [2, 3])
    XCTAssertEqual(try file.int64s("optimizer.step"), [Int64.max, Int64(bitPattern: 0xDEAD_BEEF_0000_0001)])
    XCTAssertEqual(try file.floats("head.bias"), [Float.greatestFiniteMagnitude])
    XCTAssertEqual(file.entry(named: "empty")?.shape, [0, 4])
    XCTAssertEqual(try file.floats("empty"), [])
  }

  /// The header length is a multiple of 8 and the padding is spaces, as the reference writes it.
  func testHeaderIsPaddedWithSpacesToEightBytes() throws {
    for tensorCount in 1...9 {
      var writer = SafeTensorsWriter()
      for index in 0..<tensorCount {
        writer.add("t\(index)", shape: [index], values: [Float](repeating: 1, count: index))
      }
      let bytes = writer.encoded()
      let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
      XCTAssertEqual(headerLength % 8, 0)
      let header = try XCTUnwrap(String(data: bytes.subdata(in: 8..<(8 + headerLength)), encoding: .utf8))
      XCTAssertTrue(header.hasPrefix("{\"t0\":{"), header)
      XCTAssertEqual(header.trimmingCharacters(in: .whitespaces).last, "}")
      XCTAssertLessThan(header.count - header.trimmingCharacters(in: .whitespaces).count, 8)
    }
  }

  /// The atomic write replaces an existing file and leaves nothing else in the directory.
  func testAtomicWriteReplacesTheFileAndLeavesNoTemporaryFiles() throws {
    let directory = try SafeTensorsTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("run.json")
    try AtomicFile.write(Data("old contents that are longer".utf8), to: url)
    try AtomicFile.write(Data("new".utf8), to: url)
    XCTAssertEqual(try Data(contentsOf: url), Data("new".utf8))
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["run.json"])
  }

  /// Writing into a directory that does not exist fails with a message naming the file.
  func testAtomicWriteIntoMissingDirectoryFails() throws {
    let url = URL(fileURLWithPath: "/nonexistent-rnnscope-dir/model.safetensors")
    XCTAssertThrowsError(try sampleWriter().write(to: url)) { error in
      XCTAssertTrue("\(error)".hasPrefix("/nonexistent-rnnscope-dir/model.safetensors: cannot write"), "\(error)")
    }
  }
}
