import XCTest

@testable import RNNEngine

/// `sampleIndex`: greedy at temperature 0, top-k restriction, and the softmax frequencies.
final class TasksSamplingTests: XCTestCase {
  func testZeroTemperatureIsArgmax() {
    var rng = SeededRandom(seed: 1)
    XCTAssertEqual(sampleIndex(logits: [0.1, 2.5, -1, 2.4], temperature: 0, topK: nil, rng: &rng), 1)
    XCTAssertEqual(sampleIndex(logits: [3, 3, 1], temperature: 0, topK: nil, rng: &rng), 0, "first index on ties")
  }

  func testTopOneIsArgmaxAtAnyTemperature() {
    var rng = SeededRandom(seed: 2)
    for _ in 0..<100 {
      XCTAssertEqual(sampleIndex(logits: [0, 1, 5, 4.9], temperature: 10, topK: 1, rng: &rng), 2)
    }
  }

  func testTopKNeverReturnsOthers() {
    var rng = SeededRandom(seed: 3)
    let drawn = Set((0..<2000).map { _ in sampleIndex(logits: [1, 0, 3, 2, 0.5], temperature: 5, topK: 2, rng: &rng) })
    XCTAssertEqual(drawn, [2, 3])
  }

  func testFrequenciesFollowTheSoftmax() {
    var rng = SeededRandom(seed: 4)
    // softmax([0, ln 3]) = [0.25, 0.75]; at temperature 2 the logits halve: [1, sqrt 3] / (1 + sqrt 3).
    let draws = 20_000
    let ones = (0..<draws).filter { _ in
      sampleIndex(logits: [0, Float(log(3.0))], temperature: 1, topK: nil, rng: &rng) == 1
    }
    XCTAssertEqual(Double(ones.count) / Double(draws), 0.75, accuracy: 0.015)
    let warm = (0..<draws).filter { _ in
      sampleIndex(logits: [0, Float(log(3.0))], temperature: 2, topK: nil, rng: &rng) == 1
    }
    XCTAssertEqual(Double(warm.count) / Double(draws), 3.0.squareRoot() / (1 + 3.0.squareRoot()), accuracy: 0.015)
  }

  func testSameSeedSameSamples() {
    var a = SeededRandom(seed: 5)
    var b = SeededRandom(seed: 5)
    let logits: [Float] = [0.3, 0.1, 0.9, 0.5, 0.2]
    let first = (0..<50).map { _ in sampleIndex(logits: logits, temperature: 1, topK: nil, rng: &a) }
    let second = (0..<50).map { _ in sampleIndex(logits: logits, temperature: 1, topK: nil, rng: &b) }
    XCTAssertEqual(first, second)
  }

  func testNaNLogitsAreNeverDrawn() {
    var rng = SeededRandom(seed: 6)
    let drawn = Set(
      (0..<500).map { _ in sampleIndex(logits: [.nan, 0, .nan, 0.5], temperature: 1, topK: nil, rng: &rng) })
    XCTAssertEqual(drawn, [1, 3])
  }
}
