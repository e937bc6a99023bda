import Foundation
import XCTest

@testable import RNNEngine

/// The lab thread: snapshots, pause and live changes.
final class LabSessionTests: XCTestCase {
  /// Polls the session's snapshot until `condition` holds or five seconds pass.
  private func waitFor(_ session: LabSession, _ condition: (LabSnapshot) -> Bool) -> LabSnapshot? {
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline {
      if let snapshot = session.snapshot, condition(snapshot) { return snapshot }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return nil
  }

  func testSessionTrainsPausesAndRestartsThePaneAChangeAffects() throws {
    let settings = LabSettings(gap: 4, steps: 100_000, hidden: 8, recordEvery: 50)
    let session = try LabSession(experiment: .arch, settings: settings, startPaused: true)
    session.start()
    defer { session.stop() }
    let first = try XCTUnwrap(waitFor(session) { _ in true })
    XCTAssertTrue(first.isPaused)
    XCTAssertEqual(first.panes.map(\.step), [0, 0, 0])
    XCTAssertEqual(first.experimentName, "arch")

    session.send(.resume)
    XCTAssertNotNil(waitFor(session) { $0.panes.allSatisfy { $0.step >= 20 } })
    session.send(.pause)
    session.send(.setForgetBias(3))
    let changed = try XCTUnwrap(waitFor(session) { $0.isPaused && $0.settings.forgetBias == 3 })
    XCTAssertEqual(changed.panes[1].step, 0, "the LSTM starts again with the new forget bias")
    XCTAssertGreaterThanOrEqual(changed.panes[0].step, 20)
    XCTAssertGreaterThan(changed.publication, first.publication)
  }

  func testInvalidGapIsRejectedUpFront() {
    XCTAssertThrowsError(try LabSession(experiment: .scale, settings: LabSettings(gap: 0)))
  }
}
