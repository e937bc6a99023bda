import Foundation

/// The symbols an imported model's token ids stand for, in index order (`--vocab FILE` or `bytes`).
public struct ImportVocabulary: Sendable, Equatable {
  /// Symbol of each token id.
  public let symbols: [Character]

  /// Number of symbols.
  public var count: Int { symbols.count }

  /// The 256 byte values, token id = byte; byte b shows as the Unicode scalar U+00bb (Latin-1).
  public static let bytes = ImportVocabulary(symbols: (0...255).map { Character(Unicode.Scalar(UInt8($0))) })

  /// Symbols given directly.
  public init(symbols: [Character]) {
    self.symbols = symbols
  }

  /// Reads a JSON list of one-character strings, e.g. `["\n", " ", "a", "b"]`; symbols must be distinct.
  public init(contentsOf url: URL) throws {
    let fail = { (problem: String) in ImportError(file: url.lastPathComponent, problem: problem) }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw fail("cannot read the vocabulary file (\(error.localizedDescription))")
    }
    guard let list = try? JSONSerialization.jsonObject(with: data) as? [Any] else {
      throw fail("a vocabulary file must be a JSON list of one-character strings")
    }
    guard !list.isEmpty else { throw fail("the vocabulary is empty") }
    var symbols: [Character] = []
    var firstIndex: [Character: Int] = [:]
    for (index, element) in list.enumerated() {
      guard let string = element as? String, string.count == 1, let symbol = string.first else {
        throw fail("entry \(index) (\(element)) is not a one-character string")
      }
      if let earlier = firstIndex[symbol] {
        throw fail("entry \(index) repeats the symbol \(string.debugDescription) of entry \(earlier)")
      }
      firstIndex[symbol] = index
      symbols.append(symbol)
    }
    self.symbols = symbols
  }
}
