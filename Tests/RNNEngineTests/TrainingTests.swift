import XCTest

@testable import RNNEngine

/// Truncated BPTT, clipping, determinism and initialisers.
final class TrainingTests: XCTestCase {
  private let lstmConfig = ModelConfig(cell: .lstm, input: .oneHot(vocab: 6), hidden: 5, layers: 2, outputs: 6)

  func testTruncationAtLeastTheLengthEqualsFullBPTTExactly() {
    let model = EngineTestSupport.model(lstmConfig)
    let batch = EngineTestSupport.batch(lstmConfig, length: 6, targets: .everyStepMasked)
    let record = model.forward(batch)
    _ = model.backward(record)
    let full = model.gradients
    for k in [6, 7, 100] {
      _ = model.backward(record, truncation: k)
      XCTAssertEqual(model.gradients, full, "k = \(k)")
    }
    _ = model.backward(record, truncation: 2)
    XCTAssertNotEqual(model.gradients, full)
  }

  func testTruncationCutsTheRecurrentGradientAtChunkBoundaries() {
    let config = ModelConfig(cell: .gru, input: .dense(features: 2), hidden: 3, outputs: 4)
    let model = EngineTestSupport.model(config)
    let batch = EngineTestSupport.batch(config, length: 6, targets: .everyStepMasked)
    let backward = model.backward(model.forward(batch), truncation: 2)
    let full = model.backward(model.forward(batch))
    let stepSize = 2 * 3  // B · H
    // Step 1 ends chunk [0, 2): only the head's direct gradient reaches it.
    XCTAssertEqual(
      Array(backward.dhTotal[0][stepSize..<(2 * stepSize)]), Array(backward.dTopOutputs[stepSize..<(2 * stepSize)]))
    XCTAssertNotEqual(
      Array(full.dhTotal[0][stepSize..<(2 * stepSize)]), Array(full.dTopOutputs[stepSize..<(2 * stepSize)]))
    // Inside a chunk (step 0) the recurrent path is still there.
    XCTAssertNotEqual(Array(backward.dhTotal[0][0..<stepSize]), Array(backward.dTopOutputs[0..<stepSize]))
  }

  func testRecycledBuffersNeverChangeResults() {
    let config = ModelConfig(cell: .gru, input: .embedding(vocab: 6, dim: 3), hidden: 5, layers: 2, outputs: 6)
    let trained = EngineTestSupport.model(config)
    let fresh = RecurrentModel(config: config)
    var sgd = SGD(learningRate: 0)  // steps that only exercise the buffer pool
    for length in [7, 5, 5] {
      trained.trainStep(EngineTestSupport.batch(config, length: length, targets: .everyStepMasked), optimizer: &sgd)
      _ = trained.evaluate(EngineTestSupport.batch(config, length: length, targets: .everyStepMasked, seed: 3))
    }
    fresh.parameters = trained.parameters
    let batch = EngineTestSupport.batch(config, length: 5, targets: .everyStepMasked, seed: 8)
    let (pooled, clean) = (trained.forward(batch), fresh.forward(batch))
    XCTAssertEqual(pooled.loss, clean.loss)
    XCTAssertEqual(pooled.layers.map(\.h), clean.layers.map(\.h))
    XCTAssertEqual(pooled.probabilities, clean.probabilities)
    _ = trained.backward(pooled)
    _ = fresh.backward(clean)
    XCTAssertEqual(trained.gradients, fresh.gradients)
  }

  func testSingleSequenceBatchMatchesTheSameSequenceInsideALargerBatch() {
    // B = 1 runs matrix-vector products, B = 2 matrix-matrix products; the numbers must agree.
    let config = ModelConfig(cell: .lstm, input: .dense(features: 3), hidden: 6, outputs: 4)
    let model = EngineTestSupport.model(config)
    let pair = EngineTestSupport.batch(config, batchSize: 2, length: 4, targets: .everyStepMasked)
    guard case .everyStep(let targets) = pair.targets else { return XCTFail("expected per-step targets") }
    let single = Batch(
      batchSize: 1, length: 4, features: Array(pair.features[0..<12]), targets: .everyStep(Array(targets[0..<4])))
    let both = model.forward(pair)
    let one = model.forward(single)
    for t in 0...4 {
      for j in 0..<6 {
        XCTAssertEqual(one.layers[0].h[t * 6 + j], both.layers[0].h[t * 12 + j], accuracy: 1e-6, "h[\(t)][\(j)]")
      }
    }
  }

  func testClippingReportsTheNormAndScalesToMaxNorm() {
    let model = EngineTestSupport.model(lstmConfig)
    _ = model.backward(model.forward(EngineTestSupport.batch(lstmConfig, targets: .everyStepMasked)))
    let before = model.gradients
    let norm = Float(before.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
    let unclipped = model.clipGradients(maxNorm: norm * 2)
    XCTAssertEqual(unclipped, ClipResult(norm: unclipped.norm, clipped: false))
    XCTAssertEqual(unclipped.norm, norm, accuracy: norm * 1e-5)
    XCTAssertEqual(model.gradients, before)

    let result = model.clipGradients(maxNorm: norm / 4)
    XCTAssertTrue(result.clipped)
    XCTAssertEqual(result.norm, norm, accuracy: norm * 1e-5)
    XCTAssertEqual(model.gradientNorm, norm / 4, accuracy: norm * 1e-4)
    let scale = model.gradients[0] / before[0]
    XCTAssertEqual(scale, (norm / 4) / (norm + 1e-6), accuracy: 1e-5)
  }

  func testTrainStepReportsStatsAndLearnsAFixedBatch() {
    let model = EngineTestSupport.model(lstmConfig, weightScale: 1)
    let batch = EngineTestSupport.batch(lstmConfig, targets: .everyStepMasked)
    var adam = Adam(learningRate: 0.05)
    let first = model.trainStep(batch, optimizer: &adam, clipNorm: 1e-3).stats
    XCTAssertTrue(first.clipped)
    XCTAssertEqual(first.counted, 7)  // 10 positions, every third masked out
    var last = first
    for _ in 0..<60 { last = model.trainStep(batch, optimizer: &adam).stats }
    XCTAssertLessThan(last.loss, first.loss / 4)
    XCTAssertEqual(last.accuracy, 1)
    XCTAssertEqual(last.perplexity, exp(last.loss), accuracy: 1e-4)
  }

  func testSameSeedGivesBitIdenticalTraining() {
    func run(seed: UInt64) -> [Float] {
      var random = SeededRandom(seed: seed)
      let model = RecurrentModel(config: lstmConfig, random: &random)
      var adam = Adam(learningRate: 0.01)
      var state: RecurrentState?
      for step in 0..<4 {
        let batch = EngineTestSupport.batch(lstmConfig, targets: .everyStepMasked, seed: UInt64(step))
        state = model.trainStep(batch, optimizer: &adam, bptt: .truncated(steps: 2), initialState: state).finalState
      }
      return model.parameters
    }
    XCTAssertEqual(run(seed: 5), run(seed: 5))
    XCTAssertNotEqual(run(seed: 5), run(seed: 6))
  }

  func testDefaultInitialisationUsesPyTorchBounds() {
    let config = ModelConfig(cell: .gru, input: .embedding(vocab: 10, dim: 4), hidden: 16, outputs: 3)
    var random = SeededRandom(seed: 1)
    let model = RecurrentModel(config: config, random: &random)
    for entry in model.layout.entries where entry.name != "embedding.weight" && entry.count >= 16 {
      let values = model.parameter(named: entry.name) ?? []
      XCTAssertLessThanOrEqual(values.map(abs).max() ?? 1, 0.25, entry.name)  // 1/√16
      XCTAssertGreaterThan(values.map(abs).max() ?? 0, 0.2, entry.name)
    }
    let embedding = model.parameter(named: "embedding.weight") ?? []
    XCTAssertGreaterThan(embedding.map(abs).max() ?? 0, 1)  // N(0, 1), not a uniform bound
  }

  func testOrthogonalInitialisationGivesScaledOrthogonalBlocks() {
    let hidden = 8
    let scale: Float = 1.3
    let config = ModelConfig(cell: .lstm, input: .dense(features: 2), hidden: hidden, outputs: 2)
    var random = SeededRandom(seed: 2)
    let model = RecurrentModel(
      config: config, initialization: InitOptions(recurrent: .orthogonal(scale: scale), forgetBias: 1), random: &random)
    let weight = model.parameter(named: "rnn.weight_hh_l0") ?? []
    for block in 0..<4 {
      let w = Array(weight[(block * hidden * hidden)..<((block + 1) * hidden * hidden)])
      for i in 0..<hidden {
        for j in 0..<hidden {
          let dot = (0..<hidden).reduce(Float(0)) { $0 + w[i * hidden + $1] * w[j * hidden + $1] }
          XCTAssertEqual(dot, i == j ? scale * scale : 0, accuracy: 1e-5, "block \(block) (\(i), \(j))")
        }
      }
    }
    XCTAssertNotEqual(Array(weight[0..<(hidden * hidden)]), Array(weight[(hidden * hidden)..<(2 * hidden * hidden)]))
    let biasIH = model.parameter(named: "rnn.bias_ih_l0") ?? []
    let biasHH = model.parameter(named: "rnn.bias_hh_l0") ?? []
    XCTAssertEqual(Array(biasIH[hidden..<(2 * hidden)]), Array(repeating: 1, count: hidden))
    XCTAssertEqual(Array(biasHH[hidden..<(2 * hidden)]), Array(repeating: 0, count: hidden))
    XCTAssertNotEqual(Array(biasIH[0..<hidden]), Array(repeating: 1, count: hidden))
  }

  func testIdentityInitialisation() {
    let config = ModelConfig(cell: .rnnRelu, input: .dense(features: 2), hidden: 3, outputs: 2)
    var random = SeededRandom(seed: 2)
    let model = RecurrentModel(
      config: config, initialization: InitOptions(recurrent: .identity(scale: 0.5)), random: &random)
    XCTAssertEqual(model.parameter(named: "rnn.weight_hh_l0"), [0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5])
    // Gated cells: every gate block is ρ·I.
    let gru = RecurrentModel(
      config: ModelConfig(cell: .gru, input: .dense(features: 2), hidden: 2, outputs: 2),
      initialization: InitOptions(recurrent: .identity(scale: 2)), random: &random)
    XCTAssertEqual(gru.parameter(named: "rnn.weight_hh_l0"), [2, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 2])
  }
}

#if canImport(Glibc)
  import Glibc
#endif
