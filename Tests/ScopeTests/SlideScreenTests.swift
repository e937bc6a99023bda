import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// Screens for slides: without the program's chrome, and never with a passing message in them.
final class SlideScreenTests: XCTestCase {
  func testWithoutChromeTheViewTakesTheWholeScreen() throws {
    var state = AppState(width: 120, height: 30, view: .gates)
    _ = state.update(.snapshot(try SnapshotFixture.snapshot()))
    let framed = PlainTextExporter().lines(state.render())
    XCTAssertTrue(framed[0].contains("1 Unrolled"), "the tab bar is there by default")
    state.showsChrome = false
    let bare = PlainTextExporter().lines(state.render())
    XCTAssertTrue(bare[0].hasPrefix("┌ Gates, layer 1"), "the view starts on the first row: \(bare[0])")
    XCTAssertTrue(bare[29].hasPrefix("└"), "and ends on the last, with no hint or status line: \(bare[29])")
    XCTAssertFalse(bare.joined().contains("● training"))
  }

  func testASavedScreenLeavesOutTheStatusMessage() throws {
    var state = AppState(width: 120, height: 30, view: .training)
    _ = state.update(.snapshot(try SnapshotFixture.snapshot()))
    _ = state.update(.key(.character("+")))
    XCTAssertTrue(PlainTextExporter().export(state.render()).contains("speed: full"), "the message is on screen")
    XCTAssertFalse(PlainTextExporter().export(state.renderForSaving()).contains("speed: full"), "but not saved")
    XCTAssertNotNil(state.message, "saving leaves the message on screen")
  }
}
