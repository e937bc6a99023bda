import ArgumentParser
import Foundation
import RNNEngine

/// `rnnscope translate`: runs an encoder–decoder on one text and prints the output (and α).
struct TranslateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "translate",
    abstract: "Translate a text with an encoder–decoder (greedy, or beam search with --beam K).",
    discussion: """
      Examples:
        rnnscope translate --run runs/dates "3 May 1979"
        rnnscope translate --weights model.safetensors --vocab vocab.json --beam 4 --attention-map "may 3rd 79"
      """
  )

  @OptionGroup var source: Seq2SeqModelOptions

  @Option(help: "Beam width (1: greedy).") var beam = 1

  @Flag(help: "Print α as a text grid: source along the top, output down the side.") var attentionMap = false

  @Argument(help: "The text to translate.") var text: String

  func validate() throws {
    guard beam >= 1 else { throw ValidationError("--beam must be at least 1") }
    guard !text.isEmpty else { throw ValidationError("the text to translate is empty") }
  }

  func run() throws {
    let (model, vocabulary, _) = try reportingErrorsReturning { try source.load() }
    let ids = try reportingErrorsReturning { try vocabulary.encodeSource(text) }
    let maxLength = defaultMaxLength(sourceLength: ids.count)
    let output =
      beam == 1
      ? model.greedyDecode([ids], maxLength: maxLength)[0]
      : model.beamDecode(ids, beamWidth: beam, maxLength: maxLength)
    printLine(vocabulary.decodeTarget(output.tokens))
    if attentionMap { printLine(Self.grid(output, source: Array(text).map(String.init), vocabulary: vocabulary)) }
  }

  /// α as rows of shade characters, one per output symbol (the end symbol last), one column per source symbol.
  static func grid(_ output: Seq2SeqModel.Translation, source: [String], vocabulary: Seq2SeqVocabulary) -> String {
    let shades = [" ", "░", "▒", "▓", "█"]
    let labels = (output.tokens + [Seq2SeqToken.end]).prefix(output.alpha.count).map { vocabulary.targetSymbol($0) }
    let width = labels.map(\.count).max() ?? 1
    var lines = [String(repeating: " ", count: width + 1) + source.joined()]
    for (label, row) in zip(labels, output.alpha) {
      let cells = row.map { shades[min(shades.count - 1, Int(($0 * Float(shades.count - 1)).rounded()))] }
      lines.append(label.padding(toLength: width, withPad: " ", startingAt: 0) + " " + cells.joined())
    }
    return lines.joined(separator: "\n")
  }
}
