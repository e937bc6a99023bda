import XCTest

@testable import RNNEngine

/// The trace's ‖∂L_T/∂h_t‖ against the gradient carried back by hand through a linear RNN.
final class LastStepGradientTests: XCTestCase {
  func testLastStepGradientIsTheLastLossAloneCarriedBackThroughW() throws {
    // A linear RNN's step Jacobian is W_hh itself: ∂ℓ_T/∂h_{t−1} = W_hhᵀ ∂ℓ_T/∂h_t.
    let hidden = 4
    let config = ModelConfig(cell: .rnnLinear, input: .dense(features: 3), hidden: hidden, outputs: 3)
    let model = EngineTestSupport.model(config, weightScale: 1)
    // Sequence 1's mask is 0 at steps 0 and 3: its last scored step is 4, the last one.
    let batch = EngineTestSupport.batch(config, batchSize: 2, length: 5, targets: .everyStepMasked)
    let trace = model.probe(batch, sequence: 1)
    let norms = trace.layers[0].lastStepGradientNorms
    XCTAssertEqual(norms.count, 5)
    // At T only the last loss reaches h_T, so the whole loss's gradient there is the start.
    var v = Array(trace.layers[0].dh[4])
    let weight = model.parameters.withBase {
      Array(UnsafeBufferPointer(start: $0 + model.layerOffsets[0].weightHH, count: hidden * hidden))
    }
    for t in stride(from: 4, through: 0, by: -1) {
      let expected = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      XCTAssertEqual(norms[t], expected, accuracy: 1e-5 * max(expected, 1), "step \(t)")
      v = (0..<hidden).map { j in (0..<hidden).reduce(0) { $0 + weight[$1 * hidden + j] * v[$1] } }
    }
    // The whole loss's gradient differs before T (the other steps add to it).
    XCTAssertNotEqual(norms[1], trace.layers[0].dh[1].reduce(0) { $0 + $1 * $1 }.squareRoot(), accuracy: 1e-6)
  }

  func testReverseDirectionCarriesTheFirstScoredLossAloneLeftToRightThroughW() throws {
    // The reverse direction reads right to left, so its last step is the first position: the
    // first scored loss alone reaches h←_t for t ≥ that position, ∂ℓ/∂h←_{t+1} = W_hh←ᵀ ∂ℓ/∂h←_t.
    let hidden = 4
    let config = ModelConfig(
      cell: .rnnLinear, input: .dense(features: 3), hidden: hidden, outputs: 3, bidirectional: true)
    let model = EngineTestSupport.model(config, weightScale: 1)
    // Sequence 1's mask is 0 at steps 0 and 3: its first scored step is 1.
    let batch = EngineTestSupport.batch(config, batchSize: 2, length: 5, targets: .everyStepMasked)
    let trace = model.probe(batch, sequence: 1)
    let reverse = trace.layers[1]
    let norms = reverse.lastStepGradientNorms
    XCTAssertEqual(norms.count, 5)
    // h←_0 is read after h←_1: the loss at position 1 never reaches it.
    XCTAssertEqual(norms[0], 0)
    // At position 1 only its own loss reaches h←_1 (position 0 is not scored).
    var v = Array(reverse.dh[1])
    let weight = model.parameters.withBase {
      Array(UnsafeBufferPointer(start: $0 + model.layerOffsets[1].weightHH, count: hidden * hidden))
    }
    for t in 1..<5 {
      let expected = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      XCTAssertGreaterThan(expected, 0)
      XCTAssertEqual(norms[t], expected, accuracy: 1e-5 * max(expected, 1), "position \(t)")
      v = (0..<hidden).map { j in (0..<hidden).reduce(0) { $0 + weight[$1 * hidden + j] * v[$1] } }
    }
    // The forward direction keeps the last scored loss (position 4), which reaches it at 4.
    let forward = trace.layers[0]
    XCTAssertEqual(
      forward.lastStepGradientNorms[4], forward.dh[4].reduce(0) { $0 + $1 * $1 }.squareRoot(), accuracy: 1e-6)
  }

  func testWhatSurvivesStaysUnderTheProductOfStepNormsWhereHIsTheOnlyPath() {
    // ‖J_tᵀ v‖ ≤ ‖J_t‖‖v‖ at every step, so the last loss's gradient stays under ‖∂L/∂h_T‖·∏‖J‖.
    for cell in [CellType.gru, .rnnTanh] {
      let config = ModelConfig(cell: cell, input: .oneHot(vocab: 6), hidden: 6, outputs: 6)
      let model = EngineTestSupport.model(config, weightScale: 2)
      // Length 11: the mask keeps the last step (it drops every third from step 2).
      let trace = model.probe(EngineTestSupport.batch(config, batchSize: 1, length: 11, targets: .everyStepMasked))
      let layer = trace.layers[0]
      let last = layer.lastStepGradientNorms
      XCTAssertGreaterThan(last[10], 0)
      XCTAssertEqual(last[10], layer.dh[10].reduce(0) { $0 + $1 * $1 }.squareRoot(), accuracy: 1e-7, "\(cell) at T")
      var bound = last[10]
      for t in stride(from: 9, through: 0, by: -1) {
        bound *= layer.jacobianNorm[t + 1]
        XCTAssertLessThanOrEqual(last[t], bound * 1.02 + 1e-12, "\(cell) step \(t)")
      }
    }
  }

  func testTheLastStepsGradientThroughTwoLayersStopsAtTheLastScoredStep() {
    // The last scored step's row goes back through both layers (its dL/dx reaches layer 0) and
    // leaves the steps after it at zero: the probe's last scored step is 4 of 6 (the mask drops
    // steps 2 and 5).
    for cell in [CellType.lstm, .gru, .rnnTanh] {
      let config = ModelConfig(cell: cell, input: .oneHot(vocab: 6), hidden: 5, layers: 2, outputs: 6)
      let probe = EngineTestSupport.batch(config, batchSize: 1, length: 6, targets: .everyStepMasked, seed: 5)
      let layers = EngineTestSupport.model(config, weightScale: 1).probe(probe).layers
      XCTAssertEqual(layers.count, 2, "\(cell)")
      for (layer, trace) in layers.enumerated() {
        let norms = trace.lastStepGradientNorms
        XCTAssertEqual(norms.count, 6, "\(cell) layer \(layer)")
        XCTAssertEqual(norms.last, 0, "\(cell) layer \(layer): nothing after the last scored step")
        XCTAssertGreaterThan(norms.first ?? 0, 0, "\(cell) layer \(layer): the last loss reaches the first step")
      }
    }
  }

  func testLastStepTargetsUseTheWholeGradientWhichIsTheLastLossAlready() {
    let config = ModelConfig(cell: .lstm, input: .oneHot(vocab: 5), hidden: 3, outputs: 4)
    let model = EngineTestSupport.model(config)
    let trace = model.probe(EngineTestSupport.batch(config, length: 6, targets: .lastStep))
    let whole = trace.layers[0].dh.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    for (a, b) in zip(trace.layers[0].lastStepGradientNorms, whole) { XCTAssertEqual(a, b, accuracy: 1e-6) }
  }
}
