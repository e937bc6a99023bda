import Foundation
import XCTest

@testable import RNNEngine

final class ImportEvalTests: XCTestCase {
  private func evalTokens() throws -> [Int32] {
    try Data(contentsOf: SafeTensorsTestSupport.fixtureURL("eval.txt")).map { Int32($0) }
  }

  private func fixtureModel(_ name: String) throws -> RecurrentModel {
    try RecurrentModel.load(from: SafeTensorsFile(contentsOf: SafeTensorsTestSupport.fixtureURL(name)))
  }

  /// The "done when" of model import: every PyTorch fixture, rebuilt as an engine model, scores
  /// eval.txt as one sequence from the zero state with PyTorch's float64 loss to 1e-4.
  func testEveryFixtureMatchesPyTorchEvalLoss() throws {
    let tokens = try evalTokens()
    var rows: [String] = []
    var worst = 0.0
    for (name, expected) in try SafeTensorsTestSupport.expectations().sorted(by: { $0.key < $1.key }) {
      let model = try fixtureModel(try XCTUnwrap(expected["file"] as? String))
      let result = try SequenceEvaluation.languageModelLoss(of: model, tokens: tokens)
      let reference = try XCTUnwrap(expected["eval_loss"] as? Double)
      XCTAssertEqual(result.positions, expected["eval_positions"] as? Int, name)
      let difference = abs(result.loss - reference)
      worst = max(worst, difference)
      rows.append("\(name): engine \(result.loss) pytorch \(reference) |diff| \(difference)")
    }
    XCTAssertEqual(rows.count, 5, "expected five fixture models")
    XCTAssertLessThan(worst, 1e-4, "\n" + rows.joined(separator: "\n"))
    print(rows.joined(separator: "\n"))
  }

  /// Carrying the state across chunks gives the loss of one long pass (up to float rounding).
  func testChunkedEvaluationEqualsOnePass() throws {
    let tokens = Array(try evalTokens().prefix(1000))
    for file in ["lstm_embed_2layer.safetensors", "gru_embed.safetensors", "rnn_onehot.safetensors"] {
      let model = try fixtureModel(file)
      let onePass = try SequenceEvaluation.languageModelLoss(of: model, tokens: tokens, chunkLength: tokens.count)
      for chunk in [1, 37, 256] {
        let chunked = try SequenceEvaluation.languageModelLoss(of: model, tokens: tokens, chunkLength: chunk)
        XCTAssertEqual(chunked.positions, onePass.positions)
        XCTAssertEqual(chunked.correct, onePass.correct, "\(file) chunk \(chunk)")
        XCTAssertEqual(chunked.loss, onePass.loss, accuracy: 1e-5, "\(file) chunk \(chunk)")
      }
      // Starting each chunk from zeros instead would change the loss: the carried state matters.
      XCTAssertNotEqual(onePass.loss, try zeroStateChunks(model, tokens, chunk: 16), accuracy: 1e-3, file)
    }
  }

  private func zeroStateChunks(_ model: RecurrentModel, _ tokens: [Int32], chunk: Int) throws -> Double {
    var sum = 0.0
    var count = 0
    for start in stride(from: 0, to: tokens.count - 1, by: chunk) {
      let piece = Array(tokens[start..<min(start + chunk + 1, tokens.count)])
      let result = try SequenceEvaluation.languageModelLoss(of: model, tokens: piece)
      sum += result.loss * Double(result.positions)
      count += result.positions
    }
    return sum / Double(count)
  }

  /// Case-correction eval scores the casing of the lowercased text, exactly the loss the task's own
  /// probe batch gives, and the same in chunks as in one pass.
  func testCaseCorrectionEvalMatchesTheTasksProbeLoss() throws {
    let text = "Upon his pale face. \"It may be so, or it may not, Mr. Holmes,\" said he."
    let task = try CaseCorrectionTask(source: .builtin(), config: CaseCorrectionTask.Config(probeText: text))
    let model = RecurrentModel(config: ModelConfig(cell: .lstm, input: .oneHot(vocab: 256), hidden: 8, outputs: 256))
    let record = model.forward(task.probe.batch, initialState: nil)
    let onePass = try SequenceEvaluation.caseCorrectionLoss(of: model, text: Array(text.utf8), chunkLength: 1000)
    XCTAssertEqual(onePass.positions, text.utf8.count)
    XCTAssertEqual(onePass.loss, Double(record.loss), accuracy: 1e-6)
    XCTAssertEqual(onePass.correct, record.correct)
    let chunked = try SequenceEvaluation.caseCorrectionLoss(of: model, text: Array(text.utf8), chunkLength: 7)
    XCTAssertEqual(chunked.loss, onePass.loss, accuracy: 1e-5)
    XCTAssertThrowsError(try SequenceEvaluation.caseCorrectionLoss(of: model, text: []))
  }

  func testTextOutsideTheVocabularyIsRefusedNotTrapped() throws {
    let model = RecurrentModel(config: ModelConfig(cell: .gru, input: .oneHot(vocab: 10), hidden: 4, outputs: 10))
    XCTAssertThrowsError(try SequenceEvaluation.languageModelLoss(of: model, tokens: [1, 2, 12, 3])) { error in
      XCTAssertTrue("\(error)".contains("symbol 12"), "\(error)")
    }
    let mismatched = RecurrentModel(config: ModelConfig(cell: .gru, input: .oneHot(vocab: 10), hidden: 4, outputs: 3))
    XCTAssertThrowsError(try SequenceEvaluation.languageModelLoss(of: mismatched, tokens: [1, 2]))
  }

  /// Tensors that do not fit the layout fail with the tensor named, never a trap.
  func testCopyingTensorsNamesTheOneThatDoesNotFit() throws {
    let model = RecurrentModel(config: ModelConfig(cell: .rnnTanh, input: .oneHot(vocab: 5), hidden: 3, outputs: 5))
    let fitting = model.layout.entries.map {
      (name: $0.name, shape: $0.shape, values: [Float](repeating: 1, count: $0.count))
    }
    let fail = { (problem: String) in ImportError(file: "x.safetensors", problem: problem) }
    XCTAssertNoThrow(try model.copyTensors(fitting, fail: fail))
    XCTAssertEqual(model.parameters, [Float](repeating: 1, count: model.parameters.count))

    var wrongShape = fitting
    wrongShape[1] = (name: wrongShape[1].name, shape: [3, 4], values: [Float](repeating: 0, count: 12))
    XCTAssertThrowsError(try model.copyTensors(wrongShape, fail: fail)) { error in
      XCTAssertEqual(
        (error as? ImportError)?.problem, "tensor \"rnn.weight_hh_l0\" has shape [3, 4]; the model needs [3, 3]")
    }
    XCTAssertThrowsError(try model.copyTensors(Array(fitting.dropLast()), fail: fail)) { error in
      XCTAssertTrue("\(error)".contains("no tensor \"head.bias\""), "\(error)")
    }
    XCTAssertThrowsError(try model.copyTensors(fitting + [(name: "extra.weight", shape: [1], values: [0])], fail: fail))
  }

  /// Greedy generation picks, at every step, the arg max of a full forward pass over everything so far.
  func testGreedySamplingFollowsTheArgMaxOfAFullPass() throws {
    let model = try fixtureModel("gru_embed.safetensors")
    let prime: [Int32] = Array("The ".utf8).map { Int32($0) }
    var rng = SeededRandom(seed: 3)
    let generated = try TextGeneration.sample(
      from: model, prime: prime, length: 12, temperature: 0, topK: nil, rng: &rng)
    XCTAssertEqual(generated.count, 12)
    var sequence = prime
    for token in generated {
      let batch = Batch(
        batchSize: 1, length: sequence.count, tokens: sequence,
        targets: .everyStep([Int32](repeating: 0, count: sequence.count)))
      let logits = Array(model.forward(batch).logits.suffix(256))
      let argMax = logits.indices.max { logits[$0] < logits[$1] || (logits[$0] == logits[$1] && $0 > $1) } ?? -1
      XCTAssertEqual(Int(token), argMax)
      sequence.append(token)
    }
    var again = SeededRandom(seed: 3)
    let topOne = try TextGeneration.sample(from: model, prime: prime, length: 12, temperature: 1, topK: 1, rng: &again)
    XCTAssertEqual(topOne, generated, "top-1 sampling is greedy")
  }

  func testSamplingWithTheSameSeedRepeats() throws {
    let model = try fixtureModel("lstm_embed_2layer_bf16.safetensors")
    func draw(_ seed: UInt64) throws -> [Int32] {
      var rng = SeededRandom(seed: seed)
      return try TextGeneration.sample(from: model, prime: [65], length: 40, temperature: 1, topK: nil, rng: &rng)
    }
    XCTAssertEqual(try draw(9), try draw(9))
    XCTAssertNotEqual(try draw(9), try draw(10))
    var rng = SeededRandom(seed: 1)
    XCTAssertThrowsError(
      try TextGeneration.sample(from: model, prime: [], length: 1, temperature: 1, topK: nil, rng: &rng))
  }

  func testVocabularyMapsTextBothWays() throws {
    let vocabulary = ImportVocabulary(symbols: ["\n", " ", "a", "b", "é"])
    XCTAssertEqual(try vocabulary.tokens(of: "ab é\n"), [2, 3, 1, 4, 0])
    XCTAssertEqual(vocabulary.text(of: [2, 3, 1, 4, 0, 9]), "ab é\n\u{FFFD}")
    XCTAssertThrowsError(try vocabulary.tokens(of: "abc")) { error in
      XCTAssertEqual("\(error)", "character \"c\" at offset 2 is not in the vocabulary")
    }
  }
}
