import ArgumentParser
import Foundation
import RNNEngine

/// `rnnscope eval`: the loss of a trained or imported model on a text.
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Print a language model's loss on a text (one sequence from the zero state).",
    discussion: """
      Reads the text as one continuous sequence from a zero state and scores every next symbol, as \
      PyTorch users compute an eval loss. Prints one line:
        loss 3.170698 perplexity 23.8235 positions 2999 accuracy 0.2234

      Example:
        rnnscope eval --weights char_lstm.safetensors --text valid.txt
      """
  )

  @OptionGroup var model: WeightsOptions

  @Option(help: "The text to score (bytes, or characters of --vocab).")
  var text: String

  @Option(help: "What to score; only lm (next symbol) is supported.")
  var task: TaskKind = .languageModel

  func validate() throws {
    if task != .languageModel { throw ValidationError("eval supports --task lm only") }
  }

  func run() throws {
    try reportingErrors {
      let network = try model.loadModel()
      let tokens = try readTokens()
      let result = try SequenceEvaluation.languageModelLoss(of: network, tokens: tokens)
      let accuracy = Double(result.correct) / Double(result.positions)
      printLine(
        "loss \(fixed(result.loss, 6)) perplexity \(fixed(result.perplexity, 4)) positions \(result.positions) accuracy \(fixed(accuracy, 4))"
      )
    }
  }

  private func readTokens() throws -> [Int32] {
    let url = URL(fileURLWithPath: text)
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ValidationFailure("\(text): cannot read the text (\(error.localizedDescription))")
    }
    guard let vocabulary = try model.loadVocabulary() else { return data.map { Int32($0) } }
    do {
      return try vocabulary.tokens(of: String(decoding: data, as: UTF8.self))
    } catch {
      throw ValidationFailure("\(text): \(error)")
    }
  }
}
