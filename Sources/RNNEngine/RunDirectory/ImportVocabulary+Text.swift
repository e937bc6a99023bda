extension ImportVocabulary {
  /// The token id of every character of `text`; throws naming the first character the vocabulary lacks.
  public func tokens(of text: String) throws -> [Int32] {
    var index: [Character: Int32] = [:]
    for (id, symbol) in symbols.enumerated() { index[symbol] = Int32(id) }
    var tokens: [Int32] = []
    for (offset, character) in text.enumerated() {
      guard let token = index[character] else {
        throw SequenceError(
          "character \(String(character).debugDescription) at offset \(offset) is not in the vocabulary")
      }
      tokens.append(token)
    }
    return tokens
  }

  /// The symbols of `tokens` as text (ids outside the vocabulary show as U+FFFD).
  public func text(of tokens: [Int32]) -> String {
    String(tokens.map { symbols.indices.contains(Int($0)) ? symbols[Int($0)] : "\u{FFFD}" })
  }
}
