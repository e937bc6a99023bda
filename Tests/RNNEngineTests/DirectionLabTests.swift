import XCTest

@testable import RNNEngine

/// `lab --experiment direction`: a unidirectional LSTM given the bidirectional one's parameter
/// budget, both trained on case correction for their whole budget, the probe compared.
final class DirectionLabTests: XCTestCase {
  func testTheUnidirectionalWidthMatchesTheReadmesParameterBudget() {
    XCTAssertEqual(LabExperiment.caseParameterCount(hidden: 32, bidirectional: true), 90_880)
    XCTAssertEqual(LabExperiment.matchedUnidirectionalHidden(hidden: 32), 59)
    XCTAssertEqual(LabExperiment.caseParameterCount(hidden: 59, bidirectional: false), 90_172)
    // No other width comes closer, for other sizes too.
    for hidden in [4, 16, 64] {
      let budget = LabExperiment.caseParameterCount(hidden: hidden, bidirectional: true)
      let matched = LabExperiment.matchedUnidirectionalHidden(hidden: hidden)
      func gap(_ width: Int) -> Int {
        abs(LabExperiment.caseParameterCount(hidden: width, bidirectional: false) - budget)
      }
      XCTAssertLessThanOrEqual(gap(matched), gap(matched - 1), "H \(hidden)")
      XCTAssertLessThanOrEqual(gap(matched), gap(matched + 1), "H \(hidden)")
    }
  }

  func testBothPanesRunTheirWholeBudgetAndScoreCapitalsAndTheProbe() throws {
    // A pass mark of 0 would stop a recall pane at its first evaluation; case correction never stops early.
    let settings = LabSettings(steps: 1, seed: 2, hidden: 3, recordEvery: 1, passAccuracy: 0, passEvaluations: 1)
    let run = try LabRun(experiment: .direction, settings: settings)
    while !run.isFinished { run.advance() }
    let snapshot = run.snapshot()
    XCTAssertEqual(snapshot.panes.map(\.name), ["uni-lstm6", "bi-lstm3"], "8,128 parameters against 8,056")
    XCTAssertEqual(snapshot.probeTargets.count, CaseCorrectionTask.defaultProbeText.utf8.count)
    XCTAssertEqual(snapshot.probeTargets.first, Int(UInt8(ascii: "u")))
    for pane in snapshot.panes {
      XCTAssertEqual(pane.status, .finished, pane.name)
      XCTAssertEqual(pane.step, 1, pane.name)
      XCTAssertEqual(pane.evaluationSteps, [0, 1], pane.name)
      XCTAssertEqual(pane.caseEvaluations.count, 2, pane.name)
      XCTAssertTrue(pane.caseEvaluations.allSatisfy { $0.capitals > 0 && $0.wordInitialCapitals > 0 }, pane.name)
      XCTAssertEqual(pane.probePrediction.count, snapshot.probeTargets.count, pane.name)
      XCTAssertTrue(pane.profiles.isEmpty, "no recall gradient profile on case correction")
    }
    XCTAssertEqual(
      snapshot.panes.map(\.parameterCount),
      [
        LabExperiment.caseParameterCount(hidden: 6, bidirectional: false),
        LabExperiment.caseParameterCount(hidden: 3, bidirectional: true),
      ])
    let comparison = try XCTUnwrap(snapshot.probeComparison)
    XCTAssertEqual(comparison.marks.count, snapshot.probeTargets.count)
    XCTAssertEqual(snapshot.probeComparisons.map(\.step), [0, 1], "one comparison per evaluation")
    XCTAssertEqual(snapshot.probeComparisons.last?.comparison, comparison)
    XCTAssertEqual(snapshot.probeCapitals, [21, 50, 54], "I, M and H of the default probe")
    let most = try XCTUnwrap(snapshot.mostBidirectionalOnlyCapitals)
    XCTAssertEqual(
      most.comparison.count(.onlyBidirectional, among: [21, 50, 54]),
      snapshot.probeComparisons.map { $0.comparison.count(.onlyBidirectional, among: [21, 50, 54]) }.max())
  }

  func testProbeComparisonMarksWhoGotEachPositionRight() {
    let comparison = ProbeComparison(
      targets: [1, 2, 3, 4, 5], unidirectional: [1, 0, 3, 0], bidirectional: [1, 2, 0, 0, 5])
    XCTAssertEqual(comparison.marks, [.both, .onlyBidirectional, .onlyUnidirectional, .neither, .onlyBidirectional])
    XCTAssertEqual(comparison.onlyBidirectionalCount, 2)
    XCTAssertEqual(comparison.onlyUnidirectionalCount, 1)
    XCTAssertEqual(comparison.count(.onlyBidirectional, among: [0, 1, 2]), 1)
    XCTAssertEqual(comparison.count(.neither, among: [3]), 1)
  }
}
