import Foundation

/// The character vocabularies of an encoder–decoder: id 0 padding, 1 start, 2 end, then each
/// side's symbols from id 3 in order. Stored as JSON `{"source": [...], "target": [...]}`.
public struct Seq2SeqVocabulary: Codable, Sendable, Equatable {
  /// Source symbols of ids 3, 4, …
  public var source: [String]
  /// Target symbols of ids 3, 4, …
  public var target: [String]

  /// Vocabularies from their symbol lists.
  public init(source: [String], target: [String]) {
    self.source = source
    self.target = target
  }

  /// Vocabularies of the characters that occur in `pairs`, each side sorted.
  public init(pairs: [Seq2SeqPair]) {
    source = Set(pairs.flatMap { $0.source.map(String.init) }).sorted()
    target = Set(pairs.flatMap { $0.target.map(String.init) }).sorted()
  }

  /// Id of the first symbol (0 pad, 1 start, 2 end come before).
  public static let firstSymbol = 3

  /// Source vocabulary size including the three special ids.
  public var sourceSize: Int { source.count + Self.firstSymbol }
  /// Target vocabulary size including the three special ids.
  public var targetSize: Int { target.count + Self.firstSymbol }

  /// The source ids of `text`, or an error naming the first character outside the vocabulary.
  public func encodeSource(_ text: String) throws -> [Int32] {
    try Self.encode(text, symbols: source, side: "source")
  }

  /// The target ids of `text` (no start or end), or an error naming the first unknown character.
  public func encodeTarget(_ text: String) throws -> [Int32] {
    try Self.encode(text, symbols: target, side: "target")
  }

  /// The text of target ids, stopping at the end id; special ids print as nothing.
  public func decodeTarget(_ ids: [Int32]) -> String {
    var text = ""
    for id in ids {
      if id == Seq2SeqToken.end { break }
      let index = Int(id) - Self.firstSymbol
      if index >= 0, index < target.count { text += target[index] }
    }
    return text
  }

  /// The printable symbol of target id `id` (`<end>` for the end id).
  public func targetSymbol(_ id: Int32) -> String {
    let index = Int(id) - Self.firstSymbol
    if index >= 0, index < target.count { return target[index] }
    return id == Seq2SeqToken.end ? "<end>" : id == Seq2SeqToken.start ? "<start>" : "<pad>"
  }

  private static func encode(_ text: String, symbols: [String], side: String) throws -> [Int32] {
    var index: [String: Int32] = [:]
    for (offset, symbol) in symbols.enumerated() { index[symbol] = Int32(offset + firstSymbol) }
    return try text.map { character in
      guard let id = index[String(character)] else {
        throw Seq2SeqDataError.unknownSymbol(String(character), side: side)
      }
      return id
    }
  }

  /// Reads a vocabulary JSON file, or throws one line naming the file and the problem.
  public static func load(from url: URL) throws -> Seq2SeqVocabulary {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw Seq2SeqDataError.unreadable(url.path, reason: "cannot be read")
    }
    guard let vocabulary = try? JSONDecoder().decode(Seq2SeqVocabulary.self, from: data) else {
      throw Seq2SeqDataError.unreadable(url.path, reason: #"is not a JSON object {"source": [...], "target": [...]}"#)
    }
    return vocabulary
  }

  /// The vocabulary as JSON.
  public func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(self)) ?? Data()
  }
}

/// One source/target text pair.
public struct Seq2SeqPair: Sendable, Equatable {
  /// The text the encoder reads.
  public var source: String
  /// The text the decoder must write.
  public var target: String

  /// A pair.
  public init(source: String, target: String) {
    self.source = source
    self.target = target
  }
}

/// A problem with a pairs file, a vocabulary or a text to translate, as one line.
public enum Seq2SeqDataError: Error, CustomStringConvertible, Equatable {
  /// A character outside the vocabulary.
  case unknownSymbol(String, side: String)
  /// A file that cannot be used, and why.
  case unreadable(String, reason: String)
  /// A bad line in a pairs file.
  case badLine(String, line: Int, reason: String)

  /// The one-line message.
  public var description: String {
    switch self {
    case .unknownSymbol(let symbol, let side):
      "'\(symbol)' (U+\(String(symbol.unicodeScalars.first!.value, radix: 16, uppercase: true))) is not in the \(side) vocabulary"
    case .unreadable(let path, let reason): "\(path) \(reason)"
    case .badLine(let path, let line, let reason): "\(path):\(line): \(reason)"
    }
  }
}
