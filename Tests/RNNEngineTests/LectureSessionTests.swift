import Foundation
import XCTest

@testable import RNNEngine

/// `--lecture`'s session: training pauses at the end of every epoch until resumed.
final class LectureSessionTests: XCTestCase {
  func testSessionPausesAtTheEndOfEveryEpochAndGoesOnWhenResumed() throws {
    let config = RecordingTestSupport.recallConfig(epochs: 3)
    let session = TrainingSession(config: config, task: try config.task.makeTask(), pausesAtEpochEnd: true)
    session.start()
    defer { session.stop() }
    let first = try XCTUnwrap(waitForSnapshot(of: session) { $0.status == .paused })
    XCTAssertEqual(first.step, first.stepsPerEpoch, "paused exactly where epoch 1 ends")
    XCTAssertEqual(first.epochs.map(\.epoch), [1])
    XCTAssertTrue(first.pausesAtEpochEnd, "the snapshot tells the UI to prompt for the next epoch")
    session.send(.resume)
    let second = try XCTUnwrap(waitForSnapshot(of: session) { $0.status == .paused && $0.epochs.count == 2 })
    XCTAssertEqual(second.step, 2 * second.stepsPerEpoch)
  }

  /// The session's latest snapshot once `condition` holds (nil after 20 s).
  private func waitForSnapshot(of session: TrainingSession, where condition: (TrainingSnapshot) -> Bool)
    -> TrainingSnapshot?
  {
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      if let snapshot = session.snapshot, condition(snapshot) { return snapshot }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return nil
  }
}
