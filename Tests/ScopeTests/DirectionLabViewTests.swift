import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// The lab's direction experiment on screen: both panes' capital-letter curves side by side, and
/// the probe marked where only one of them is right.
final class DirectionLabViewTests: XCTestCase {
  /// A real, tiny direction run: a bidirectional LSTM-3 and the unidirectional LSTM-6 of its budget.
  private func labSnapshot() throws -> LabSnapshot {
    let run = try LabRun(experiment: .direction, settings: LabSettings(steps: 1, seed: 2, hidden: 3, recordEvery: 1))
    while !run.isFinished { run.advance() }
    return run.snapshot()
  }

  private func lines(_ lab: LabSnapshot, width: Int, height: Int) -> [String] {
    var state = AppState(width: width, height: height, view: .lab)
    state.isLabOnly = true
    _ = state.update(.labSnapshot(lab))
    return PlainTextExporter().lines(state.render())
  }

  func testPanesSideBySideTheProbeMarkedWhereOnlyOneIsRightAndNoRecallKeys() throws {
    // The run's own predictions, with the first five positions made right only for the bidirectional pane
    // and the next three only for the unidirectional one, so both marks are on screen.
    var lab = try labSnapshot()
    let targets = lab.probeTargets
    let last = lab.panes[0].probePredictions.count - 1
    for position in 0..<5 {
      lab.panes[0].probePredictions[last][position] = (targets[position] + 1) % 256
      lab.panes[1].probePredictions[last][position] = targets[position]
    }
    for position in 5..<8 {
      lab.panes[0].probePredictions[last][position] = targets[position]
      lab.panes[1].probePredictions[last][position] = (targets[position] + 1) % 256
    }
    let comparison = try XCTUnwrap(lab.probeComparison)
    XCTAssertEqual(
      comparison.onlyBidirectionalCount,
      5
        + ProbeComparison(
          targets: Array(targets[8...]), unidirectional: Array(lab.panes[0].probePrediction[8...]),
          bidirectional: Array(lab.panes[1].probePrediction[8...])
        ).onlyBidirectionalCount)
    // The gap and the forget bias belong to recall: their keys do nothing here.
    var keys = AppState(width: 160, height: 48, view: .lab)
    _ = keys.update(.labSnapshot(lab))
    XCTAssertEqual(keys.update(.key(.character("g"))), [])
    XCTAssertEqual(keys.update(.key(.character("f"))), [])
    XCTAssertEqual(keys.update(.key(.character("e"))), [.startLab(.scale, lab.settings)], "e wraps to the first")
    for (width, height) in [(160, 48), (80, 24)] {
      let screen = lines(lab, width: width, height: height)
      let text = screen.joined(separator: "\n")
      XCTAssertTrue(text.contains("Lab: direction"), "\(width)x\(height)")
      XCTAssertTrue(text.contains("uni-lstm6 →  held-out"), "\(width)x\(height)")
      XCTAssertTrue(text.contains("bi-lstm3 ⇄  held-out"), "\(width)x\(height)")
      // The marks sit under the target's characters, one column per byte.
      let targetRow = try XCTUnwrap(screen.firstIndex { $0.contains("target      upon his") }, "\(width)x\(height)")
      let start = try XCTUnwrap(screen[targetRow].range(of: "upon his")).lowerBound
      let column = screen[targetRow].distance(from: screen[targetRow].startIndex, to: start)
      let marks = Array(screen[targetRow + 3])
      for position in 0..<8 {
        let expected: Character = comparison.marks[position] == .onlyBidirectional ? "^" : "v"
        XCTAssertEqual(marks[column + position], expected, "\(width)x\(height) position \(position)")
      }
      XCTAssertTrue(
        text.contains(
          "The probe: ^ \(comparison.onlyBidirectionalCount) right only with both directions, v \(comparison.onlyUnidirectionalCount) only"
        ),
        "\(width)x\(height)")
    }
  }

}
