import ArgumentParser
import Foundation
import RNNEngine

/// `rnnscope eval --pairs FILE` (or `--run DIR` alone): scores an encoder–decoder on the user's pairs,
/// or on the held-out pairs of the run's own task.
struct Seq2SeqEvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Score an encoder–decoder on a pairs file: cross-entropy per target symbol and exact matches.",
    discussion: """
      Prints the mean cross-entropy per target symbol (teacher forcing, end symbol included, padding \
      excluded) and the exact-match accuracy of greedy decoding, over every pair of the file; a run \
      without --pairs is scored on its own task's held-out pairs (those `train` reports).

      Examples:
        rnnscope eval --run runs/dates
        rnnscope eval --run runs/words --pairs test.tsv
        rnnscope eval --run runs/words --epoch 2 --pairs test.tsv
        rnnscope eval --weights model.safetensors --vocab vocab.json --attention dot --pairs test.tsv
      """
  )

  @OptionGroup var source: Seq2SeqModelOptions

  @Option(help: "Tab-separated source<TAB>target lines, UTF-8 (default with --run: the run's held-out pairs).")
  var pairs: String?

  func validate() throws {
    if pairs == nil, source.run == nil {
      throw ValidationError("--weights needs --pairs FILE (a run without --pairs is scored on its held-out pairs)")
    }
  }

  func run() throws {
    let (model, vocabulary, recorded) = try reportingErrorsReturning { try source.load() }
    let path = self.pairs
    let pairs = try reportingErrorsReturning {
      if let path { return try PairsFile.load(URL(fileURLWithPath: path)) }
      return try recorded!.task().heldOut  // validate() asks for --pairs unless there is a run
    }
    let loss = try reportingErrorsReturning {
      try Seq2SeqMetrics.crossEntropy(model, pairs: pairs, vocabulary: vocabulary)
    }
    let metrics = try reportingErrorsReturning {
      try Seq2SeqMetrics.evaluate(model, pairs: pairs, vocabulary: vocabulary)
    }
    printLine(
      String(
        format: "pairs %d cross_entropy %.4f per target symbol, exact %.4f, tok_acc %.4f (greedy)", pairs.count, loss,
        metrics.exactAccuracy, metrics.tokenAccuracy))
  }
}
