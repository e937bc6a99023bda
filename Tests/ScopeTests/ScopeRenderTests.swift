import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

final class ScopeRenderTests: XCTestCase {
  private func state(_ view: ViewID, width: Int, height: Int, snapshot: TrainingSnapshot) -> AppState {
    var state = AppState(width: width, height: height, view: view)
    _ = state.update(.snapshot(snapshot))
    _ = state.update(.key(.right))
    _ = state.update(.key(.right))
    _ = state.update(.key(.down))
    return state
  }

  private func text(_ grid: Grid) -> String { PlainTextExporter().export(grid) }

  func testEveryViewMatchesItsGoldenScreenAtBothSizes() throws {
    let snapshot = try SnapshotFixture.snapshot()
    for view in ViewID.tabs(for: .recurrent) where view != .lab {
      for (width, height) in [(80, 24), (160, 48)] {
        let grid = state(view, width: width, height: height, snapshot: snapshot).render()
        GoldenScreens.assertMatches(grid, named: "\(view)-\(width)x\(height)")
      }
    }
  }

  func testLanguageModelTrainingViewShowsItsSampleAtBothSizes() throws {
    let snapshot = try SnapshotFixture.languageModelSnapshot()
    for (width, height) in [(80, 24), (160, 48)] {
      let grid = state(.training, width: width, height: height, snapshot: snapshot).render()
      GoldenScreens.assertMatches(grid, named: "training-lm-\(width)x\(height)")
      let lines = PlainTextExporter().lines(grid)
      XCTAssertTrue(
        lines.contains { $0.contains("Sample at step 60, temperature 0.8") }, "title names step and temperature")
      XCTAssertTrue(
        lines.contains { $0.contains("│It is so, said he. \"The clock struck nine,") }, "prime, then the text")
      XCTAssertTrue(lines.contains { $0.contains("door.\"⏎Who") }, "newlines shown as ⏎")
      XCTAssertTrue(lines.contains { $0.contains("window.") }, "the whole sample fits at \(width)×\(height)")
    }
    let wide = text(state(.training, width: 160, height: 48, snapshot: snapshot).render())
    XCTAssertTrue(wide.contains("After each epoch"), "at 160×48 the epoch table stays under the sample")
  }

  func testSampleIsDimForThePrimeAndPlainForTheGeneratedText() throws {
    let grid = state(.training, width: 80, height: 24, snapshot: try SnapshotFixture.languageModelSnapshot()).render()
    let lines = PlainTextExporter().lines(grid)
    let row = try XCTUnwrap(lines.firstIndex { $0.contains("│It is so, said he.") })
    XCTAssertEqual(grid[1, row].attributes, .dim, "the prime")
    XCTAssertEqual(grid[11, row].attributes, [], "the model's text")
  }

  func testReplayOfOneModelFileNamesItAndExplainsTheMissingCurves() throws {
    var snapshot = try SnapshotFixture.snapshot(status: .paused)
    snapshot.history = TrainingHistory()
    var state = AppState(width: 120, height: 30, view: .training)
    state.replay = ReplayTimeline(singleModel: "char.safetensors: imported model", epoch: 1)
    _ = state.update(.snapshot(snapshot))
    let screen = text(state.render())
    XCTAssertTrue(screen.contains(" char.safetensors: imported model ❚❚"))
    XCTAssertTrue(screen.contains("No training curves: this is one model file, not a run."))
    XCTAssertFalse(screen.contains("press space"), "nothing trains in a replay")
  }

  func testEveryViewFitsAt80x24WithItsTitleHintAndStatus() throws {
    let snapshot = try SnapshotFixture.snapshot()
    for (index, view) in ViewID.tabs(for: .recurrent).enumerated() where view != .lab {
      let lines = PlainTextExporter().lines(state(view, width: 80, height: 24, snapshot: snapshot).render())
      XCTAssertEqual(lines.count, 24)
      XCTAssertTrue(lines[0].contains("\(index + 1) \(view.title)"), "tab bar names \(view)")
      XCTAssertTrue(lines[22].hasPrefix(" " + view.hint.prefix(20)), "hint line of \(view): \(lines[22])")
      XCTAssertTrue(lines[23].contains("LSTM 1×8") && lines[23].contains("● training"), "status line: \(lines[23])")
    }
  }

  func testBetweenTheLayoutsTheTabRowKeepsEveryTabAndTheKeyReminder() throws {
    let snapshot = try SnapshotFixture.snapshot()
    for width in [101, 105] {
      let first = PlainTextExporter().lines(state(.hidden, width: width, height: 33, snapshot: snapshot).render())[0]
      XCTAssertTrue(first.contains("7 Connectivity"), "every tab at \(width) columns: \(first)")
      XCTAssertTrue(first.hasSuffix("q quit "), "the key reminder at \(width) columns: \(first)")
    }
  }

  func testTooSmallTerminalAsksForMoreRoomInsteadOfDrawing() throws {
    var state = AppState(width: 40, height: 10)
    _ = state.update(.snapshot(try SnapshotFixture.snapshot()))
    let screen = text(state.render())
    XCTAssertTrue(screen.contains("Terminal too small: 40×10."))
    XCTAssertFalse(screen.contains("Unrolled"))
  }

  func testDivergedRunSaysSoAndDrawsNoNaN() throws {
    var state = AppState(width: 160, height: 48, view: .training)
    _ = state.update(
      .snapshot(try SnapshotFixture.snapshot(status: .diverged(reason: "the loss became nan at step 61"))))
    let screen = text(state.render())
    XCTAssertTrue(screen.contains("✖ diverged"))
    XCTAssertTrue(screen.contains("the loss became nan at step 61"))
    XCTAssertFalse(screen.contains("NaN"))
  }

  func testHelpOverlayListsEveryKeyAndAnyKeyClosesIt() throws {
    var state = AppState(width: 160, height: 48)
    _ = state.update(.snapshot(try SnapshotFixture.snapshot()))
    _ = state.update(.key(.character("?")))
    let screen = text(state.render())
    for entry in ["space", "pause / resume", "halve / double the learning rate", "quit"] {
      XCTAssertTrue(screen.contains(entry), "help shows \(entry)")
    }
    XCTAssertEqual(state.update(.key(.character("x"))), [])
    XCTAssertFalse(state.showsHelp)
  }

  func testVanillaRNNGatesViewExplainsThereAreNoGates() throws {
    var state = AppState(width: 160, height: 48, view: .gates)
    _ = state.update(.snapshot(try SnapshotFixture.snapshot(cell: .rnnTanh)))
    XCTAssertTrue(text(state.render()).contains("A vanilla RNN has no gates"))
  }

  func testGRUGatesViewShowsResetUpdateAndCandidate() throws {
    var state = AppState(width: 160, height: 48, view: .gates)
    _ = state.update(.snapshot(try SnapshotFixture.snapshot(cell: .gru)))
    let screen = text(state.render())
    XCTAssertTrue(screen.contains("r  reset gate"))
    XCTAssertTrue(screen.contains("z  update gate"))
    XCTAssertTrue(screen.contains("n  candidate state"))
    XCTAssertFalse(screen.contains("cell state"))
  }

  func testCursorDetailsFollowTheSelectedStepAndUnit() throws {
    var state = AppState(width: 160, height: 48, view: .hidden)
    let snapshot = try SnapshotFixture.snapshot()
    _ = state.update(.snapshot(snapshot))
    for _ in 0..<3 { _ = state.update(.key(.right)) }
    _ = state.update(.key(.down))
    let value = snapshot.trace.layers[0].h[3][1]
    let input = Array(SnapshotFixture.probeText.lowercased())[3]
    let screen = text(state.render())
    XCTAssertTrue(screen.contains("step 3  input '\(input)'"), "the probe's 4th input")
    XCTAssertTrue(screen.contains("unit 1  h = " + String(format: "%.4f", value)))
  }

  func testMonochromeHeatmapsUseShadesNotColours() throws {
    var state = AppState(width: 160, height: 48, monochrome: true, view: .hidden)
    _ = state.update(.snapshot(try SnapshotFixture.snapshot()))
    let grid = state.render()
    XCTAssertFalse(grid.cells.contains { $0.symbol == "▀" }, "no half blocks without colour")
    XCTAssertTrue(grid.cells.contains { ["░", "▒", "▓", "█"].contains($0.symbol) })
  }

  func testGradientViewShowsPascanusBoundForVanillaRNNsOnly() throws {
    var vanilla = AppState(width: 160, height: 48, view: .gradients)
    _ = vanilla.update(.snapshot(try SnapshotFixture.snapshot(cell: .rnnTanh)))
    let vanillaScreen = text(vanilla.render())
    XCTAssertTrue(vanillaScreen.contains("σmax(W_hh) 1.25"))
    XCTAssertTrue(vanillaScreen.contains("bound per step γ·σmax 1.25"))
    XCTAssertTrue(vanillaScreen.contains("(γσmax)^(T−t)"))
    var gated = AppState(width: 160, height: 48, view: .gradients)
    _ = gated.update(.snapshot(try SnapshotFixture.snapshot(cell: .lstm)))
    let gatedScreen = text(gated.render())
    XCTAssertTrue(gatedScreen.contains("γ·σmax bounds vanilla RNNs only"))
    XCTAssertFalse(gatedScreen.contains("(γσmax)^(T−t)"))
  }

  func testBackwardProductsCarryTheLastGradientBackThroughEachFactor() {
    XCTAssertEqual(
      GradientsView.backwardProducts(from: 2, factors: [9, 0.5, 3, 7]), [21, 42, 14, 2],
      "h_{t−1} gets h_t times step t's factor")
  }
}

final class LabViewTests: XCTestCase {
  /// A real, tiny lab run: two tanh panes, short gap, a few steps.
  private func labSnapshot() throws -> LabSnapshot {
    let settings = LabSettings(gap: 4, steps: 6, scales: [0.5, 1.5], hidden: 4, recordEvery: 3)
    let run = try LabRun(experiment: .scale, settings: settings)
    while !run.isFinished { run.advance() }
    return run.snapshot()
  }

  func testLabViewComparesEveryPaneOnOneChartWithTheSlidesReferences() throws {
    var state = AppState(width: 160, height: 48, view: .lab)
    state.isLabOnly = true
    _ = state.update(.labSnapshot(try labSnapshot()))
    let screen = PlainTextExporter().export(state.render())
    XCTAssertTrue(screen.contains("Lab: scale"))
    for legend in ["rho=0.5", "rho=1.5", "0.9^d", "1.1^d"] {
      XCTAssertTrue(screen.contains(legend), "legend names \(legend)")
    }
    XCTAssertTrue(screen.contains("factor@0") && screen.contains("γσmax"), "the table shows factors and bounds")
    XCTAssertFalse(screen.contains("2 Hidden state"), "lab-only mode has no trainer views")
  }

  func testLabKeysSteerTheLabSession() throws {
    var state = AppState(width: 160, height: 48, view: .lab)
    let lab = try labSnapshot()
    _ = state.update(.labSnapshot(lab))
    XCTAssertEqual(state.update(.key(.character("f"))), [.lab(.setForgetBias(3))])
    XCTAssertEqual(state.update(.key(.character("G"))), [.lab(.setGap(8))], "G doubles the gap of 4")
    XCTAssertEqual(state.update(.key(.character("e"))), [.startLab(.arch, lab.settings)])
    XCTAssertEqual(state.update(.key(.character(" "))), [.lab(.pause)])
  }

  func testOpeningTheLabTabStartsTheLabOnce() throws {
    var state = AppState(width: 160, height: 48)
    _ = state.update(.snapshot(try SnapshotFixture.snapshot()))
    XCTAssertEqual(state.update(.key(.character("6"))), [.startLab(.scale, LabSettings())])
    _ = state.update(.key(.character("1")))
    XCTAssertEqual(state.update(.key(.character("6"))), [], "the lab keeps running between visits")
  }
}
