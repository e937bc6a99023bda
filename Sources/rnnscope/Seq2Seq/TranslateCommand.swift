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
        rnnscope translate --run runs/reverse --attention-map --connectivity abcdefgh

      --connectivity feeds the output back as the target (teacher forcing) and prints, for each output \
      symbol k_i, ‖∂ logit_{k_i} / ∂e_j‖ for every source symbol's embedding e_j: how much the output \
      really depends on each source symbol, whatever α says. Each row is scaled to its largest value \
      and followed by ✓ when the source symbol it depends on most is the one α weights most (✗ and \
      both positions when not); under it the share of steps that agree and the mean Spearman rank \
      correlation of the two rows.
      """
  )

  @OptionGroup var source: Seq2SeqModelOptions

  @Option(help: "Beam width (1: greedy).") var beam = 1

  @Flag(help: "Print α as a text grid: source along the top, output down the side.") var attentionMap = false

  @Flag(help: "Print the gradient connectivity ‖∂ logit / ∂ source embedding‖ as a grid and its agreement with α.")
  var connectivity = false

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
    let sourceSymbols = Array(text).map(String.init)
    // One label per decoded step: the output symbols, then the end symbol when it was reached.
    let labels = (output.tokens + [Seq2SeqToken.end]).prefix(output.alpha.count).map { vocabulary.targetSymbol($0) }
    if attentionMap { printLine(Self.grid(output.alpha, labels: labels, source: sourceSymbols)) }
    if connectivity {
      var result = model.connectivity(source: ids, target: output.tokens)
      result.norms = Array(result.norms.prefix(labels.count))
      result.alpha = Array(result.alpha.prefix(labels.count))
      printLine("connectivity ‖∂ logit / ∂e_j‖, each row scaled to its largest (not α):")
      printLine(
        Self.grid(
          result.normalisedRows, labels: labels, source: sourceSymbols,
          notes: Self.agreementNotes(result, attention: model.config.attention)))
      printLine(Self.agreementSummary(result, attention: model.config.attention))
    }
  }

  /// Rows of values in 0…1 as shade characters, one row per output symbol (the end symbol last),
  /// one column per source symbol, each row followed by its note when there is one.
  static func grid(_ rows: [[Float]], labels: [String], source: [String], notes: [String] = []) -> String {
    let shades = [" ", "░", "▒", "▓", "█"]
    let width = labels.map(\.count).max() ?? 1
    var lines = [String(repeating: " ", count: width + 1) + source.joined()]
    for (index, (label, row)) in zip(labels, rows).enumerated() {
      let cells = row.map { shades[min(shades.count - 1, Int(($0 * Float(shades.count - 1)).rounded()))] }
      let note = index < notes.count ? "  " + notes[index] : ""
      lines.append(label.padding(toLength: width, withPad: " ", startingAt: 0) + " " + cells.joined() + note)
    }
    return lines.joined(separator: "\n")
  }

  /// Per step: `✓ j=3` when connectivity and α peak at the same source position (from 1), else
  /// `✗ ∂ j=5 α j=3`; nothing without attention.
  static func agreementNotes(_ result: Seq2SeqConnectivity, attention: AttentionKind) -> [String] {
    guard attention != .none else { return [] }
    return zip(result.norms, result.alpha).map { norms, alpha in
      let (strongest, attended) = (Seq2SeqConnectivity.argmax(norms) + 1, Seq2SeqConnectivity.argmax(alpha) + 1)
      return strongest == attended ? "✓ j=\(strongest)" : "✗ ∂ j=\(strongest) α j=\(attended)"
    }
  }

  /// One line: how many steps' connectivity peaks where α peaks, and the mean rank correlation.
  static func agreementSummary(_ result: Seq2SeqConnectivity, attention: AttentionKind) -> String {
    guard attention != .none else { return "no α to compare with (--attention none): connectivity only" }
    let agreeing = result.argmaxAgrees.filter { $0 }.count
    let percent = Int((result.agreement * 100).rounded())
    let rho = result.meanRankCorrelation.map { String(format: "%.2f", $0) } ?? "n/a"
    return "argmax agrees with α on \(agreeing) of \(result.norms.count) steps (\(percent)%) · mean Spearman ρ \(rho)"
  }
}
