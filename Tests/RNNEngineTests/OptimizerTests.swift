import XCTest

@testable import RNNEngine

/// Optimizer updates against values worked out by hand from the PyTorch formulas.
final class OptimizerTests: XCTestCase {
  func testSGDWithMomentumFollowsPyTorchBufferRule() {
    var sgd = SGD(learningRate: 0.1, momentum: 0.9)
    var parameters: [Float] = [1]
    // buf = 1 → θ = 0.9; buf = 0.9·1 + 0.5 = 1.4 → θ = 0.76; buf = 0.9·1.4 − 1 = 0.26 → θ = 0.734.
    for (gradient, expected) in zip([Float(1), 0.5, -1], [Float(0.9), 0.76, 0.734]) {
      sgd.update(&parameters, gradients: [gradient])
      XCTAssertEqual(parameters[0], expected, accuracy: 1e-6)
    }
  }

  func testPlainSGDIsGradientDescent() {
    var sgd = SGD(learningRate: 0.5)
    var parameters: [Float] = [1, 2]
    sgd.update(&parameters, gradients: [0.2, -4])
    XCTAssertEqual(parameters, [0.9, 4])
    XCTAssertTrue(sgd.velocity.isEmpty)
  }

  func testAdamMatchesBiasCorrectedFormula() {
    var adam = Adam(learningRate: 0.1)
    var parameters: [Float] = [1, -2]
    let gradients: [[Float]] = [[0.5, -0.1], [0.2, 0.3], [-0.4, 0.3]]
    // Reference written out with m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t), θ -= lr m̂ / (√v̂ + ε), in Double.
    var expected: [Double] = [1, -2]
    var m: [Double] = [0, 0]
    var v: [Double] = [0, 0]
    for (step, g) in gradients.enumerated() {
      adam.update(&parameters, gradients: g)
      let t = Double(step + 1)
      for i in 0..<2 {
        m[i] = 0.9 * m[i] + 0.1 * Double(g[i])
        v[i] = 0.999 * v[i] + 0.001 * Double(g[i]) * Double(g[i])
        let mHat = m[i] / (1 - pow(0.9, t))
        let vHat = v[i] / (1 - pow(0.999, t))
        expected[i] -= 0.1 * mHat / (vHat.squareRoot() + 1e-8)
      }
      XCTAssertEqual(Double(parameters[0]), expected[0], accuracy: 1e-6, "step \(step + 1)")
      XCTAssertEqual(Double(parameters[1]), expected[1], accuracy: 1e-6, "step \(step + 1)")
    }
    // The first step of Adam moves each parameter by almost exactly lr against its gradient's sign.
    XCTAssertEqual(adam.step, 3)
    XCTAssertEqual(adam.m.count, 2)
    XCTAssertEqual(adam.v.count, 2)
  }

  func testLearningRateCanChangeBetweenSteps() {
    var sgd = SGD(learningRate: 1)
    var parameters: [Float] = [0]
    sgd.update(&parameters, gradients: [1])
    sgd.learningRate = 0.25
    sgd.update(&parameters, gradients: [1])
    XCTAssertEqual(parameters[0], -1.25)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
