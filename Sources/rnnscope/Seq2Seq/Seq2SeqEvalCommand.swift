import ArgumentParser
import Foundation
import RNNEngine

/// `rnnscope eval --pairs FILE`: scores an encoder–decoder on the user's pairs.
struct Seq2SeqEvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Score an encoder–decoder on a pairs file: cross-entropy per target symbol and exact matches.",
    discussion: """
      Prints the mean cross-entropy per target symbol (teacher forcing, end symbol included, padding \
      excluded) and the exact-match accuracy of greedy decoding, over every pair of the file.

      Example:
        rnnscope eval --run runs/words --pairs test.tsv
      """
  )

  @OptionGroup var source: Seq2SeqModelOptions

  @Option(help: "Tab-separated source<TAB>target lines, UTF-8.") var pairs: String

  func run() throws {
    let (model, vocabulary, _) = try reportingErrorsReturning { try source.load() }
    let path = self.pairs
    let pairs = try reportingErrorsReturning { try PairsFile.load(URL(fileURLWithPath: path)) }
    let task = Seq2SeqTask.pairs(pairs, vocabulary: vocabulary)
    var (loss, tokens) = (0.0, 0)
    for start in stride(from: 0, to: pairs.count, by: 256) {
      let batch = try reportingErrorsReturning { try task.encode(Array(pairs[start..<min(start + 256, pairs.count)])) }
      let record = model.forward(batch)
      loss += record.loss * Double(record.tokenCount)
      tokens += record.tokenCount
    }
    let metrics = try reportingErrorsReturning {
      try Seq2SeqMetrics.evaluate(model, pairs: pairs, vocabulary: vocabulary)
    }
    printLine(
      String(
        format: "pairs %d cross_entropy %.4f per target symbol, exact %.4f, tok_acc %.4f (greedy)", pairs.count,
        loss / Double(max(tokens, 1)), metrics.exactAccuracy, metrics.tokenAccuracy))
  }
}
