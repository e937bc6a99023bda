import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// The TUI with an encoder–decoder session: its tabs, keys, and the Attention, Training and Lab views.
final class Seq2SeqViewTests: XCTestCase {
  private func state(_ view: ViewID, width: Int, height: Int, snapshot: Seq2SeqSessionSnapshot) -> AppState {
    var state = AppState(width: width, height: height, view: view)
    _ = state.update(.seq2seqSnapshot(snapshot))
    _ = state.update(.key(.down))
    _ = state.update(.key(.down))
    return state
  }

  private func lines(_ grid: Grid) -> [String] { PlainTextExporter(trimsTrailingSpaces: true).lines(grid) }

  func testAttentionAndTrainingViewsMatchTheirGoldenScreensAtBothSizes() throws {
    let snapshot = try Seq2SeqFixture.snapshot()
    for (width, height) in [(80, 24), (160, 48)] {
      for view in [ViewID.attention, .training, .encoderDecoder, .hidden, .gates, .gradients] {
        let grid = state(view, width: width, height: height, snapshot: snapshot).render()
        GoldenScreens.assertMatches(grid, named: "seq2seq-live-\(view)-\(width)x\(height)")
      }
    }
    let none = try Seq2SeqFixture.snapshot(attention: .none)
    GoldenScreens.assertMatches(
      state(.attention, width: 80, height: 24, snapshot: none).render(), named: "seq2seq-attention-none-80x24")
  }

  func testInAReplayTheKeysMoveThroughEpochsAndLeaveTheTrainerAlone() throws {
    var state = AppState(width: 160, height: 48, view: .training)
    state.replay = ReplayTimeline(epochs: [1, 2, 3], losses: [3, 2, 1])
    _ = state.update(.seq2seqSnapshot(try Seq2SeqFixture.snapshot()))
    XCTAssertEqual(state.update(.key(.character("["))), [.showEpoch(2)])
    for key: Character in ["c", "+", "-"] { XCTAssertEqual(state.update(.key(.character(key))), [], "\(key)") }
    XCTAssertEqual(state.update(.key(.character("]"))), [.showEpoch(3)])
    let screen = lines(state.render()).joined(separator: "\n")
    XCTAssertTrue(screen.contains("replay: [ ] previous/next epoch · { } first/last · p play"))
    XCTAssertFalse(screen.contains("halve/double learning rate"), "no trainer behind a replay")
  }

  func testBottleneckLabMatchesItsGoldenScreensAtBothSizes() throws {
    var state = AppState(width: 160, height: 48, view: .attention)
    _ = state.update(.seq2seqSnapshot(try Seq2SeqFixture.snapshot()))
    XCTAssertEqual(
      state.update(.key(.character("7"))),
      [.startAttentionLab(AppState.attentionLabSettings(for: state.seq2seq!))], "the lab starts when its tab opens")
    _ = state.update(.attentionLabSnapshot(Seq2SeqFixture.attentionLab()))
    for (width, height) in [(80, 24), (160, 48)] {
      _ = state.update(.resize(width: width, height: height))
      GoldenScreens.assertMatches(state.render(), named: "seq2seq-lab-\(width)x\(height)")
    }
    let text = lines(state.render()).joined(separator: "\n")
    for pane in ["none", "dot", "general", "bi-dot"] { XCTAssertTrue(text.contains(pane), "pane \(pane) on screen") }
  }

  func testTheLabTabsStatusLineShowsTheFrameRateAsTheOtherTabsDo() throws {
    var state = AppState(width: 160, height: 48, view: .lab)
    _ = state.update(.seq2seqSnapshot(try Seq2SeqFixture.snapshot()))
    _ = state.update(.attentionLabSnapshot(Seq2SeqFixture.attentionLab()))
    XCTAssertFalse(lines(state.render())[47].contains("fps"), "no frames counted yet: no rate")
    _ = state.update(.frame(framesPerSecond: 29.6))
    for view in [ViewID.lab, .training] {
      state.view = view
      XCTAssertTrue(lines(state.render())[47].contains(" · 30 fps"), "\(view): \(lines(state.render())[47])")
    }
  }

  func testTheBottleneckLabAloneDrawsAsTheEncoderDecodersLabTab() throws {
    var alone = AppState(width: 160, height: 48, view: .lab)
    alone.isLabOnly = true
    _ = alone.update(.attentionLabSnapshot(Seq2SeqFixture.attentionLab()))
    XCTAssertEqual(alone.modelKind, .encoderDecoder, "the bottleneck lab belongs to an encoder–decoder")
    var session = AppState(width: 160, height: 48, view: .lab)
    _ = session.update(.seq2seqSnapshot(try Seq2SeqFixture.snapshot()))
    _ = session.update(.attentionLabSnapshot(Seq2SeqFixture.attentionLab()))
    let aloneLines = lines(alone.render())
    XCTAssertEqual(aloneLines[0], " rnnscope  7 Lab" + String(repeating: " ", count: 129) + "? keys  q quit")
    XCTAssertEqual(Array(aloneLines.dropFirst()), Array(lines(session.render()).dropFirst()), "below the tab row")
  }

  func testThePanesTableShowsEveryLengthBucketOrSaysWhichItLeavesOut() throws {
    let lab = AttentionLabRun(
      settings: AttentionLabSettings(
        lengths: 1...30, hidden: 4, embedding: 2, batchSize: 4, steps: 10, recordEvery: 10, heldOut: 120))
    var state = AppState(width: 160, height: 48, view: .lab)
    state.isLabOnly = true
    _ = state.update(.attentionLabSnapshot(lab.snapshot()))
    let wide = lines(state.render())
    let wideHeader = try XCTUnwrap(wide.first { $0.contains("│pane ") })
    for bucket in ["1–5", "6–10", "11–15", "16–20", "21–25", "26–30"] {
      XCTAssertTrue(wideHeader.contains("len \(bucket)"), "160 columns: bucket \(bucket) in \(wideHeader)")
    }
    XCTAssertFalse(wide.contains { $0.contains("wider: all") || $0.contains("taller screen") }, "nothing left out")
    _ = state.update(.resize(width: 80, height: 24))
    let narrow = lines(state.render())
    let narrowHeader = try XCTUnwrap(narrow.first { $0.contains("│pane ") })
    XCTAssertTrue(
      narrowHeader.contains("len 1–5  len 11–15  len 26–30"), "the first, the last, one between: \(narrowHeader)")
    XCTAssertTrue(
      narrow.contains {
        $0.contains("┌ Panes · 3 of 6 length buckets (wider: all) · loss curves: taller screen ─")
      },
      narrow.joined(separator: "\n"))
  }

  func testPanesAtDifferentStepsAreNamedWithTheirStepsOnTheChartAndTheStatusLine() {
    var lab = Seq2SeqFixture.attentionLab()
    let together = AttentionLabView.sharedStep(lab.panes.map(\.step))
    XCTAssertEqual(together, 20, "the fixture's panes are all at step 20")
    lab.panes[0].step = 10
    lab.panes[0].evaluations.removeLast()
    var state = AppState(width: 160, height: 48, view: .lab)
    state.isLabOnly = true
    _ = state.update(.attentionLabSnapshot(lab))
    let screen = lines(state.render())
    XCTAssertTrue(
      screen.contains { $0.contains("│─ none (step 10)  ─ dot (step 20)  ─ general (step 20)  ─ bi-dot (step 20)") })
    XCTAssertTrue(screen[2].contains("┌ Held-out exact accuracy by source length (60 pairs, measured every 10 steps)"))
    XCTAssertTrue(
      screen[47].hasPrefix(" lab attention · reverse · none 10 · dot 20 · general 20 · bi-dot 20 "), screen[47])
  }

  func testTheTabsAreTheEncoderDecodersAndTheKeysFollowThem() throws {
    var state = AppState(width: 160, height: 48, view: .attention)
    _ = state.update(.seq2seqSnapshot(try Seq2SeqFixture.snapshot()))
    XCTAssertEqual(state.tabs, [.attention, .encoderDecoder, .hidden, .gates, .gradients, .training, .lab])
    XCTAssertTrue(
      lines(state.render())[0].contains(
        " 1 Attention  2 Encoder–decoder  3 Hidden state  4 Gates  5 Gradients  6 Training  7 Lab "))
    _ = state.update(.key(.character("6")))
    XCTAssertEqual(state.view, .training)
    _ = state.update(.key(.tab))
    XCTAssertEqual(state.view, .lab)
    _ = state.update(.key(.tab))
    XCTAssertEqual(state.view, .attention, "Tab wraps within the encoder–decoder's tabs")
    _ = state.update(.key(.backTab))
    XCTAssertEqual(state.view, .lab)
    _ = state.update(.key(.character("8")))
    XCTAssertEqual(state.view, .lab, "no eighth tab")
  }

  func testAnimatesTheEncoderDecoderSourceFirstThenEachStepAndStops() throws {
    let snapshot = try Seq2SeqFixture.snapshot()
    var state = AppState(width: 160, height: 48, view: .training)
    _ = state.update(.seq2seqSnapshot(snapshot))
    _ = state.update(.key(.character("a")))
    XCTAssertEqual(state.view, .encoderDecoder, "a opens the encoder–decoder view")
    XCTAssertEqual(state.encoderDecoderAnimation?.frame, 0)
    let trace = try XCTUnwrap(snapshot.trace)
    let frames = trace.sourceLength + trace.targetLength
    for _ in 0..<(AppState.animationFramesPerStep * (frames - 1)) { _ = state.update(.frame(framesPerSecond: 30)) }
    XCTAssertEqual(state.encoderDecoderAnimation?.frame, frames - 1, "one frame a source symbol read, then a step")
    for _ in 0..<AppState.animationFramesPerStep { _ = state.update(.frame(framesPerSecond: 30)) }
    XCTAssertNil(state.encoderDecoderAnimation, "it stops after the last step")
  }

  func testGShadesTheConnectivityOfTheLiveProbeAndBack() throws {
    let snapshot = try Seq2SeqFixture.snapshot()
    XCTAssertNotNil(snapshot.connectivity, "the session measures the probe's connectivity")
    var state = AppState(width: 160, height: 48, view: .attention)
    _ = state.update(.seq2seqSnapshot(snapshot))
    XCTAssertFalse(lines(state.render()).contains { $0.contains("NOT α") })
    XCTAssertEqual(
      state.update(.key(.character("g"))), [.trainer(.watchConnectivity(true))], "measured only when shown")
    XCTAssertEqual(state.attentionMatrix, .connectivity)
    XCTAssertTrue(lines(state.render()).contains { $0.contains("NOT α") }, "the title says it is not α")
    XCTAssertEqual(state.update(.key(.character("2"))), [.trainer(.watchConnectivity(false))], "another tab")
    XCTAssertEqual(state.update(.key(.character("1"))), [.trainer(.watchConnectivity(true))], "back to it")
    XCTAssertEqual(state.update(.key(.character("g"))), [.trainer(.watchConnectivity(false))])
    XCTAssertEqual(state.attentionMatrix, .alpha)
  }

  func testESwitchesSideAndTheCursorStaysInsideTheSideShown() throws {
    let snapshot = try Seq2SeqFixture.snapshot()
    let trace = try XCTUnwrap(snapshot.trace)
    var state = AppState(width: 160, height: 48, view: .hidden)
    _ = state.update(.seq2seqSnapshot(snapshot))
    _ = state.update(.key(.down))
    XCTAssertEqual(state.cursor.unit, 1, "↓ selects a unit in the Hidden state view")
    _ = state.update(.key(.end))
    XCTAssertEqual(state.cursor.step, trace.sourceLength - 1, "the encoder's last source position")
    XCTAssertTrue(lines(state.render()).contains { $0.contains("encoder") })
    _ = state.update(.key(.character("e")))
    XCTAssertEqual(state.side, .decoder)
    _ = state.update(.key(.end))
    XCTAssertEqual(state.cursor.step, trace.targetLength - 1, "the decoder's last step")
    XCTAssertTrue(lines(state.render()).contains { $0.contains("decoder") })
    _ = state.update(.key(.character("e")))
    XCTAssertEqual(state.side, .encoder)
    XCTAssertEqual(state.cursor.step, trace.sourceLength - 1, "clamped back inside the source")
  }

  func testUpAndDownPickTheOutputStepWithinTheProbe() throws {
    let snapshot = try Seq2SeqFixture.snapshot()
    var state = AppState(width: 160, height: 48, view: .attention)
    _ = state.update(.seq2seqSnapshot(snapshot))
    _ = state.update(.key(.down))
    _ = state.update(.key(.right))
    XCTAssertEqual(state.cursor.step, 2)
    _ = state.update(.key(.up))
    XCTAssertEqual(state.cursor.step, 1)
    XCTAssertTrue(lines(state.render()).contains { $0.contains("Output step 2") })
    _ = state.update(.key(.end))
    XCTAssertEqual(state.cursor.step, snapshot.probe.steps.count - 1, "clamped to the last output step")
  }

  func testTrainingKeysSteerTheEncoderDecodersTrainer() throws {
    var state = AppState(width: 160, height: 48, view: .training)
    var snapshot = try Seq2SeqFixture.snapshot()
    snapshot.status = .training
    _ = state.update(.seq2seqSnapshot(snapshot))
    XCTAssertEqual(state.update(.key(.character(" "))), [.trainer(.pause)])
    XCTAssertEqual(state.update(.key(.character("]"))), [.trainer(.setLearningRate(2e-2))])
    XCTAssertEqual(state.update(.key(.character("c"))), [.trainer(.setClip(5))])
    XCTAssertEqual(state.update(.key(.character("-"))), [.trainer(.setSpeedLimit(100))])
  }

  func testTrainingViewShowsTheTableAndTheAccuracyByLength() throws {
    let snapshot = try Seq2SeqFixture.snapshot()
    let screen = lines(state(.training, width: 160, height: 48, snapshot: snapshot).render())
    XCTAssertTrue(screen.contains { $0.contains("input rnnscope   target epocsnnr") })
    for epoch in snapshot.epochs {
      XCTAssertTrue(
        screen.contains {
          $0.contains(String(format: "%5d %6d ", epoch.epoch, epoch.step)) && $0.contains("%  \(epoch.probeOutput) ")
        },
        "epoch \(epoch.epoch)'s row ends with its translation")
    }
    let buckets = snapshot.epochs.last!.metrics.byLength.filter { $0.count > 0 }
    let caption = buckets.map {
      "≤\($0.lengths.upperBound) \(Int((100 * Double($0.exact) / Double($0.count)).rounded()))%"
    }
    XCTAssertTrue(screen.contains { $0.contains("source length " + caption.joined(separator: "  ")) })
  }

  func testProbeSymbolsAreGreenWhereRightAndRedWhereWrong() {
    let spans = Seq2SeqTrainingView.compared("abxd", with: "abcd")
    XCTAssertEqual(spans.map(\.text), ["a", "b", "x", "d"])
    XCTAssertEqual(spans.map(\.style.fg), [Theme.good, Theme.good, Theme.bad, Theme.good])
    XCTAssertEqual(Seq2SeqTrainingView.compared("abcde", with: "abcd").last?.style.fg, Theme.bad, "past the end")
  }

  func testBigCellsWhenThereIsRoomAndOneRowAStepWhenNot() {
    XCTAssertTrue(AttentionView.cellSize(source: 8, steps: 9, width: 105, height: 37) == (8, 4))
    XCTAssertTrue(AttentionView.cellSize(source: 21, steps: 11, width: 103, height: 37) == (4, 2))
    XCTAssertTrue(AttentionView.cellSize(source: 30, steps: 31, width: 41, height: 13) == (1, 1))
    XCTAssertTrue(AttentionView.cellSize(source: 12, steps: 31, width: 41, height: 13) == (3, 1))
  }
}
