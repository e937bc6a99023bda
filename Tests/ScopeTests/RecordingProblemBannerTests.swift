import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// When recording stops (a full disk) the live screen says so where the key hint was, in every view.
final class RecordingProblemBannerTests: XCTestCase {
  func testRecordingProblemReplacesTheHintInEveryView() throws {
    var snapshot = try SnapshotFixture.snapshot()
    snapshot.recordingProblem = "recording stopped: metrics.csv: cannot append (No space left on device)"
    for view in ViewID.tabs(for: .recurrent) where view != .lab {
      var state = AppState(width: 120, height: 30, view: view)
      _ = state.update(.snapshot(snapshot))
      let lines = PlainTextExporter().lines(state.render())
      XCTAssertTrue(
        lines[28].hasPrefix(" ✖ recording stopped: metrics.csv: cannot append (No space left on device) "),
        "\(view): \(lines[28])")
    }
  }
}
