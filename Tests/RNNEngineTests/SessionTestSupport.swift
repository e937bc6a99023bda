import Foundation

@testable import RNNEngine

/// Waiting for what a `TrainingSession`'s trainer thread publishes.
enum SessionTestSupport {
  /// The session's latest snapshot once `condition` holds (nil after 20 s).
  static func waitForSnapshot(of session: TrainingSession, where condition: (TrainingSnapshot) -> Bool)
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
