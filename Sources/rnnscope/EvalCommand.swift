import ArgumentParser
import Foundation
import RNNEngine

/// `rnnscope eval`: the loss of a trained or imported model on a text.
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Print a model's loss on a text (one sequence from the zero state).",
    discussion: """
      Reads the text as one continuous sequence from a zero state, as PyTorch users compute an \
      eval loss. For --task lm (the default) it scores every next symbol; for --task case it \
      feeds the lowercased text and scores the original casing of every byte. Prints one line:
        loss 3.170698 perplexity 23.8235 positions 2999 accuracy 0.2234

      Examples:
        rnnscope eval --weights char_lstm.safetensors --text valid.txt
        rnnscope eval --weights runs/20261201-101500-case-lstm --task case --text chapter.txt

      An encoder–decoder on a pairs file has its own flags: rnnscope eval --pairs FILE --help
      """
  )

  @OptionGroup var model: WeightsOptions

  @Option(help: "The text to score (bytes, or characters of --vocab).")
  var text: String

  @Option(help: "What to score: lm (the next symbol) or case (the casing of the lowercased text).")
  var task: EvalTask = .languageModel

  /// The tasks that score a given text (recall and adding make their own sequences).
  enum EvalTask: String, ExpressibleByArgument, CaseIterable {
    case languageModel = "lm"
    case caseCorrection = "case"
  }

  func validate() throws {
    if task == .caseCorrection, model.vocabulary.vocab != nil {
      throw ValidationError("--task case reads bytes; --vocab does not apply")
    }
  }

  func run() throws {
    try reportingErrors {
      let network = try model.loadModel()
      let result =
        task == .caseCorrection
        ? try SequenceEvaluation.caseCorrectionLoss(of: network, text: [UInt8](readText()))
        : try SequenceEvaluation.languageModelLoss(of: network, tokens: readTokens())
      let accuracy = Double(result.correct) / Double(result.positions)
      printLine(
        "loss \(fixed(result.loss, 6)) perplexity \(fixed(result.perplexity, 4)) positions \(result.positions) accuracy \(fixed(accuracy, 4))"
      )
    }
  }

  private func readText() throws -> Data {
    do {
      return try Data(contentsOf: URL(fileURLWithPath: text))
    } catch {
      throw ValidationFailure("\(text): cannot read the text (\(error.localizedDescription))")
    }
  }

  private func readTokens() throws -> [Int32] {
    let data = try readText()
    guard let vocabulary = try model.loadVocabulary() else { return data.map { Int32($0) } }
    do {
      return try vocabulary.tokens(of: String(decoding: data, as: UTF8.self))
    } catch {
      throw ValidationFailure("\(text): \(error)")
    }
  }
}
