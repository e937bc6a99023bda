import ArgumentParser
import Foundation
import RNNEngine

/// `--vocab`: the symbols of a language model saved elsewhere, for `eval`, `sample`, `tui`, `snapshot` and `replay`.
struct VocabularyOption: ParsableArguments {
  @Option(help: "JSON list of one-character strings, the symbol of each token id (default: bytes, id = byte value).")
  var vocab: String?

  /// The `--vocab` file's symbols, or nil for the byte vocabulary.
  func load() throws -> ImportVocabulary? {
    try vocab.map { try ImportVocabulary(contentsOf: URL(fileURLWithPath: $0)) }
  }
}
