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
    let first = try XCTUnwrap(SessionTestSupport.waitForSnapshot(of: session) { $0.status == .paused })
    XCTAssertEqual(first.step, first.stepsPerEpoch, "paused exactly where epoch 1 ends")
    XCTAssertEqual(first.epochs.map(\.epoch), [1])
    XCTAssertTrue(first.pausesAtEpochEnd, "the snapshot tells the UI to prompt for the next epoch")
    session.send(.resume)
    let second = try XCTUnwrap(
      SessionTestSupport.waitForSnapshot(of: session) { $0.status == .paused && $0.epochs.count == 2 })
    XCTAssertEqual(second.step, 2 * second.stepsPerEpoch)
  }
}
