import ArgumentParser
import Foundation
import RNNEngine

/// `rnnscope units`: LSTMVis-style pattern search from the command line.
struct UnitsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "units",
    abstract: "Select the units on throughout a span of a text and list where else they are on together.",
    discussion: """
      Runs the model over the whole text (a byte model; a case-correction run reads it lowercased), \
      finds the first occurrence of --span, selects the units whose hidden state stays above \
      +threshold (or below −threshold) over all of it, leaving out units on over more than half the \
      text, and ranks the runs of the text where all selected units are on by the share of selected \
      units on minus the share of the other units on. The default threshold is the 75th percentile \
      of |h| over the text. For each selected unit it also prints where the unit is most positive \
      and most negative.

      Examples:
        rnnscope units --run runs/20261207-case-lstm --span 'said he'
        rnnscope units --weights char_lstm.safetensors --text valid.txt --span '"' --threshold 0.5
      """
  )

  @Option(
    name: .customLong("run"), help: "A run directory (its last epoch; a case-correction run reads the text lowercased)."
  )
  var runDirectory: String?

  @Option(help: "A safetensors file (PyTorch state_dict or rnnscope checkpoint) of a byte model.")
  var weights: String?

  @Option(help: "The text to search (bytes; default: the built-in corpus).")
  var text: String?

  @Option(help: "The span whose units are selected: its first occurrence in the text.")
  var span: String

  @Option(help: "|h| above which a unit is on (default: the 75th percentile of |h| over the text).")
  var threshold: Float?

  @Option(help: "Matches to print.")
  var top: Int = 10

  @Option(help: "Selected units whose strongest contexts are printed.")
  var explain: Int = 4

  func validate() throws {
    if (runDirectory == nil) == (weights == nil) { throw ValidationError("give one of --run DIR or --weights FILE") }
    if span.isEmpty { throw ValidationError("--span must not be empty") }
    if let threshold, !(threshold > 0) { throw ValidationError("--threshold must be positive (got \(threshold))") }
    if top < 1 || explain < 0 { throw ValidationError("--top must be at least 1 and --explain at least 0") }
  }

  func run() throws {
    try reportingErrors {
      let (model, lowercase) = try loadModel()
      let bytes = try readText()
      let input = lowercase ? ByteText.lowercasedASCII(bytes) : bytes
      let spanBytes = Array((lowercase ? span.lowercased() : span).utf8)
      guard let start = Self.firstIndex(of: spanBytes, in: input) else {
        throw ValidationFailure("\(text ?? "the built-in corpus"): the span '\(span)' does not occur in the text")
      }
      let tokens = input.map { Int32($0) }
      try SequenceEvaluation.requireLanguageModel(model, tokens: tokens)
      let clock = ContinuousClock()
      var activations = UnitActivations(positions: 0, units: 0, values: [])
      var chosenThreshold: Float = 0
      var selected: [SelectedUnit] = []
      var matches: [PatternMatch] = []
      let spanRange = start..<(start + spanBytes.count)
      let forwardTime = clock.measure { activations = model.unitActivations(of: tokens) }
      let searchTime = clock.measure {
        chosenThreshold = threshold ?? PatternSearch.defaultThreshold(activations)
        selected = PatternSearch.selectUnits(in: activations, span: spanRange, threshold: chosenThreshold)
        matches = PatternSearch.matches(
          of: selected, in: activations, threshold: chosenThreshold, minimumLength: max(1, spanBytes.count / 2),
          limit: top)
      }
      let context = Context(bytes: bytes)
      // A bidirectional layer's units: the forward direction's 0..<H (→), the backward one's H..<2H (←).
      let hidden = model.config.hidden
      let name = { (unit: Int) in
        model.config.bidirectional ? (unit < hidden ? "→\(unit)" : "←\(unit - hidden)") : "\(unit)"
      }
      printLine(
        "# \(model.config.cell.rawValue) H \(model.config.hidden), layer \(model.config.layers) of \(model.config.layers), \(bytes.count) bytes\(lowercase ? " read lowercased" : "")"
      )
      let thresholdSource = threshold == nil ? " (75th percentile of |h|)" : ""
      printLine(
        "# threshold \(fixed(Double(chosenThreshold), 3))\(thresholdSource); span at \(spanRange): \(context.line(spanRange))"
      )
      printLine(
        "selected \(selected.count) units: "
          + selected.map { ($0.positive ? "+" : "-") + name($0.unit) }.joined(separator: " "))
      printLine("top \(matches.count) matches (score = selected on - others on):")
      for (rank, match) in matches.enumerated() {
        let figures = "\(fixed(match.score, 2)) \(fixed(match.selectedOn, 2)) \(fixed(match.othersOn, 2))"
        printLine(String(format: "%3d ", rank + 1) + "\(figures)  \(context.line(match.range))")
      }
      for unit in selected.prefix(explain) {
        for positive in [true, false] {
          let places = PatternSearch.extremes(of: unit.unit, in: activations, positive: positive, count: 3)
          let shown = places.map {
            "\(context.line($0..<($0 + 1), before: 12, after: 3)) \(fixed(Double(activations[$0, unit.unit]), 2))"
          }
          printLine(
            "unit \(name(unit.unit)) most \(positive ? "positive" : "negative"): " + shown.joined(separator: " | "))
        }
      }
      let milliseconds = { (duration: Duration) in
        fixed(Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000, 1)
      }
      printLine(
        "# run over the text \(milliseconds(forwardTime)) ms, selection and matching \(milliseconds(searchTime)) ms")
    }
  }

  /// The model and whether it reads lowercased text (a case-correction run).
  private func loadModel() throws -> (RecurrentModel, Bool) {
    let path = runDirectory ?? weights ?? ""
    let url = URL(fileURLWithPath: path)
    let model = try RecurrentModel.load(contentsOf: url)
    guard runDirectory != nil else { return (model, false) }
    let kind = try RunDirectory(url).config?.task.kind
    return (model, kind == .caseCorrection)
  }

  private func readText() throws -> [UInt8] {
    guard let text else { return BuiltinCorpus.bytes }
    do {
      return [UInt8](try Data(contentsOf: URL(fileURLWithPath: text)))
    } catch {
      throw ValidationFailure("\(text): cannot read the text (\(error.localizedDescription))")
    }
  }

  /// Where `needle` first occurs in `haystack`.
  private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    return (0...(haystack.count - needle.count)).first { start in
      needle.indices.allSatisfy { haystack[start + $0] == needle[$0] }
    }
  }
}

/// A place of the text as one printable line: some text before, the place in «», some after.
private struct Context {
  let bytes: [UInt8]

  func line(_ range: Range<Int>, before: Int = 24, after: Int = 12) -> String {
    let head = max(0, range.lowerBound - before)
    let tail = min(bytes.count, range.upperBound + after)
    return "\(printable(head..<range.lowerBound))«\(printable(range))»\(printable(range.upperBound..<tail))"
  }

  private func printable(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self).map { $0.isNewline ? "⏎" : String($0) }.joined()
  }
}
