import Foundation
import XCTest

@testable import RNNEngine

/// Pattern search on a hand-built tanh RNN whose units mean something known.
final class PatternSearchTests: XCTestCase {
  // Tokens: 0 "x", 1 "a", 2 "b", 3 "q" (a latch).
  // Unit 0: +tanh 2 on "a".  Unit 1: +tanh 2 on "a", +tanh 1 on "b", tanh −0.5 on "q".
  // Unit 2: off until the first "q", then on for good (self-loop 5).  Unit 3: tanh 2 everywhere.
  private func handBuiltModel() -> RecurrentModel {
    let model = RecurrentModel(
      config: ModelConfig(cell: .rnnTanh, input: .oneHot(vocab: 4), hidden: 4, outputs: 4))
    let inputWeights: [[Float]] = [  // (H, V)
      [0, 2, 0, 0],
      [0, 2, 1, -0.5],
      [0, 0, 0, 10],
      [0, 0, 0, 0],
    ]
    var recurrent = [Float](repeating: 0, count: 16)
    recurrent[2 * 4 + 2] = 5
    XCTAssertTrue(model.setParameter(named: "rnn.weight_ih_l0", to: inputWeights.flatMap { $0 }))
    XCTAssertTrue(model.setParameter(named: "rnn.weight_hh_l0", to: recurrent))
    XCTAssertTrue(model.setParameter(named: "rnn.bias_ih_l0", to: [0, 0, 0, 2]))
    return model
  }

  //                              0  1  2  3  4  5  6  7  8  9 10 11
  private let tokens: [Int32] = [0, 1, 1, 0, 2, 0, 3, 0, 1, 1, 1, 0]

  func testSpanSelectsTheUnitsOnThroughoutItAndSkipsTheAlwaysOnOne() {
    let activations = handBuiltModel().unitActivations(of: tokens)
    XCTAssertEqual(activations.positions, 12)
    XCTAssertEqual(activations[1, 0], Float(2).tanhValue, accuracy: 1e-6)
    XCTAssertEqual(
      PatternSearch.selectUnits(in: activations, span: 1..<3, threshold: 0.5),
      [SelectedUnit(unit: 0, positive: true), SelectedUnit(unit: 1, positive: true)])
    // "b" at 4 turns unit 1 on but not unit 0; unit 3 is on there too but is on everywhere.
    XCTAssertEqual(
      PatternSearch.selectUnits(in: activations, span: 4..<5, threshold: 0.5), [SelectedUnit(unit: 1, positive: true)])
    XCTAssertEqual(
      PatternSearch.selectUnits(in: activations, span: 6..<8, threshold: 0.5), [SelectedUnit(unit: 2, positive: true)])
    // A lower threshold catches unit 1's negative response to "q".
    XCTAssertEqual(
      PatternSearch.selectUnits(in: activations, span: 6..<7, threshold: 0.4),
      [SelectedUnit(unit: 1, positive: false), SelectedUnit(unit: 2, positive: true)])
  }

  func testMatchesAreRankedByUnitsOnTogetherAndFewOthers() {
    let activations = handBuiltModel().unitActivations(of: tokens)
    let units = [SelectedUnit(unit: 0, positive: true), SelectedUnit(unit: 1, positive: true)]
    let strict = PatternSearch.matches(of: units, in: activations, threshold: 0.5)
    // Both "a a" runs; the second has the latch unit on as well (1 of the 2 other units), so it ranks after.
    XCTAssertEqual(strict.map(\.range), [1..<3, 8..<11])
    XCTAssertEqual(strict[0].selectedOn, 1)
    XCTAssertEqual(strict[0].othersOn, 0.5)  // unit 3 is on everywhere
    XCTAssertEqual(strict[1].othersOn, 1)
    let relaxed = PatternSearch.matches(of: units, in: activations, threshold: 0.5, minimumShare: 0.5)
    // "b" at 4 has half the selected units on and one other: score 0, tied with the longer 8..<11.
    XCTAssertEqual(relaxed.map(\.range), [1..<3, 8..<11, 4..<5])
    XCTAssertEqual(relaxed[2].selectedOn, 0.5)
    XCTAssertEqual(
      PatternSearch.matches(of: units, in: activations, threshold: 0.5, minimumLength: 3).map(\.range), [8..<11])
  }

  func testExtremesListTheStrongestPlacesApart() {
    let activations = handBuiltModel().unitActivations(of: tokens)
    let positive = PatternSearch.extremes(of: 1, in: activations, positive: true, count: 6, separation: 1)
    XCTAssertEqual(Set(positive.prefix(5)), [1, 2, 8, 9, 10])
    XCTAssertEqual(positive.last, 4)
    XCTAssertEqual(PatternSearch.extremes(of: 1, in: activations, positive: false, count: 1), [6])
    let spread = PatternSearch.extremes(of: 0, in: activations, positive: true, count: 2, separation: 3)
    XCTAssertEqual(spread.map { $0 < 5 }.sorted { !$0 && $1 }, [false, true], "one from each run of a's")
  }

  /// Pieces run side by side with a warm-up as long as the text, in chunks of any length, give the
  /// states of one plain forward pass.
  func testABackgroundTextJudgesWhichUnitsAreSaturated() {
    // Units 0 and 1 are on over the whole span; in the background unit 1 is on everywhere.
    let span = UnitActivations(positions: 4, units: 2, values: [0.9, 0.9, 0.9, 0.9, 0, 0, 0, 0])
    let background = UnitActivations(positions: 4, units: 2, values: [0.9, 0.9, 0, 0.9, 0, 0.9, 0, 0.9])
    XCTAssertEqual(
      PatternSearch.selectUnits(in: span, span: 0..<2, threshold: 0.5).map(\.unit), [0, 1], "judged on the span's text")
    XCTAssertEqual(
      PatternSearch.selectUnits(in: span, span: 0..<2, threshold: 0.5, background: background).map(\.unit), [0])
  }

  func testBatchedActivationsEqualOnePass() {
    let config = ModelConfig(cell: .lstm, input: .embedding(vocab: 7, dim: 3), hidden: 5, layers: 2, outputs: 7)
    let model = EngineTestSupport.model(config, weightScale: 1)
    let text: [Int32] = (0..<53).map { Int32(($0 * 5 + $0 / 3) % 7) }
    let record = model.forward(Batch(batchSize: 1, length: text.count, tokens: text, targets: .everyStep(text)))
    let onePass = Array(record.layers[1].h.dropFirst(config.hidden))  // h_1…h_T, one row
    for pieces in [
      model.unitActivations(of: text, rows: 1), model.unitActivations(of: text, rows: 6, warmUp: text.count),
      model.unitActivations(of: text, rows: 4, warmUp: text.count, chunkLength: 7),
      model.unitActivations(of: text, rows: 1, chunkLength: 1),
    ] {
      XCTAssertEqual(pieces.values.count, onePass.count)
      for (left, right) in zip(onePass, pieces.values) { XCTAssertEqual(left, right, accuracy: 1e-5) }
    }
    // 5 symbols in 4 rows of 2: the last row starts past the text and keeps nothing.
    let short = Array(text.prefix(5))
    let shortPieces = model.unitActivations(of: short, rows: 4, warmUp: 5).values
    XCTAssertEqual(shortPieces.count, 5 * config.hidden, "rows past the end of a short text")
    for (left, right) in zip(onePass, shortPieces) { XCTAssertEqual(left, right, accuracy: 1e-5) }
    let bottom = model.unitActivations(of: text, layer: 0, rows: 1)
    XCTAssertEqual(bottom.values, Array(record.layers[0].h.dropFirst(config.hidden)))
  }

  func testABidirectionalLayersUnitsAreBothDirectionsAtEachPosition() {
    let config = ModelConfig(
      cell: .gru, input: .oneHot(vocab: 7), hidden: 4, layers: 2, outputs: 7, bidirectional: true)
    let model = EngineTestSupport.model(config, weightScale: 1)
    let text: [Int32] = (0..<23).map { Int32(($0 * 3 + $0 / 4) % 7) }
    let trace = model.probe(Batch(batchSize: 1, length: text.count, tokens: text, targets: .everyStep(text)))
    for layer in 0..<2 {
      let activations = model.unitActivations(of: text, layer: layer)
      XCTAssertEqual(activations.units, 8)
      // Trace.layers[2K] is layer K's forward direction, [2K + 1] its backward one, both by position.
      let (forward, backward) = (trace.layers[2 * layer].h, trace.layers[2 * layer + 1].h)
      for t in 0..<text.count {
        for j in 0..<4 {
          XCTAssertEqual(activations[t, j], forward[t][j], accuracy: 1e-6, "layer \(layer) → t=\(t) unit \(j)")
          XCTAssertEqual(activations[t, 4 + j], backward[t][j], accuracy: 1e-6, "layer \(layer) ← t=\(t) unit \(j)")
        }
      }
    }
  }

  func testDefaultThresholdIsAQuantileOfMagnitudes() {
    let activations = UnitActivations(positions: 4, units: 1, values: [-4, 1, 2, -3])
    XCTAssertEqual(activations.magnitudeQuantile(0.75), 3)
    XCTAssertEqual(activations.magnitudeQuantile(0), 1)
  }
}

extension Float {
  fileprivate var tanhValue: Float { Float(Foundation.tanh(Double(self))) }
}
