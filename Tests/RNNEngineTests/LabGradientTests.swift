import Foundation
import XCTest

@testable import RNNEngine

/// The lab's gradient-through-time measurements against what the mathematics says they must be.
final class LabGradientTests: XCTestCase {
  /// A freshly initialised one-layer model on the recall task's vocabulary with W_hh = orthogonal × ρ.
  private func model(_ cell: CellType, scale: Float, hidden: Int = 16, seed: UInt64 = 3) -> RecurrentModel {
    var random = SeededRandom(seed: seed)
    let config = ModelConfig(
      cell: cell, input: .oneHot(vocab: RecallTask.vocabulary), hidden: hidden, outputs: RecallTask.payloadCount)
    let initialization = InitOptions(recurrent: .orthogonal(scale: scale))
    return RecurrentModel(config: config, initialization: initialization, random: &random)
  }

  /// The first held-out batch of a recall task: `gap + 2` steps, loss at the last step only.
  private func batch(gap: Int, size: Int = 8) throws -> Batch {
    let task = try RecallTask(config: .init(gap: gap, heldOutCount: size))
    return try XCTUnwrap(task.heldOutBatches(size: size).first)
  }

  func testIdentityActivationFollowsTheMatrixPowerExactly() throws {
    let batch = try batch(gap: 40)
    for scale: Float in [0.5, 0.9, 1.0, 1.1, 1.5] {
      let profile = model(.rnnLinear, scale: scale).gradientProfile(on: batch, step: 0).profile
      XCTAssertEqual(profile.norms.count, 42)
      for (distance, norm) in profile.norms.enumerated() {
        let expected = Double(profile.norms[0]) * pow(Double(scale), Double(distance))
        XCTAssertEqual(Double(norm), expected, accuracy: 1e-4 * expected, "ρ = \(scale), distance \(distance)")
      }
    }
  }

  func testFittedFactorOfTheIdentityActivationIsRho() throws {
    let batch = try batch(gap: 30)
    for scale: Float in [0.5, 0.9, 1.1, 1.5] {
      let profile = model(.rnnLinear, scale: scale).gradientProfile(on: batch, step: 0).profile
      XCTAssertEqual(profile.factor, scale, accuracy: 1e-3, "ρ = \(scale)")
    }
  }

  func testTanhNeverExceedsPascanuBound() throws {
    let batch = try batch(gap: 40)
    for scale: Float in [0.5, 0.9, 1.0, 1.1, 1.5, 3] {
      let profile = model(.rnnTanh, scale: scale).gradientProfile(on: batch, step: 0).profile
      // γ = 1 for tanh and every singular value of orthogonal × ρ is ρ, so the bound is ρ.
      let bound = try XCTUnwrap(profile.bound)
      XCTAssertEqual(bound, scale, accuracy: 1e-4 * scale)
      for (distance, norm) in profile.norms.enumerated() {
        let ceiling = Double(profile.norms[0]) * pow(Double(scale), Double(distance))
        XCTAssertLessThanOrEqual(Double(norm), ceiling * (1 + 1e-5), "ρ = \(scale), distance \(distance)")
      }
      XCTAssertLessThanOrEqual(profile.factor, scale, "ρ = \(scale)")
    }
  }

  func testSmallScaleVanishesAndLargeLinearScaleExplodes() throws {
    let batch = try batch(gap: 50)
    let vanishing = model(.rnnTanh, scale: 0.5).gradientProfile(on: batch, step: 0).profile.norms
    XCTAssertLessThan(vanishing[50], 1e-10 * vanishing[0])
    XCTAssertGreaterThan(vanishing[50], 0, "the gradient is tiny, not lost to underflow")
    let exploding = model(.rnnLinear, scale: 1.5).gradientProfile(on: batch, step: 0).profile.norms
    XCTAssertGreaterThan(exploding[50], 1e6 * exploding[0])
  }

  func testFitRecoversAGeometricSequenceAndSkipsZeros() {
    var norms = (0..<20).map { Float(3 * pow(0.8, Double($0))) }
    norms[7] = 0
    norms[12] = .nan
    XCTAssertEqual(GradientProfile.fittedFactor(norms), 0.8, accuracy: 1e-5)
    XCTAssertTrue(GradientProfile.fittedFactor([1]).isNaN)
  }

  func testGatedCellsHaveNoPascanuBound() throws {
    let batch = try batch(gap: 5)
    XCTAssertNil(model(.lstm, scale: 1).gradientProfile(on: batch, step: 0).profile.bound)
    XCTAssertNil(model(.gru, scale: 1).gradientProfile(on: batch, step: 0).profile.bound)
  }

  func testForgetBiasSaturatesTheForgetGateOpen() throws {
    let batch = try batch(gap: 20)
    func saturation(forgetBias: Float?) -> [GateSaturation] {
      var random = SeededRandom(seed: 5)
      let config = ModelConfig(
        cell: .lstm, input: .oneHot(vocab: RecallTask.vocabulary), hidden: 16, outputs: RecallTask.payloadCount)
      let model = RecurrentModel(config: config, initialization: InitOptions(forgetBias: forgetBias), random: &random)
      return model.gradientProfile(on: batch, step: 0).record.gateSaturation
    }
    let open = saturation(forgetBias: 3)
    let plain = saturation(forgetBias: nil)
    XCTAssertEqual(open.map(\.gate), ["i", "f", "o"])
    // σ(3 ± a little) ≈ 0.95: nearly every forget gate starts above 0.9; PyTorch's draw keeps them near 0.5.
    XCTAssertGreaterThan(open[1].high, 0.8)
    XCTAssertLessThan(plain[1].high, 0.05)
    XCTAssertEqual(open[0].high, plain[0].high, "the input gate does not depend on the forget bias")
  }
}
