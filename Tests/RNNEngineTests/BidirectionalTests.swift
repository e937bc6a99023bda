import Foundation
import XCTest

@testable import RNNEngine

/// Bidirectional models beyond the PyTorch parity cases: the training step, the trace, checkpoints,
/// import and the language-model refusal.
final class BidirectionalTests: XCTestCase {
  private typealias Support = RecordingTestSupport

  private let config = ModelConfig(
    cell: .lstm, input: .oneHot(vocab: 7), hidden: 5, layers: 2, outputs: 7, bidirectional: true)

  /// PyTorch's names and order: each layer's forward tensors, then its `_reverse` ones; layer 1
  /// and the head read both directions (2H).
  func testLayoutFollowsPyTorchNames() {
    let layout = ParameterLayout(config: config)
    XCTAssertEqual(
      layout.entries.map(\.name).prefix(8),
      [
        "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
        "rnn.weight_ih_l0_reverse", "rnn.weight_hh_l0_reverse", "rnn.bias_ih_l0_reverse", "rnn.bias_hh_l0_reverse",
      ])
    XCTAssertEqual(layout.entry(named: "rnn.weight_ih_l1_reverse")?.shape, [20, 10])
    XCTAssertEqual(layout.entry(named: "head.weight")?.shape, [7, 10])
  }

  /// What a position's output depends on: with the reverse direction, the first position's
  /// prediction changes when only the last input does; without it, it cannot.
  func testOnlyTheReverseDirectionSeesLaterInputs() {
    for bidirectional in [false, true] {
      var config = config
      config.bidirectional = bidirectional
      let model = EngineTestSupport.model(config, weightScale: 1)
      var tokens: [Int32] = [1, 2, 3, 4, 5, 6]
      func firstLogits() -> [Float] {
        let batch = Batch(batchSize: 1, length: 6, tokens: tokens, targets: .everyStep(tokens))
        return Array(model.forward(batch).logits.prefix(7))
      }
      let before = firstLogits()
      tokens[5] = 0
      XCTAssertEqual(before != firstLogits(), bidirectional, "bidirectional \(bidirectional)")
    }
  }

  /// The fused training step gives forward-then-backward's loss and gradients, and a traced step
  /// (the probe in a pass of its own) updates the weights exactly as the step without it.
  func testTrainingStepAndTracedStep() {
    let batch = EngineTestSupport.batch(config, batchSize: 9, length: 12, targets: .everyStepMasked)
    let model = EngineTestSupport.model(config, weightScale: 1)
    let record = model.forward(batch)
    _ = model.backward(record)
    let expected = model.gradients
    let (fused, _) = model.trainingPass(batch, truncation: nil, initialState: nil)
    XCTAssertEqual(fused.loss, record.loss, accuracy: 1e-6)
    let worst = zip(model.gradients, expected).map { abs($0 - $1) }.max() ?? .infinity
    XCTAssertLessThan(worst, 1e-5)

    let probe = EngineTestSupport.batch(config, batchSize: 1, length: 8, targets: .everyStepMasked)
    let plain = EngineTestSupport.model(config, weightScale: 1)
    let traced = EngineTestSupport.model(config, weightScale: 1)
    var plainAdam = Adam(learningRate: 1e-2)
    var tracedAdam = Adam(learningRate: 1e-2)
    plain.trainStep(batch, optimizer: &plainAdam)
    let (_, _, trace) = traced.trainStep(batch, optimizer: &tracedAdam, tracing: probe)
    XCTAssertEqual(traced.parameters, plain.parameters)

    // Four recurrences; the reverse direction's h by position: at position t, after reading T−1 … t.
    XCTAssertEqual(trace.layers.count, 4)
    let before = EngineTestSupport.model(config, weightScale: 1).forward(probe)
    let reverse = before.layers[1].h  // (T+1, 1, H) in the order it read: step s is position T−1−s
    for t in 0..<8 {
      XCTAssertEqual(Array(trace.layers[1].h[t]), Array(reverse[((8 - t) * 5)..<((9 - t) * 5)]), "position \(t)")
    }
    XCTAssertEqual(Array(trace.layers[0].h[0]), Array(before.layers[0].h[5..<10]))
  }

  /// A checkpoint of a bidirectional run restores its config and every weight, and reads as a
  /// PyTorch state_dict with `_reverse` keys.
  func testCheckpointRoundTrip() throws {
    var config = Support.recallConfig(epochs: 1)
    config.bidirectional = true
    let trainer = try Support.trainer(config)
    XCTAssertTrue(trainer.model.config.bidirectional)
    try Support.train(trainer, steps: 2, recorder: nil)
    let file = try SafeTensorsFile(bytes: try trainer.checkpoint().encoded(), fileName: "bi.safetensors")
    let restored = try Trainer(restoringRunOf: file)
    XCTAssertEqual(restored.config, config)
    XCTAssertEqual(restored.model.config, trainer.model.config)
    XCTAssertEqual(Support.bits(restored.model.parameters), Support.bits(trainer.model.parameters))
    let loaded = try RecurrentModel.load(from: file)
    XCTAssertEqual(Support.bits(loaded.parameters), Support.bits(trainer.model.parameters))
    let imported = try ImportedRecurrentModel(file: file)
    XCTAssertTrue(imported.bidirectional)
    XCTAssertEqual(imported.layers, 1)
  }

  /// A unidirectional config's JSON has no `bidirectional` key, so files from before it read the same.
  func testUnidirectionalConfigsEncodeAsBefore() throws {
    let json = String(decoding: try JSONEncoder().encode(Support.recallConfig(epochs: 1)), as: UTF8.self)
    XCTAssertFalse(json.contains("bidirectional"), json)
    let decoded = try JSONDecoder().decode(ModelConfig.self, from: try JSONEncoder().encode(config))
    XCTAssertEqual(decoded, config)
  }

  /// The imported bidirectional fixture scores a text in one pass whatever chunk length is asked:
  /// its reverse direction must start from the end of the text, not of a chunk.
  func testEvaluationReadsTheWholeText() throws {
    let model = try RecurrentModel.load(
      from: SafeTensorsFile(contentsOf: SafeTensorsTestSupport.fixtureURL("bilstm_embed_2layer.safetensors")))
    let tokens = Array(try Data(contentsOf: SafeTensorsTestSupport.fixtureURL("eval.txt")).prefix(300)).map {
      Int32($0)
    }
    let onePass = try SequenceEvaluation.languageModelLoss(of: model, tokens: tokens, chunkLength: tokens.count)
    let chunked = try SequenceEvaluation.languageModelLoss(of: model, tokens: tokens, chunkLength: 16)
    XCTAssertEqual(chunked, onePass)
  }

  func testALanguageModelCannotBeBidirectional() {
    let config = TrainingConfig(task: .defaults(for: .languageModel), bidirectional: true)
    XCTAssertThrowsError(try config.validate()) { error in
      XCTAssertTrue("\(error)".contains("next character it must predict"), "\(error)")
    }
    XCTAssertNoThrow(try TrainingConfig(task: .defaults(for: .caseCorrection), bidirectional: true).validate())
  }
}

/// The case task's accuracy on word-initial capitals (the figure the uni-vs-bi table reports).
final class WordInitialCapitalTests: XCTestCase {
  func testWordInitialCapitalsAreTheCapitalsAfterANonLetter() {
    let text = Array("He said \"Holmes\", not HOLMES; x.Y".utf8)
    let found = text.indices.filter { CaseAccuracy.isWordInitialCapital(text, at: $0) }
    XCTAssertEqual(found.map { Character(UnicodeScalar(text[$0])) }, ["H", "H", "Y"])
    XCTAssertEqual(found, [9, 22, 32])  // the first byte has no known predecessor, so never counts
  }

  /// A model that always answers a space (zero weights, one head bias) is right exactly at the
  /// spaces, and on no capital.
  func testAConstantGuessIsRightAtItsOwnSymbolOnly() throws {
    let task = try CaseCorrectionTask(source: .builtin(), config: CaseCorrectionTask.Config(maxLength: 50))
    let model = RecurrentModel(config: ModelConfig(cell: .gru, input: .oneHot(vocab: 256), hidden: 2, outputs: 256))
    var bias = [Float](repeating: 0, count: 256)
    bias[32] = 1
    model.setParameter(named: "head.bias", to: bias)
    let accuracy = CaseAccuracy(of: model, on: task)
    XCTAssertGreaterThan(accuracy.wordInitialCapitals, 0)
    XCTAssertEqual(accuracy.wordInitialCorrect, 0)
    XCTAssertEqual(accuracy.capitalsCorrect, 0)
    var (spaces, positions) = (0, 0)
    for batch in task.heldOutBatches(size: 64) {
      guard case .everyStep(let targets) = batch.targets else { continue }
      spaces += targets.count { $0 == 32 }
      positions += targets.count
    }
    XCTAssertEqual(accuracy.correct, spaces)
    XCTAssertEqual(accuracy.positions, positions)
  }
}
