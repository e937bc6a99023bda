import Foundation
import XCTest

@testable import RNNEngine

/// Pattern search, connectivity and probe changes as the live session runs them on a trainer.
final class TrainerUnitsTests: XCTestCase {
  private static let corpus = String(
    repeating: "The clock struck nine. \"Who is it?\" said Mr. Ashby. I went down, said he. ", count: 12)

  private func trainer(cell: CellType = .lstm, steps: Int = 60) throws -> Trainer {
    let source = TextSource(name: "test", bytes: Array(Self.corpus.utf8), heldOutFraction: 0.25)
    let task = try LanguageModelTask(source: source, config: .init(length: 20, probeText: "It is so, said he."))
    let config = TrainingConfig(
      task: task.config, cell: cell, hidden: 16, learningRate: 2e-3, batchSize: 8, epochs: nil, seed: 3)
    let trainer = Trainer(config: config, task: task)
    for _ in 0..<steps { _ = trainer.trainStep() }
    return trainer
  }

  func testSearchSelectsUnitsOnThroughoutTheProbeSpanAndMatchesWhereAllAreOn() throws {
    // The seeded weights, untrained: trained on this small repetitive text every unit saturates.
    let trainer = try trainer(steps: 0)
    let span = 10..<11  // the "s" of "said"
    let request = UnitSearchRequest(span: span, threshold: 0.09, layer: 0)
    let result = try XCTUnwrap(trainer.searchUnits(request))
    let inputs = try XCTUnwrap(trainer.heldOutText).inputs
    let threshold = result.threshold
    XCTAssertEqual(result.text.count, inputs.count)
    XCTAssertEqual(result.text[0], String(UnicodeScalar(UInt8(inputs[0]))))
    XCTAssertFalse(result.selected.isEmpty, "some of 16 units are on at «s»")
    let probe = trainer.model.unitActivations(of: trainer.task.probe.batch.tokens, rows: 1)
    let heldOut = trainer.model.unitActivations(of: inputs)
    for unit in result.selected {
      for position in span { XCTAssertTrue(unit.isOn(probe[position, unit.unit], threshold: threshold)) }
      XCTAssertLessThanOrEqual(
        PatternSearch.backgroundShare(of: unit, in: heldOut, threshold: threshold), PatternSearch.maximumBackgroundShare
      )
    }
    XCTAssertFalse(result.matches.isEmpty, "the units meet again in the held-out text")
    for match in result.matches {
      XCTAssertGreaterThanOrEqual(match.range.count, span.count / 2)
      for position in match.range {
        let on = result.selected.filter { $0.isOn(heldOut[position, $0.unit], threshold: threshold) }.count
        XCTAssertGreaterThanOrEqual(Double(on), UnitSearchResult.minimumShare * Double(result.selected.count))
      }
    }
    XCTAssertEqual(result.extremes.count, 16)
    let strongest = try XCTUnwrap(result.extremes[0].positive.first)
    XCTAssertEqual(strongest.value, heldOut.values.enumerated().filter { $0.offset % 16 == 0 }.map(\.element).max())
    XCTAssertNil(trainer.searchUnits(UnitSearchRequest(span: 0..<99)), "a span outside the probe is refused")
  }

  func testDefaultThresholdIsTheHeldOutQuantile() throws {
    let trainer = try trainer()
    let result = try XCTUnwrap(trainer.searchUnits(UnitSearchRequest(span: 0..<2)))
    let heldOut = trainer.model.unitActivations(of: try XCTUnwrap(trainer.heldOutText).inputs)
    XCTAssertEqual(result.threshold, PatternSearch.defaultThreshold(heldOut))
  }

  func testProbeConnectivityRowsEqualOneQueryAtATimeAndIgnoreTheFuture() throws {
    let trainer = try trainer(cell: .gru)
    let connectivity = try XCTUnwrap(trainer.probeConnectivity())
    let probe = trainer.task.probe.batch
    guard case .everyStep(let targets) = probe.targets else { return XCTFail("a language model scores every step") }
    XCTAssertEqual(connectivity.norms.count, probe.length)
    for position in [0, 5, probe.length - 1] {
      let single = trainer.model.connectivity(
        of: probe, queries: [ConnectivityQuery(position: position, symbol: Int(targets[position]))])[0]
      for (batched, alone) in zip(connectivity.norms[position], single) {
        XCTAssertEqual(batched, alone, accuracy: 1e-5)
      }
      XCTAssertTrue(connectivity.norms[position][(position + 1)...].allSatisfy { $0 == 0 }, "no input after t̃")
      XCTAssertGreaterThan(connectivity.norms[position][position], 0)
    }
    let view = try XCTUnwrap(trainer.connectivityForView())
    XCTAssertEqual(view.byDistance.count, ProbeConnectivity.distanceWindow)
    XCTAssertEqual(view.byDistance.reduce(0, +), 1, accuracy: 1e-6, "shares of each prediction sum to 1")
  }

  func testAHeldOutPieceBecomesTheProbe() throws {
    let trainer = try trainer(steps: 1)
    var viewers = ViewerRequests()
    viewers.apply(.useHeldOutProbe(5..<25), to: trainer)
    let tokens = try XCTUnwrap(trainer.task as? LanguageModelTask).heldOutText
    XCTAssertEqual(trainer.task.probe.batch.tokens, Array(tokens[5..<25]))
    XCTAssertEqual(trainer.probeTrace().length, 20, "the trace follows the new probe at once")
  }

  func testSearchRequestsAreAnsweredAndCleared() throws {
    let trainer = try trainer(steps: 1)
    var viewers = ViewerRequests()
    viewers.apply(.searchUnits(UnitSearchRequest(span: 0..<3)), to: trainer)
    viewers.refresh(trainer)
    XCTAssertEqual(viewers.unitSearch?.request.span, 0..<3)
    XCTAssertNil(viewers.connectivity, "connectivity only while watched")
    viewers.apply(.watchConnectivity(true), to: trainer)
    viewers.refresh(trainer)
    XCTAssertEqual(viewers.connectivity?.norms.count, trainer.task.probe.batch.length)
    viewers.apply(.searchUnits(nil), to: trainer)
    viewers.apply(.watchConnectivity(false), to: trainer)
    viewers.refresh(trainer)
    XCTAssertNil(viewers.unitSearch)
    XCTAssertNil(viewers.connectivity)
  }
}
