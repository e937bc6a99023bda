import Foundation
import XCTest

@testable import RNNEngine

/// Shared pieces of the reliability fuzzers: how many cases, which seed, and byte-level mutations.
///
/// `RNNSCOPE_FUZZ_CASES=N` runs N cases per fuzzer instead of the quick default;
/// `RNNSCOPE_FUZZ_SEED=S` replays a failing run (every failure message names its case and seed).
enum ReliabilityFuzzSupport {
  /// The number of cases to run: the environment's, or `quickDefault` for `make test`.
  static func caseCount(quickDefault: Int) -> Int {
    ProcessInfo.processInfo.environment["RNNSCOPE_FUZZ_CASES"].flatMap(Int.init) ?? quickDefault
  }

  /// The fuzzing seed: the environment's, or a fixed one so `make test` is reproducible.
  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["RNNSCOPE_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_251_123
  }

  /// Values that break parsers: hostile numbers, wrong JSON types, deep nesting, bad UTF-8.
  static let hostileFragments: [[UInt8]] =
    [
      "-1", "0", "-0", "1e400", "-1e400", "nan", "inf", "4294967296", "9223372036854775807", "9223372036854775808",
      "18446744073709551616", "0.5", "null", "true", "\"x\"", "[]", "{}", "[1,2]", ",", "\"", "\\", "\n", "\r\n",
      String(repeating: "[", count: 5_000), String(repeating: "9", count: 400),
    ].map { Array($0.utf8) } + [[0], [0xFF], [0xC0, 0x80], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0x1B, 0x5B]]

  /// Applies one random corruption to `bytes` and names it.
  static func mutate(_ bytes: inout [UInt8], _ random: inout SeededRandom) -> String {
    switch random.int(in: 0..<8) {
    case 0:
      let length = random.int(in: 0..<(bytes.count + 1))
      bytes = Array(bytes.prefix(length))
      return "truncate to \(length)"
    case 1 where !bytes.isEmpty:
      let flips = 1 + random.int(in: 0..<8)
      for _ in 0..<flips { bytes[random.int(in: 0..<bytes.count)] ^= UInt8(1) << UInt8(random.int(in: 0..<8)) }
      return "flip \(flips) bits"
    case 2:
      let fragment = hostileFragments[random.int(in: 0..<hostileFragments.count)]
      bytes.insert(contentsOf: fragment, at: random.int(in: 0..<(bytes.count + 1)))
      return "insert \(describe(fragment))"
    case 3 where bytes.contains(where: isDigit):
      // Replace one number (a run of digits) with a hostile value: huge, negative, or another type.
      let starts = bytes.indices.filter { isDigit(bytes[$0]) && ($0 == 0 || !isDigit(bytes[$0 - 1])) }
      let start = starts[random.int(in: 0..<starts.count)]
      let end = bytes[start...].firstIndex { !isDigit($0) } ?? bytes.count
      let fragment = hostileFragments[random.int(in: 0..<hostileFragments.count)]
      bytes.replaceSubrange(start..<end, with: fragment)
      return "number -> \(describe(fragment))"
    case 4 where bytes.count > 1:
      let start = random.int(in: 0..<bytes.count)
      let end = min(bytes.count, start + 1 + random.int(in: 0..<64))
      bytes.removeSubrange(start..<end)
      return "delete \(start)..<\(end)"
    case 5 where bytes.count > 1:
      let start = random.int(in: 0..<bytes.count)
      let end = min(bytes.count, start + 1 + random.int(in: 0..<256))
      let copies = 1 + random.int(in: 0..<64)
      let chunk = Array(bytes[start..<end])
      bytes.insert(contentsOf: (0..<copies).flatMap { _ in chunk }, at: end)
      return "repeat \(start)..<\(end) x\(copies)"
    case 6:
      bytes = []
      return "empty"
    default:
      let count = 1 + random.int(in: 0..<32)
      bytes.append(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) })
      return "append \(count) random bytes"
    }
  }

  /// Asserts an error is one a person can act on: a known type, one non-empty line.
  static func assertClear(
    _ error: Error, _ context: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let known: [Any.Type] = [
      RecordingError.self, SafeTensorsError.self, TaskError.self, TextSourceError.self, TrainingConfigError.self,
      ImportError.self, AtomicFileError.self, Seq2SeqDataError.self,
    ]
    let description = "\(error)"
    XCTAssertTrue(
      known.contains { $0 == type(of: error) }, "\(context()): unexpected error \(type(of: error)): \(description)",
      file: file, line: line)
    XCTAssertFalse(description.isEmpty, context(), file: file, line: line)
    XCTAssertFalse(
      description.contains("\n"), "\(context()): multi-line message \(description)", file: file, line: line)
  }

  private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }

  private static func describe(_ fragment: [UInt8]) -> String {
    let text = String(decoding: fragment.prefix(12), as: UTF8.self).debugDescription
    return fragment.count > 12 ? "\(fragment.count) bytes starting \(text)" : text
  }
}
