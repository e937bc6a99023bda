import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// Screens that must not mislead: predictions where the loss is taken, saturation of tanh rows,
/// what survives from the last step, legends on every heatmap.
final class ScopeTruthTests: XCTestCase {
  private func screen(
    _ view: ViewID, _ snapshot: TrainingSnapshot, width: Int = 160, height: Int = 48, end: Bool = false
  )
    -> AppState
  {
    var state = AppState(width: width, height: height, view: view)
    _ = state.update(.snapshot(snapshot))
    if end { _ = state.update(.key(.end)) }
    return state
  }

  private func lines(_ state: AppState) -> [String] { PlainTextExporter().lines(state.render()) }

  func testRecallAndAddingMatchTheirGoldenScreensAtBothSizes() throws {
    for (name, snapshot) in [
      ("recall", try SnapshotFixture.recallSnapshot()), ("adding", try SnapshotFixture.addingSnapshot()),
    ] {
      for view in [ViewID.unrolled, .training] {
        for (width, height) in [(80, 24), (160, 48)] {
          let grid = screen(view, snapshot, width: width, height: height, end: true).render()
          GoldenScreens.assertMatches(grid, named: "\(view)-\(name)-\(width)x\(height)")
        }
      }
    }
  }

  func testRecallPredictionAndTargetSitAtTheQueryStepNotUnderThePayload() throws {
    let snapshot = try SnapshotFixture.recallSnapshot()
    let scored = ScoredSteps(snapshot: snapshot)
    let last = snapshot.trace.length - 1
    let answer = snapshot.task.probe.targetText
    XCTAssertNil(scored.target(atStep: 0), "no loss under the payload")
    XCTAssertNil(scored.predictions(atStep: 0))
    XCTAssertEqual(scored.target(atStep: last), answer)
    XCTAssertEqual(scored.predictions(atStep: last)?.first.map { snapshot.task.outputName($0.id) }, answer)
    // On screen: the query step's column carries y_t and the target, the payload's does not.
    let atStart = lines(screen(.unrolled, snapshot))
    let startDetails = try XCTUnwrap(atStart.last { $0.contains("│x_t ") })
    XCTAssertFalse(startDetails.contains("target"), "step 0 is not scored: \(startDetails)")
    XCTAssertTrue(startDetails.contains("no loss at this step"))
    let atEnd = lines(screen(.unrolled, snapshot, end: true))
    let endDetails = try XCTUnwrap(atEnd.last { $0.contains("│x_t ") })
    XCTAssertTrue(endDetails.contains("target \(answer)"), endDetails)
    XCTAssertTrue(endDetails.contains("y_t \(answer) 70.0%"), endDetails)
  }

  func testAddingShowsItsRegressionOutputAndTarget() throws {
    let snapshot = try SnapshotFixture.addingSnapshot()
    let target = snapshot.task.probe.targetText
    let unrolled = lines(screen(.unrolled, snapshot, end: true)).joined(separator: "\n")
    XCTAssertTrue(unrolled.contains("y_t 0.873"), "the output where the loss is taken")
    XCTAssertTrue(unrolled.contains("target \(target)"))
    let training = lines(screen(.training, snapshot)).joined(separator: "\n")
    XCTAssertTrue(training.contains("output  0.873   error"), "the probe shows the value, not a class")
    XCTAssertTrue(training.contains("output on the probe (target \(target))"), "the table names the answer")
  }

  func testRecallAtChanceSuggestsTheForgetBiasExperiment() throws {
    var snapshot = try SnapshotFixture.recallSnapshot()
    for index in snapshot.epochs.indices { snapshot.epochs[index].heldOut.accuracy = 0.13 }
    XCTAssertTrue(lines(screen(.training, snapshot)).contains { $0.contains("Try --forget-bias 3") })
    snapshot.epochs[snapshot.epochs.count - 1].heldOut.accuracy = 0.9
    XCTAssertFalse(lines(screen(.training, snapshot)).contains { $0.contains("forget-bias") }, "not once it learns")
  }

  func testTanhRowsSaturateAtBothEndsNotBelowZeroPointOne() {
    let values: StepValues = [[-0.95, -0.5, 0.05, 0.95]]
    let tanh = GateSaturation(values: values, tanhValued: true)
    XCTAssertEqual(tanh.left, 0.25, "only −0.95 is below −0.9")
    XCTAssertEqual(tanh.right, 0.25)
    let sigmoid = GateSaturation(values: [[0.05, 0.5, 0.95, 0.92]])
    XCTAssertEqual(sigmoid.left, 0.25)
    XCTAssertEqual(sigmoid.right, 0.5)
    let screen = lines(screen(.gates, try! SnapshotFixture.snapshot())).joined(separator: "\n")
    XCTAssertTrue(screen.contains("tanh: |x| > 0.9, low < −0.9"), "the panel says how tanh rows count")
  }

  func testGatesViewDrawsTheCellStateAndLegendsAt80x24() throws {
    let screen = lines(screen(.gates, try SnapshotFixture.snapshot(hidden: 32), width: 80, height: 24))
    XCTAssertFalse(screen.contains { $0.contains("–-1") }, "a band with no rows")
    let cellTitle = try XCTUnwrap(screen.firstIndex { $0.contains("│c  cell state") }, screen.joined(separator: "\n"))
    XCTAssertTrue(
      screen[cellTitle + 1].contains(" ▀▀▀"), "the cell state gets a row of units: " + screen.joined(separator: "\n"))
    XCTAssertTrue(screen.contains { $0.contains("σ gates") && $0.contains("tanh") }, "colour legends")
  }

  func testGradientsViewDrawsTheLastStepAloneAndLabelsTheBound() throws {
    let text = lines(screen(.gradients, try SnapshotFixture.snapshot(cell: .gru))).joined(separator: "\n")
    XCTAssertTrue(text.contains("─ ‖∂L_T/∂h_t‖  ╌ bound"), "the true last-step gradient, solid, in the legend")
    XCTAssertTrue(text.contains("╌ bound ‖∂L/∂h_T‖·∏‖J‖"), "the product of norms, dashed and called a bound")
    // An LSTM's gradient also flows through c, which J = ∂h_t/∂h_{t−1} (c held) leaves out.
    let lstm = lines(screen(.gradients, try SnapshotFixture.snapshot())).joined(separator: "\n")
    XCTAssertTrue(lstm.contains("╌ h→h path ‖∂L/∂h_T‖·∏‖J‖"), "not called a bound of what survives")
    XCTAssertFalse(lstm.contains("╌ bound"))
  }

  func testCaseTaskShowsTheCopyBaselineAndCapitalsBesideHeldOutAccuracy() throws {
    let lines = lines(screen(.training, try SnapshotFixture.snapshot()))
    let accuracy = try XCTUnwrap(lines.firstIndex { $0.contains("held-out acc  90.0%") })
    XCTAssertTrue(lines[accuracy + 1].contains("copying input 96.7%"), lines[accuracy + 1])
    XCTAssertTrue(lines[accuracy + 2].contains("capitals acc  75.0%"), lines[accuracy + 2])
    XCTAssertTrue(lines.contains { $0.contains("val acc  capitals  output on the probe") }, "a column per epoch")
  }

  func testLabAt80x24ShowsEveryPaneByNameAndTheForgetBiasAndClipping() throws {
    let settings = LabSettings(gap: 4, steps: 6, forgetBias: 3, hidden: 4, recordEvery: 3)
    let run = try LabRun(experiment: .arch, settings: settings)
    while !run.isFinished { run.advance() }
    var state = AppState(width: 80, height: 24, view: .lab)
    state.isLabOnly = true
    _ = state.update(.labSnapshot(run.snapshot()))
    let lines = self.lines(state)
    XCTAssertTrue(lines[1].contains("Lab: arch (LSTM forget bias 3, clip 1)"), lines[1])
    for pane in ["rnn", "lstm", "gru"] {
      XCTAssertTrue(lines.contains { $0.hasPrefix("│\(pane) ") && $0.contains("/6") }, "a row for \(pane)")
    }
  }

  func testUnrolledViewHasAColourLegend() throws {
    let text = lines(screen(.unrolled, try SnapshotFixture.snapshot())).joined(separator: "\n")
    XCTAssertTrue(text.contains("h_t ±1, c_t ±2"))
  }
}
