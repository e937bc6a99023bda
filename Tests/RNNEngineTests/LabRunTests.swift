import XCTest

@testable import RNNEngine

/// The experiments' panes, their bookkeeping, early stopping, divergence and live changes.
final class LabRunTests: XCTestCase {
  func testShortArchRunKeepsConsistentRecords() throws {
    let settings = LabSettings(gap: 10, steps: 120, hidden: 12, recordEvery: 40)
    let run = try LabRun(experiment: .arch, settings: settings)
    while !run.isFinished { run.advance() }
    let panes = run.snapshot().panes
    XCTAssertEqual(panes.map(\.name), ["rnn", "lstm", "gru"])
    XCTAssertEqual(panes.map { $0.gateSaturation.map(\.gate) }, [[], ["i", "f", "o"], ["r", "z"]])
    for pane in panes {
      XCTAssertEqual(pane.loss.count, pane.step, pane.name)
      XCTAssertEqual(pane.trainingAccuracy.count, pane.step, pane.name)
      XCTAssertTrue(pane.loss.allSatisfy(\.isFinite), pane.name)
      XCTAssertEqual(pane.profiles.first?.step, 0)
      XCTAssertEqual(pane.profiles.last?.step, pane.step)
      XCTAssertTrue(pane.profiles.allSatisfy { $0.norms.count == 12 }, "T = gap + 2 distances")
      XCTAssertEqual(pane.evaluationSteps, pane.profiles.map(\.step))
      XCTAssertTrue(pane.gateSaturation.allSatisfy { $0.low >= 0 && $0.high >= 0 && $0.low + $0.high <= 1 })
      switch pane.status {
      case .finished: XCTAssertEqual(pane.step, 120)
      case .passed(let step): XCTAssertEqual(step, pane.step)
      default: XCTFail("\(pane.name) ended \(pane.status.label)")
      }
    }
  }

  func testPaneStopsAfterHoldingThePassMark() throws {
    // A pass mark of 0 is met by every evaluation, so the stopping rule alone decides when the pane stops.
    let settings = LabSettings(
      gap: 3, steps: 100, scales: [1], hidden: 8, recordEvery: 5, passAccuracy: 0, passEvaluations: 3)
    let run = try LabRun(experiment: .scale, settings: settings)
    for _ in 0..<30 { run.advance() }
    let pane = try XCTUnwrap(run.snapshot().panes.first)
    XCTAssertEqual(pane.status, .passed(atStep: 10), "evaluations at steps 0, 5 and 10")
    XCTAssertEqual(pane.firstPassedStep, 0)
    XCTAssertEqual(pane.step, 10)
  }

  func testClippingKeepsTheExplodingRunFinite() throws {
    let steps = 150
    // A pass mark above 100% keeps the clipped pane from stopping early: it must survive every step.
    let settings = LabSettings(gap: 20, steps: steps, hidden: 16, recordEvery: 50, passAccuracy: 1.1)
    let run = try LabRun(experiment: .clip, settings: settings)
    while !run.isFinished { run.advance() }
    let panes = run.snapshot().panes
    XCTAssertEqual(panes.map(\.name), ["clip=off", "clip=1"])
    let unclipped = panes[0]
    let clipped = panes[1]
    XCTAssertEqual(clipped.status, .finished)
    XCTAssertEqual(clipped.loss.count, steps)
    XCTAssertTrue(clipped.loss.allSatisfy(\.isFinite))
    XCTAssertFalse(clipped.clipSteps.isEmpty, "the exploding gradient was clipped")
    XCTAssertTrue(unclipped.clipSteps.isEmpty)
    let blewUp = unclipped.status.label == "diverged" || (unclipped.loss.max() ?? 0) > 10 * (clipped.loss.max() ?? 0)
    XCTAssertTrue(blewUp, "unclipped: \(unclipped.status), worst loss \(unclipped.loss.max() ?? .nan)")
  }

  func testApplyRestartsOnlyTheAffectedPanes() throws {
    let run = try LabRun(experiment: .arch, settings: LabSettings(gap: 4, steps: 50, hidden: 8, recordEvery: 10))
    for _ in 0..<5 { run.advance() }
    var settings = run.settings
    settings.forgetBias = 3
    XCTAssertTrue(run.apply(settings))
    XCTAssertEqual(run.snapshot().panes.map(\.step), [5, 0, 5], "only the LSTM restarts")
    settings.gap = 0
    XCTAssertFalse(run.apply(settings), "gap 0 is no recall task")
    settings.gap = 6
    for _ in 0..<3 { run.advance() }
    XCTAssertTrue(run.apply(settings))
    XCTAssertEqual(run.snapshot().panes.map(\.step), [0, 0, 0])
    XCTAssertEqual(run.snapshot().panes.first?.gradientNormsAtInit.count, 8)
  }

  func testApplyKeepsTwoPanesWithEqualSpecsApart() throws {
    let run = try LabRun(experiment: .scale, settings: LabSettings(gap: 3, steps: 50, scales: [0.9, 0.9], hidden: 8))
    for _ in 0..<3 { run.advance() }
    var settings = run.settings
    settings.scales = [0.9, 0.9, 1.1]
    XCTAssertTrue(run.apply(settings))
    run.advance()
    XCTAssertEqual(run.snapshot().panes.map(\.step), [4, 4, 1], "each kept pane advanced once, the new one started")
  }

  func testEveryPaneSeesTheSameBatches() throws {
    // Both panes have the same ρ; had they drawn batches from different streams, their losses would differ.
    let run = try LabRun(experiment: .scale, settings: LabSettings(gap: 5, steps: 20, scales: [0.9, 0.9], hidden: 8))
    while !run.isFinished { run.advance() }
    let panes = run.snapshot().panes
    XCTAssertEqual(panes[0].loss, panes[1].loss)
  }
}
