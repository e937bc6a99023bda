import XCTest

@testable import RNNEngine

/// The bottleneck experiment's engine: its panes, their schedule of measurements, and that training
/// the panes on parallel threads changes nothing.
final class AttentionLabTests: XCTestCase {
  private let tiny = AttentionLabSettings(
    task: .reverse, lengths: 1...6, hidden: 8, embedding: 4, batchSize: 8, steps: 5, recordEvery: 2, heldOut: 40)

  func testFourPanesNoneDotGeneralAndABidirectionalDot() {
    let specs = tiny.panes
    XCTAssertEqual(specs.map(\.name), ["none", "dot", "general", "bi-dot"])
    XCTAssertEqual(specs.map(\.attention), [.none, .dot, .general, .dot])
    XCTAssertEqual(specs.map(\.bidirectional), [false, false, false, true])
    let run = AttentionLabRun(settings: tiny)
    XCTAssertEqual(run.model(ofPane: "bi-dot")?.config.decoderHidden, 16)
    XCTAssertEqual(run.model(ofPane: "general")?.config.attention, .general)
  }

  func testEachPaneIsMeasuredAtTheStartEveryRecordStepsAndAtTheEnd() {
    let run = AttentionLabRun(settings: tiny)
    XCTAssertFalse(run.isFinished)
    while !run.isFinished { run.advance(steps: 3) }
    for pane in run.panesSnapshot {
      XCTAssertEqual(pane.step, 5, pane.name)
      XCTAssertEqual(pane.loss.count, 5, pane.name)
      XCTAssertEqual(pane.evaluations.map(\.step), [0, 2, 4, 5], pane.name)
      XCTAssertEqual(pane.status, .finished, pane.name)
      let last = pane.evaluations.last!.metrics
      XCTAssertEqual(last.count, 40)
      XCTAssertEqual(last.byLength.map(\.lengths.upperBound), [5, 10])
      XCTAssertEqual(last.byLength.reduce(0) { $0 + $1.count }, 40)
    }
  }

  func testParallelPanesTrainExactlyAsOneAfterTheOther() {
    let serial = AttentionLabRun(settings: tiny)
    let parallel = AttentionLabRun(settings: tiny)
    serial.advance(steps: 5, inParallel: false)
    parallel.advance(steps: 5, inParallel: true)
    for (a, b) in zip(serial.panesSnapshot, parallel.panesSnapshot) {
      XCTAssertEqual(a.loss, b.loss, a.name)
      XCTAssertEqual(a.evaluations, b.evaluations, a.name)
    }
  }

  func testBucketAccuracyIsNamedByItsLongestLength() {
    let metrics = Seq2SeqMetrics(
      tokenAccuracy: 0.5, exactAccuracy: 0.5, byLength: [(1...5, 3, 4), (6...10, 0, 2)], count: 6)
    let evaluation = AttentionLabEvaluation(step: 10, metrics: metrics)
    XCTAssertEqual(evaluation.accuracy(upTo: 5), 0.75)
    XCTAssertEqual(evaluation.accuracy(upTo: 10), 0)
    XCTAssertNil(evaluation.accuracy(upTo: 15))
  }

  func testSettingsRejectThePairsTaskAndNonPositiveNumbers() {
    var settings = tiny
    settings.task = .pairs
    XCTAssertThrowsError(try settings.validate())
    settings = tiny
    settings.recordEvery = 0
    XCTAssertThrowsError(try settings.validate())
    XCTAssertNoThrow(try tiny.validate())
  }
}
