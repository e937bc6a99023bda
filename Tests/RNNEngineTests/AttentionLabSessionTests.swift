import Foundation
import XCTest

@testable import RNNEngine

/// The bottleneck lab on its own thread: it waits while paused, trains every pane to its budget,
/// and starts again on restart.
final class AttentionLabSessionTests: XCTestCase {
  private let settings = AttentionLabSettings(
    lengths: 1...5, hidden: 4, embedding: 2, batchSize: 2, steps: 6, recordEvery: 3, heldOut: 10)

  private func waitForSnapshot(of session: AttentionLabSession, until condition: (AttentionLabSnapshot) -> Bool)
    -> AttentionLabSnapshot?
  {
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      if let snapshot = session.snapshot, condition(snapshot) { return snapshot }
      Thread.sleep(forTimeInterval: 0.005)
    }
    return nil
  }

  func testPausedResumedFinishedAndRestarted() throws {
    let session = AttentionLabSession(settings: settings, startPaused: true)
    session.start()
    defer { session.stop() }
    let paused = try XCTUnwrap(waitForSnapshot(of: session) { $0.isPaused })
    XCTAssertEqual(paused.panes.map(\.name), ["none", "dot", "general", "bi-dot"])
    XCTAssertEqual(paused.panes.map(\.step), [0, 0, 0, 0], "nothing trains while paused")
    session.send(.resume)
    let finished = try XCTUnwrap(waitForSnapshot(of: session) { $0.isFinished })
    XCTAssertEqual(finished.panes.map(\.step), [6, 6, 6, 6])
    XCTAssertEqual(finished.panes[1].evaluations.map(\.step), [0, 3, 6], "measured at 0 and every 3 steps")
    // The same panes as the run driven directly: the thread adds nothing to the numbers.
    let direct = AttentionLabRun(settings: settings)
    direct.advance(steps: 6)
    XCTAssertEqual(finished.panes.map(\.loss), direct.panesSnapshot.map(\.loss))
    session.send(.pause)
    session.send(.restart)
    let restarted = try XCTUnwrap(waitForSnapshot(of: session) { $0.isPaused && !$0.isFinished })
    XCTAssertEqual(restarted.panes.map(\.step), [0, 0, 0, 0])
  }
}
