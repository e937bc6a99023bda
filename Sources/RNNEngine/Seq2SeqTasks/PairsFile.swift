import Foundation

/// Reads a `source<TAB>target` file (UTF-8, one pair a line, blank lines skipped).
public enum PairsFile {
  /// Longest line accepted, in bytes: longer ones are almost always a wrong file.
  public static let maximumLineBytes = 1000
  /// Fewest pairs worth training on (one of ten is held out).
  public static let minimumPairs = 10

  /// The pairs of the file at `url`, or one line naming the file, the line and the problem.
  public static func load(_ url: URL) throws -> [Seq2SeqPair] {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw Seq2SeqDataError.unreadable(url.path, reason: "cannot be read")
    }
    return try parse(data, path: url.path)
  }

  /// The pairs in `data`; `path` names the file in errors.
  public static func parse(_ data: Data, path: String) throws -> [Seq2SeqPair] {
    var pairs: [Seq2SeqPair] = []
    for (index, bytes) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
      let number = index + 1
      guard bytes.count <= maximumLineBytes else {
        throw Seq2SeqDataError.badLine(path, line: number, reason: "longer than \(maximumLineBytes) bytes")
      }
      guard var line = String(bytes: bytes, encoding: .utf8) else {
        throw Seq2SeqDataError.badLine(path, line: number, reason: "not valid UTF-8")
      }
      if line.hasSuffix("\r") { line.removeLast() }
      if line.isEmpty { continue }
      let sides = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
      guard sides.count == 2 else {
        throw Seq2SeqDataError.badLine(path, line: number, reason: "no tab between source and target")
      }
      guard !sides[0].isEmpty else { throw Seq2SeqDataError.badLine(path, line: number, reason: "empty source") }
      guard !sides[1].isEmpty else { throw Seq2SeqDataError.badLine(path, line: number, reason: "empty target") }
      pairs.append(Seq2SeqPair(source: String(sides[0]), target: String(sides[1])))
    }
    guard pairs.count >= minimumPairs else {
      throw Seq2SeqDataError.unreadable(
        path, reason: "has \(pairs.count) pair\(pairs.count == 1 ? "" : "s"); at least \(minimumPairs) are needed")
    }
    return pairs
  }
}
