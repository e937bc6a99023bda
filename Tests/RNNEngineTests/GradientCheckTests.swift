import XCTest

@testable import RNNEngine

/// Backprop against central finite differences of the loss, for every cell, encoding and loss.
final class GradientCheckTests: XCTestCase {
  private let smoothCells: [CellType] = [.rnnTanh, .rnnLinear, .lstm, .gru, .rnnRelu]

  func testEveryCellAndEncodingWithMaskedPerStepCrossEntropy() {
    let encodings: [InputEncoding] = [.oneHot(vocab: 5), .embedding(vocab: 5, dim: 3), .dense(features: 3)]
    for cell in smoothCells {
      for encoding in encodings {
        let config = ModelConfig(cell: cell, input: encoding, hidden: 4, layers: 2, outputs: 5)
        checkGradients(config, targets: .everyStepMasked)
      }
    }
  }

  /// Both directions, every encoding. The bounded cells only: the plumbing of the two directions is
  /// the same for every cell, and ReLU's kinks and the linear cell's growth over two 2H-wide layers
  /// put finite differences of these sizes out of their depth.
  func testBidirectionalEveryEncoding() {
    let encodings: [InputEncoding] = [.oneHot(vocab: 5), .embedding(vocab: 5, dim: 3), .dense(features: 3)]
    for cell in [CellType.rnnTanh, .lstm, .gru] {
      for encoding in encodings {
        checkGradients(
          ModelConfig(cell: cell, input: encoding, hidden: 4, layers: 2, outputs: 5, bidirectional: true),
          targets: .everyStepMasked)
      }
      checkGradients(
        ModelConfig(cell: cell, input: .dense(features: 3), hidden: 4, layers: 2, outputs: 3, bidirectional: true),
        targets: .lastStep)
    }
  }

  func testManyToOneCrossEntropyAndMeanSquaredError() {
    for cell in smoothCells {
      checkGradients(
        ModelConfig(cell: cell, input: .dense(features: 3), hidden: 4, layers: 2, outputs: 3),
        targets: .lastStep)
      checkGradients(
        ModelConfig(cell: cell, input: .dense(features: 3), hidden: 4, layers: 2, outputs: 2, head: .regression),
        targets: .regression)
    }
  }

  func testInitialStateIsUsedAndBackwardStillMatchesFiniteDifferences() {
    let config = ModelConfig(cell: .lstm, input: .oneHot(vocab: 5), hidden: 4, layers: 2, outputs: 5)
    var random = SeededRandom(seed: 3)
    let state = RecurrentState(
      h: (0..<2).map { _ in (0..<8).map { _ in random.normal() * 0.5 } },
      c: (0..<2).map { _ in (0..<8).map { _ in random.normal() * 0.5 } })
    let model = EngineTestSupport.model(config)
    let batch = EngineTestSupport.batch(config, targets: .everyStepMasked)
    XCTAssertNotEqual(model.forward(batch).loss, model.forward(batch, initialState: state).loss)
    checkGradients(config, targets: .everyStepMasked, initialState: state)
  }

  /// Directional derivatives along random directions, and the largest single coordinates, against backprop.
  private func checkGradients(
    _ config: ModelConfig, targets: EngineTestSupport.TargetKind, initialState: RecurrentState? = nil,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let label = "\(config.cell) \(config.input) \(targets)"
    let model = EngineTestSupport.model(config)
    let batch = EngineTestSupport.batch(config, targets: targets)
    let backward = model.backward(model.forward(batch, initialState: initialState))
    let gradient = model.gradients
    let base = model.parameters
    func loss(_ parameters: [Float]) -> Double {
      model.parameters = parameters
      return Double(model.forward(batch, initialState: initialState).loss)
    }

    let epsilon: Float = 1e-2
    var random = SeededRandom(seed: 99)
    for _ in 0..<3 {
      let direction = unitVector(count: base.count, random: &random)
      let plus = zip(base, direction).map { $0 + epsilon * $1 }
      let minus = zip(base, direction).map { $0 - epsilon * $1 }
      let numeric = (loss(plus) - loss(minus)) / Double(2 * epsilon)
      let analytic = zip(gradient, direction).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
      XCTAssertEqual(
        analytic, numeric, accuracy: 2e-3 + 1e-2 * abs(numeric), "\(label): directional derivative",
        file: file, line: line)
    }
    // Every tensor's largest gradient coordinate, one at a time.
    for entry in model.layout.entries {
      let range = entry.offset..<(entry.offset + entry.count)
      guard let index = range.max(by: { abs(gradient[$0]) < abs(gradient[$1]) }) else { continue }
      var plus = base
      var minus = base
      plus[index] += epsilon
      minus[index] -= epsilon
      let numeric = (loss(plus) - loss(minus)) / Double(2 * epsilon)
      XCTAssertEqual(
        Double(gradient[index]), numeric, accuracy: 2e-3 + 1e-2 * abs(numeric), "\(label): \(entry.name)",
        file: file, line: line)
    }
    model.parameters = base
    // Dense inputs: dL/dx along a random direction.
    guard case .dense = config.input else { return }
    let direction = unitVector(count: batch.features.count, random: &random)
    func inputLoss(_ sign: Float) -> Double {
      var shifted = batch
      shifted.features = zip(batch.features, direction).map { $0 + sign * epsilon * $1 }
      return Double(model.forward(shifted, initialState: initialState).loss)
    }
    let numeric = (inputLoss(1) - inputLoss(-1)) / Double(2 * epsilon)
    let analytic = zip(backward.dInputs, direction).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    XCTAssertEqual(analytic, numeric, accuracy: 2e-3 + 1e-2 * abs(numeric), "\(label): dL/dx", file: file, line: line)
  }

  /// A random direction of length 1, so a step of ε moves the point by ε.
  private func unitVector(count: Int, random: inout SeededRandom) -> [Float] {
    let values = (0..<count).map { _ in random.normal() }
    let length = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return values.map { $0 / length }
  }
}
