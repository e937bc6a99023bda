import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// The Hidden state view's pattern search and the Connectivity view: keys, effects and golden screens.
final class PatternSearchViewTests: XCTestCase {
  /// The fixture's language-model snapshot with a search over «so, » (probe steps 3–6) answered.
  static func searchedSnapshot() throws -> TrainingSnapshot {
    var snapshot = try SnapshotFixture.snapshot(task: SnapshotFixture.languageModelTask())
    let text = Array("I went down. The clock struck nine. \"Who is it?\" said Mr. Ashby. I went down. ").map(
      String.init)
    let extremes = (0..<snapshot.model.hidden).map { unit in
      UnitExtremes(
        positive: [(position: 10 + unit, value: 0.9), (position: 40 + unit, value: 0.8)],
        negative: [(position: 20 + unit, value: -0.7)])
    }
    snapshot.unitSearch = UnitSearchResult(
      request: UnitSearchRequest(span: 3..<7, threshold: nil, layer: 0), step: 60, threshold: 0.62,
      selected: [SelectedUnit(unit: 2, positive: true), SelectedUnit(unit: 5, positive: false)],
      matches: [
        PatternMatch(range: 34..<38, selectedOn: 1, othersOn: 0.1),
        PatternMatch(range: 60..<63, selectedOn: 1, othersOn: 0.25),
        PatternMatch(range: 0..<2, selectedOn: 0.5, othersOn: 0.3),
      ],
      text: text, extremes: extremes, seconds: 0.0834)
    return snapshot
  }

  /// The fixture's snapshot with connectivity that halves with every step back.
  static func connectivitySnapshot() throws -> TrainingSnapshot {
    var snapshot = try SnapshotFixture.snapshot(task: SnapshotFixture.languageModelTask())
    let length = snapshot.trace.length
    let norms = (0..<length).map { output in
      (0..<length).map { input in input <= output ? Float(pow(0.5, Double(output - input))) : 0 }
    }
    let byDistance = (0..<64).map { 0.5 * pow(0.6, Double($0)) }
    snapshot.connectivity = ProbeConnectivity(step: 60, norms: norms, byDistance: byDistance, distanceSamples: 64)
    return snapshot
  }

  private func searchingState(width: Int = 160, height: Int = 48) throws -> AppState {
    var state = AppState(width: width, height: height, view: .hidden)
    _ = state.update(.snapshot(try Self.searchedSnapshot()))
    for _ in 0..<3 { _ = state.update(.key(.right)) }
    _ = state.update(.key(.character("v")))
    for _ in 0..<3 { _ = state.update(.key(.right)) }
    _ = state.update(.key(.character("v")))
    _ = state.update(.key(.down))
    _ = state.update(.key(.down))
    return state
  }

  func testVMarksASpanAndAsksTheTrainerForItsUnits() throws {
    var state = AppState(width: 160, height: 48, view: .hidden)
    _ = state.update(.snapshot(try Self.searchedSnapshot()))
    for _ in 0..<3 { _ = state.update(.key(.right)) }
    XCTAssertEqual(state.update(.key(.character("v"))), [])
    for _ in 0..<3 { _ = state.update(.key(.right)) }
    XCTAssertEqual(state.markedSpan, 3..<7, "while marking, the span runs from the anchor to the cursor")
    XCTAssertEqual(
      state.update(.key(.character("v"))), [.trainer(.searchUnits(UnitSearchRequest(span: 3..<7, layer: 0)))])
    XCTAssertEqual(
      state.update(.key(.shiftRight)), [.trainer(.searchUnits(UnitSearchRequest(span: 3..<8, layer: 0)))],
      "shift+→ moves the cursor's end")
    XCTAssertEqual(
      state.update(.key(.shiftLeft)), [.trainer(.searchUnits(UnitSearchRequest(span: 3..<7, layer: 0)))])
    for _ in 0..<3 { _ = state.update(.key(.left)) }
    XCTAssertEqual(
      state.update(.key(.shiftLeft)), [.trainer(.searchUnits(UnitSearchRequest(span: 2..<7, layer: 0)))],
      "with the cursor at the span's start, shift+← moves the start")
  }

  func testThresholdKeysStartFromTheDefaultTheSearchReported() throws {
    var state = try searchingState()
    XCTAssertEqual(
      state.update(.key(.character(">"))),
      [.trainer(.searchUnits(UnitSearchRequest(span: 3..<7, threshold: 0.67, layer: 0)))])
    _ = state.update(.key(.character("<")))
    XCTAssertEqual(
      state.update(.key(.character("<"))),
      [.trainer(.searchUnits(UnitSearchRequest(span: 3..<7, threshold: 0.57, layer: 0)))])
  }

  func testEnterMakesTheChosenMatchTheProbeAndEscapeClears() throws {
    var state = try searchingState()
    XCTAssertEqual(state.update(.key(.character("m"))), [])
    XCTAssertEqual(state.patternSearch.match, 1)
    // Match 2 is held-out 60..<63; the probe starts 24 before it and runs to the text's last input.
    XCTAssertEqual(
      state.update(.key(.enter)),
      [
        .trainer(.useHeldOutProbe(36..<77)),
        .trainer(.searchUnits(UnitSearchRequest(span: 24..<27, layer: 0))),
      ])
    XCTAssertEqual(state.cursor.step, 24)
    XCTAssertEqual(state.update(.key(.escape)), [.trainer(.searchUnits(nil))])
    XCTAssertNil(state.markedSpan)
    XCTAssertNil(state.update(.key(.escape)).first, "Esc with nothing marked does nothing")
  }

  func testTheConnectivityViewIsMeasuredOnlyWhileOpen() throws {
    var state = AppState(width: 160, height: 48, view: .hidden)
    _ = state.update(.snapshot(try Self.connectivitySnapshot()))
    XCTAssertEqual(state.update(.key(.character("7"))), [.trainer(.watchConnectivity(true))])
    XCTAssertEqual(state.update(.key(.character("7"))), [])
    XCTAssertEqual(state.update(.key(.tab)), [.trainer(.watchConnectivity(false))])
  }

  func testHiddenViewWithASearchMatchesItsGoldenScreens() throws {
    for (width, height) in [(80, 24), (160, 48)] {
      let grid = try searchingState(width: width, height: height).render()
      GoldenScreens.assertMatches(grid, named: "hidden-search-\(width)x\(height)")
      let lines = PlainTextExporter().lines(grid)
      XCTAssertTrue(lines.contains { $0.contains("2 units (+1 −1)") }, "how many units, in which direction")
      XCTAssertTrue(lines.contains { $0.contains("3 matches") }, "how many matches")
      XCTAssertTrue(lines.contains { $0.contains("83 ms") }, "how long it took")
      XCTAssertTrue(lines.contains { $0.contains("▶  1 0.90") }, "the chosen match first, with its score")
    }
  }

  func testConnectivityViewMatchesItsGoldenScreens() throws {
    for (width, height) in [(80, 24), (160, 48)] {
      var state = AppState(width: width, height: height, view: .connectivity)
      _ = state.update(.snapshot(try Self.connectivitySnapshot()))
      for _ in 0..<8 { _ = state.update(.key(.right)) }
      let grid = state.render()
      GoldenScreens.assertMatches(grid, named: "connectivity-search-\(width)x\(height)")
      let lines = PlainTextExporter().lines(grid)
      XCTAssertTrue(lines.contains { $0.contains("t̃ = 8") }, "the prediction's position")
      // Halving each step back: 90 % of the sum lies within the last 4 inputs, 1 % of the largest 6 back.
      XCTAssertTrue(lines.contains { $0.contains("within 4 inputs") }, lines.joined(separator: "\n"))
      XCTAssertTrue(lines.contains { $0.contains("6 back") })
    }
  }

  func testProbeSymbolsShowEscapesAsTheProbeLinesDo() {
    XCTAssertEqual(["\\n", "\\t", "NUL", "a", " "].map(ConnectivityView.symbol), ["⏎", "⇥", "·", "a", " "])
  }

  func testReachCountsTheDistanceBackFromThePrediction() {
    let norms: [Float] = [0.01, 0.1, 1, 0, 0]
    XCTAssertEqual(ConnectivityView.reach(norms, at: 2)?.ninety, 0)
    XCTAssertEqual(ConnectivityView.reach(norms, at: 2)?.back, 2)
    XCTAssertNil(ConnectivityView.reach(norms, at: 2)?.ahead)
    XCTAssertNil(ConnectivityView.reach([], at: 0))
    XCTAssertNil(ConnectivityView.reach(norms, at: 7), "norms of a shorter probe than the one on screen")
  }

  func testReachOfABidirectionalModelCountsBothSides() {
    // Half of the sum lies after the prediction: 90 % needs the inputs on both sides within 2 of it.
    let norms: [Float] = [0.001, 0.1, 0.3, 1, 0.6, 0.3, 0.05, 0]
    let reach = ConnectivityView.reach(norms, at: 3, bothSides: true)
    XCTAssertEqual(reach?.ninety, 2)
    XCTAssertEqual(reach?.back, 2, "0.001 is under 1 % of the peak")
    XCTAssertEqual(reach?.ahead, 3)
    XCTAssertEqual(ConnectivityView.reach(norms, at: 3)?.ninety, 3, "one side only: never 90 %, so all of it")
  }
}
