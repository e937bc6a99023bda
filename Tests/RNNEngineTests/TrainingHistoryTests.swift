import XCTest

@testable import RNNEngine

/// The per-step curves stay bounded over a long run and keep what the charts show.
final class TrainingHistoryTests: XCTestCase {
  private func stats(loss: Float, norm: Float, clipped: Bool) -> StepStats {
    StepStats(loss: loss, accuracy: nil, counted: 1, gradNormBeforeClip: norm, clipped: clipped)
  }

  func testShortRunsKeepEveryStep() {
    var history = TrainingHistory()
    for step in 0..<100 { history.append(stats(loss: Float(step), norm: 1, clipped: step == 7), learningRate: 0.1) }
    XCTAssertEqual(history.loss, (0..<100).map(Float.init))
    XCTAssertEqual(history.pointSteps, (0..<100).map(Float.init))
    XCTAssertEqual(history.recentClippedSteps, [7])
    XCTAssertEqual(history.lastLoss, 99)
  }

  func testLongRunsMergeStepsIntoBoundedPointsKeepingMeansAndSpikes() {
    var history = TrainingHistory()
    let steps = 5 * TrainingHistory.capacity + 3
    for step in 0..<steps {
      // A gradient spike every 1,000 steps must survive the merging.
      let norm: Float = step % 1_000 == 500 ? 100 : 1
      history.append(stats(loss: Float(step), norm: norm, clipped: step % 3 == 0), learningRate: Float(step))
    }
    XCTAssertEqual(history.stepCount, steps)
    XCTAssertLessThan(history.loss.count, TrainingHistory.capacity)
    XCTAssertEqual(history.stepsPerPoint, 8, "three halvings: 8,192 → 16,384 → 32,768 steps")
    let span = history.stepsPerPoint
    XCTAssertEqual(history.loss.count, steps / span)
    for (point, mean) in history.loss.enumerated() {
      let first = point * span
      XCTAssertEqual(mean, Float(first) + Float(span - 1) / 2, accuracy: 1e-2, "point \(point)")
      XCTAssertEqual(history.pointSteps[point], Float(first + span - 1))
      XCTAssertEqual(history.learningRate[point], Float(first + span - 1))
    }
    XCTAssertEqual(history.gradientNorm.filter { $0 == 100 }.count, (steps / span * span + 499) / 1_000)
    XCTAssertEqual(history.lastLoss, Float(steps - 1))
    XCTAssertEqual(history.clippedCount, (steps + 2) / 3)
    XCTAssertEqual(history.recentClippedSteps.count, TrainingHistory.clippedMemory)
    XCTAssertEqual(history.recentClippedSteps.last, (steps - 1) / 3 * 3)
  }
}
