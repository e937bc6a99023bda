import XCTest

@testable import RNNEngine

/// The probe the Attention view draws: greedy decoding with α, c_i and the top three of every step.
final class Seq2SeqProbeTests: XCTestCase {
  private func model(_ attention: AttentionKind, bidirectional: Bool = false) -> Seq2SeqModel {
    Seq2SeqModel(
      config: Seq2SeqConfig(
        cell: .gru, sourceVocabulary: 12, targetVocabulary: 9, embedding: 4, hidden: 6, bidirectional: bidirectional,
        attention: attention), seed: 7)
  }

  func testProbeDecodesExactlyAsGreedyDecodingWithTheSameAlpha() {
    for attention in AttentionKind.allCases {
      let model = model(attention, bidirectional: attention == .general)
      let source: [Int32] = [3, 4, 5, 6, 7, 8, 9]
      let probe = model.probe(source, maxLength: 12)
      let greedy = model.greedyDecode([source], maxLength: 12)[0]
      XCTAssertEqual(probe.outputTokens, greedy.tokens, "\(attention)")
      XCTAssertEqual(probe.steps.map(\.alpha), greedy.alpha, "\(attention)")
      XCTAssertEqual(probe.attention, attention)
    }
  }

  func testTopThreeAreTheLikeliestFirstAndSumBelowOne() {
    let probe = model(.dot).probe([3, 4, 5], maxLength: 6)
    XCTAssertFalse(probe.steps.isEmpty)
    for step in probe.steps {
      XCTAssertEqual(step.top.count, 3)
      XCTAssertEqual(step.top[0].token, step.token)
      XCTAssertGreaterThanOrEqual(step.top[0].probability, step.top[1].probability)
      XCTAssertGreaterThanOrEqual(step.top[1].probability, step.top[2].probability)
      XCTAssertLessThanOrEqual(step.top.map(\.probability).reduce(0, +), 1.0001)
      XCTAssertEqual(step.alpha.reduce(0, +), 1, accuracy: 1e-5)
      XCTAssertEqual(step.context.count, 6)
    }
  }

  func testWithoutAttentionEveryStepGetsTheSameContextAndNoAlpha() {
    let probe = model(.none).probe([3, 4, 5, 6], maxLength: 5)
    XCTAssertGreaterThan(probe.steps.count, 1)
    for step in probe.steps {
      XCTAssertEqual(step.context, probe.steps[0].context)
      XCTAssertEqual(step.alpha, [0, 0, 0, 0])
    }
    XCTAssertNotEqual(probe.steps[0].context, [Float](repeating: 0, count: 6))
  }

  func testGeneratedTasksKnowTheirTarget() {
    XCTAssertEqual(Seq2SeqTaskKind.reverse.target(for: "abc"), "cba")
    XCTAssertEqual(Seq2SeqTaskKind.sort.target(for: "cab"), "abc")
    XCTAssertEqual(Seq2SeqTaskKind.dates.target(for: "Thursday, May 3, 1979"), "1979-05-03")
    XCTAssertNil(Seq2SeqTaskKind.dates.target(for: "no date"))
    XCTAssertNil(Seq2SeqTaskKind.pairs.target(for: "abc"))
  }
}
