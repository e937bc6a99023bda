import Foundation
import XCTest

@testable import RNNEngine

/// Mutation fuzzing: corrupted versions of real files must either read cleanly or fail with a
/// `SafeTensorsError` (or, for the model analysis, an `ImportError`) naming the file — never crash.
///
/// `RNNSCOPE_FUZZ_CASES=N` sets the number of cases (default 2,000); `RNNSCOPE_FUZZ_SEED` the seed.
final class SafeTensorsFuzzTests: XCTestCase {
  private let fileName = "fuzz.safetensors"

  /// JSON fragments spliced into headers: hostile numbers, deep nesting, stray brackets, bad strings.
  private let fragments = [
    #""x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"#, #""__metadata__":{"a":1},"#, "-1", "1e400",
    "99999999999999999999", "18446744073709551615", "[[[[[[[[", "]]]]", "{", "}", ",", "\"\\u0000\"", "\"\\ud800\"",
    "null", "true", "0.5", #""shape":[4294967296,4294967296],"#, #""dtype":"I64","#, #""dtype":"BOOL","#,
    #""data_offsets":[0,0],"#, "\u{FF}",
  ]

  func testMutatedFilesNeverCrash() throws {
    let environment = ProcessInfo.processInfo.environment
    let caseCount = environment["RNNSCOPE_FUZZ_CASES"].flatMap(Int.init) ?? 2_000
    let seed = environment["RNNSCOPE_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_240_601
    let originals = try seedFiles()
    var random = SeededRandom(seed: seed)
    var outcomes = (read: 0, rejected: 0)
    let start = Date()

    for caseIndex in 0..<caseCount {
      var bytes = originals[random.int(in: 0..<originals.count)]
      let mutationCount = 1 + random.int(in: 0..<3)
      var applied: [String] = []
      for _ in 0..<mutationCount { applied.append(mutate(&bytes, &random)) }
      let context = "case \(caseIndex) (seed \(seed)): \(applied.joined(separator: ", "))"
      do {
        let file = try SafeTensorsFile(bytes: bytes, fileName: fileName)
        try checkReadable(file, fileSize: bytes.count, context: context)
        outcomes.read += 1
      } catch let error as SafeTensorsError {
        XCTAssertFalse(error.problem.isEmpty, context)
        XCTAssertTrue(error.description.hasPrefix("\(fileName): "), "\(context): \(error)")
        XCTAssertFalse(error.description.contains("\n"), "\(context): \(error)")
        outcomes.rejected += 1
      } catch {
        XCTFail("\(context): unexpected error type \(type(of: error)): \(error)")
      }
    }
    let seconds = Date().timeIntervalSince(start)
    print(
      "fuzz: \(caseCount) cases, \(outcomes.read) read, \(outcomes.rejected) rejected, \(String(format: "%.2f", seconds)) s"
    )
    // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
    XCTAssertGreaterThan(outcomes.read, caseCount / 50)
    XCTAssertGreaterThan(outcomes.rejected, caseCount / 2)
  }

  /// A file that parsed must be fully usable: its tensors tile the data section and decode to their shapes.
  private func checkReadable(_ file: SafeTensorsFile, fileSize: Int, context: String) throws {
    XCTAssertLessThanOrEqual(file.entries.reduce(0) { $0 + $1.byteRange.count }, fileSize - 8, context)
    for entry in file.entries {
      do {
        let count = entry.dtype == .i64 ? try file.int64s(entry.name).count : try file.floats(entry.name).count
        XCTAssertEqual(count, entry.shape.reduce(1, *), "\(context): \(entry.name)")
      } catch let error as SafeTensorsError {
        XCTAssertTrue(error.problem.contains("cannot be read as Float32"), "\(context): \(error)")
      }
    }
    do {
      _ = try ImportedRecurrentModel(file: file)
    } catch let error as ImportError {
      XCTAssertTrue(error.description.hasPrefix("\(fileName): "), "\(context): \(error)")
    }
    XCTAssertFalse(ImportedRecurrentModel.inspect(file).isEmpty, context)
  }

  /// The four fixtures plus a small checkpoint-like file with F32 and I64 tensors and metadata.
  private func seedFiles() throws -> [Data] {
    var files = try [
      "rnn_onehot", "lstm_embed_2layer", "gru_embed", "lstm_embed_2layer_bf16",
    ].map { try Data(contentsOf: SafeTensorsTestSupport.fixtureURL("\($0).safetensors")) }
    var writer = SafeTensorsWriter(metadata: ["format": "rnnscope", "step": "12"])
    writer.add("rnn.weight_hh_l0", shape: [3, 3], values: (0..<9).map { Float($0) - 4 })
    writer.add("optimizer.step", shape: [1], values: [Int64(12)])
    writer.add("head.bias", shape: [2], values: [0.5, -0.5])
    files.append(writer.encoded())
    return files
  }

  /// Applies one random corruption to `bytes` and says which.
  private func mutate(_ bytes: inout Data, _ random: inout SeededRandom) -> String {
    let headerEnd = min(bytes.count, 8 + Int(min(headerLength(bytes), UInt64(bytes.count))))
    switch random.int(in: 0..<7) {
    case 0:
      let length = random.int(in: 0..<(bytes.count + 1))
      bytes = bytes.prefix(length)
      return "truncate to \(length)"
    case 1 where headerEnd > 8:
      for _ in 0..<(1 + random.int(in: 0..<8)) { flipBit(&bytes, at: random.int(in: 8..<headerEnd), &random) }
      return "flip header bits"
    case 2 where bytes.count > headerEnd:
      for _ in 0..<(1 + random.int(in: 0..<8)) { flipBit(&bytes, at: random.int(in: headerEnd..<bytes.count), &random) }
      return "flip data bits"
    case 3 where bytes.count >= 8:
      let real = headerLength(bytes)
      let choices: [UInt64] = [
        0, 1, 2, 7, real &- 1, real &+ 1, real &+ 8, UInt64(bytes.count), 1 << 32, 1 << 63, .max, random.next(),
      ]
      let length = choices[random.int(in: 0..<choices.count)]
      withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(0..<8, with: $0) }
      return "length prefix \(length)"
    case 4 where headerEnd > 9:
      let fragment = Data(fragments[random.int(in: 0..<fragments.count)].utf8)
      let position = random.int(in: 9..<headerEnd)
      bytes.insert(contentsOf: fragment, at: position)
      if random.int(in: 0..<4) > 0 { setHeaderLength(&bytes, headerLength(bytes) &+ UInt64(fragment.count)) }
      return "splice \(String(decoding: fragment, as: UTF8.self)) at \(position)"
    case 5 where headerEnd > 9:
      // Duplicate a tensor entry (`"name":{...}`), the same or with its offsets shifted.
      let header = Array(bytes[8..<headerEnd])
      guard let open = header.firstIndex(of: UInt8(ascii: "\"")),
        let close = header[open...].firstIndex(of: UInt8(ascii: "}"))
      else { return "no entry to duplicate" }
      var entry = Array(header[open...close]) + [UInt8(ascii: ",")]
      if random.int(in: 0..<2) == 0, let digit = entry.lastIndex(where: { (48...57).contains($0) }) {
        entry[digit] = UInt8(48 + random.int(in: 0..<10))
      }
      bytes.insert(contentsOf: entry, at: 8 + open)
      setHeaderLength(&bytes, headerLength(bytes) &+ UInt64(entry.count))
      return "duplicate entry"
    case 6 where headerEnd > 9:
      // Replace one run of digits with a random number, from tiny to far beyond Int64.
      let header = Array(bytes[8..<headerEnd])
      let digitStarts = header.indices.filter {
        (48...57).contains(header[$0]) && ($0 == 0 || !(48...57).contains(header[$0 - 1]))
      }
      guard !digitStarts.isEmpty else { return "no number to replace" }
      let start = digitStarts[random.int(in: 0..<digitStarts.count)]
      let end = header[start...].firstIndex { !(48...57).contains($0) } ?? header.count
      let numbers = [
        "0", "1", "3", "4096", "65536", "4294967296", "9223372036854775807", "9223372036854775808", "\(random.next())",
      ]
      let replacement = Data(numbers[random.int(in: 0..<numbers.count)].utf8)
      bytes.replaceSubrange((8 + start)..<(8 + end), with: replacement)
      setHeaderLength(&bytes, headerLength(bytes) &+ UInt64(replacement.count) &- UInt64(end - start))
      return "number \(String(decoding: replacement, as: UTF8.self))"
    default:
      bytes.append(contentsOf: (0..<random.int(in: 1..<16)).map { _ in UInt8.random(in: 0...255, using: &random) })
      return "append bytes"
    }
  }

  private func headerLength(_ bytes: Data) -> UInt64 {
    guard bytes.count >= 8 else { return 0 }
    return bytes.prefix(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
  }

  private func setHeaderLength(_ bytes: inout Data, _ length: UInt64) {
    withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(0..<8, with: $0) }
  }

  private func flipBit(_ bytes: inout Data, at index: Int, _ random: inout SeededRandom) {
    let position = bytes.startIndex + index
    bytes[position] ^= UInt8(1) << UInt8(random.int(in: 0..<8))
  }
}
