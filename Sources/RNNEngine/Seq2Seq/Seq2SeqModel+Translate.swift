extension Seq2SeqModel {
  /// The longest output decoding allows for a source of `sourceLength` symbols.
  public static func maximumOutputLength(sourceLength: Int) -> Int { 2 * sourceLength + 10 }

  /// `text` translated greedily (symbols outside the source vocabulary are an error).
  public func translate(_ text: String, vocabulary: Seq2SeqVocabulary) throws -> String {
    let source = try vocabulary.encodeSource(text)
    let output = greedyDecode([source], maxLength: Self.maximumOutputLength(sourceLength: source.count))[0]
    return vocabulary.decodeTarget(output.tokens)
  }
}
