import ArgumentParser
import Foundation
import RNNEngine

/// `--vocab`: the symbols of a language model saved elsewhere, for `eval`, `sample`, `tui`, `snapshot` and `replay`.
struct VocabularyOption: ParsableArguments {
  @Option(help: "JSON list of one-character strings, the symbol of each token id (default: bytes, id = byte value).")
  var vocab: String?

  /// Why `--vocab` does not go with a task other than lm.
  static let needsLanguageModel = "--vocab lists a language model's symbols: add --task lm"

  /// Throws when `--vocab` is given for a task other than lm.
  func requireLanguageModel(_ task: TaskKind) throws {
    if vocab != nil, task != .languageModel { throw ValidationError(Self.needsLanguageModel) }
  }

  /// The `--vocab` file's symbols, or nil for the byte vocabulary.
  func load() throws -> ImportVocabulary? {
    try vocab.map { try ImportVocabulary(contentsOf: URL(fileURLWithPath: $0)) }
  }
}
