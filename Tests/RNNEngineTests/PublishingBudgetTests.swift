import XCTest

@testable import RNNEngine

final class PublishingBudgetTests: XCTestCase {
  func testCheapPublicationsFollowTheFrameRate() {
    XCTAssertEqual(TrainingSession.publishGap(afterPublicationTaking: 0), TrainingSession.publishInterval)
    XCTAssertEqual(TrainingSession.publishGap(afterPublicationTaking: 0.001), TrainingSession.publishInterval)
  }

  func testCostlyPublicationsTakeAtMostTheirShareOfTheTrainerThread() {
    // A 40 ms trace (LSTM-512) must be followed by 360 ms of training: 10 % of the time publishing.
    XCTAssertEqual(TrainingSession.publishGap(afterPublicationTaking: 0.04), 0.36, accuracy: 1e-12)
    for cost in [0.003, 0.01, 0.05, 0.2, 1.5] {
      let gap = TrainingSession.publishGap(afterPublicationTaking: cost)
      XCTAssertLessThanOrEqual(cost / (cost + gap), TrainingSession.publishShare + 1e-12, "cost \(cost) s")
      XCTAssertGreaterThanOrEqual(gap, TrainingSession.publishInterval)
    }
  }
}
