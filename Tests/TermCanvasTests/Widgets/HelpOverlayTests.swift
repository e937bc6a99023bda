import TermCanvas
import TestSupport
import XCTest

final class HelpOverlayTests: XCTestCase {
  func testCentredBoxClearsBeneath() {
    let overlay = HelpOverlay(entries: [.init(key: "q", description: "quit"), .init(key: "?", description: "help")])
      .closeHint("")
    assertEqualLines(
      text(render(overlay, width: 16, height: 6)),
      """
      xxxxxxxxxxxxxxxx
      xx┌ Keys ───┐xxx
      xx│ q  quit │xxx
      xx│ ?  help │xxx
      xx└─────────┘xxx
      xxxxxxxxxxxxxxxx
      """)
  }
}
