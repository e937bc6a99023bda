import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// The unrolled encoder–decoder, drawn from the hand-made trace: every number on it is the trace's.
final class EncoderDecoderViewTests: XCTestCase {
  private func lines(_ grid: Grid) -> [String] {
    PlainTextExporter(trimsTrailingSpaces: true).export(grid).components(separatedBy: "\n")
  }

  func testTheViewMatchesItsGoldenScreens() {
    let dot = Seq2SeqSceneFixture.scene()
    let none = Seq2SeqSceneFixture.scene(attention: .none)
    for (width, height) in [(80, 24), (160, 48)] {
      GoldenScreens.assertMatches(
        EncoderDecoderView(scene: dot, step: 2).screen(width: width, height: height),
        named: "encoder-decoder-\(width)x\(height)")
      GoldenScreens.assertMatches(
        EncoderDecoderView(scene: none, step: 2).screen(width: width, height: height),
        named: "encoder-decoder-none-\(width)x\(height)")
    }
    GoldenScreens.assertMatches(
      EncoderDecoderView(scene: Seq2SeqSceneFixture.scene(bidirectional: true), step: 0, frame: 8)
        .screen(width: 160, height: 48),
      named: "encoder-decoder-bidirectional-frame-160x48")
  }

  /// The row of α values under the source cells, read back as numbers.
  private func alphaRow(_ text: [String], sourceRow: Int) -> [String] {
    text[sourceRow + 2].split(separator: " ").map(String.init)
  }

  func testTheAlphaUnderEachSourceCellIsTheTracesAlphaOfTheSelectedStep() {
    let scene = Seq2SeqSceneFixture.scene()
    for step in [0, 2, 5] {
      let text = lines(EncoderDecoderView(scene: scene, step: step).screen(width: 160, height: 48))
      let symbols = text.firstIndex { $0.contains("in") && $0.contains(" a ") && $0.contains(" f ") }!
      let shown = alphaRow(text, sourceRow: symbols).filter { $0.first == "." || $0.first == "1" }
      let expected = (0..<scene.trace.sourceLength).map {
        EncoderDecoderView.shortFraction(scene.trace.alpha[step][$0])
      }
      XCTAssertEqual(shown, expected, "step \(step)")
      let strongest = scene.source[scene.trace.sourceLength - 1 - step]
      XCTAssertTrue(text.joined().contains("looks at '\(strongest)' (#\(6 - step)) α 0.90"), "step \(step)")
    }
    XCTAssertEqual(EncoderDecoderView.shortFraction(0.9), ".90")
    XCTAssertEqual(EncoderDecoderView.shortFraction(0.999), "1.0")
    XCTAssertEqual(EncoderDecoderView.shortFraction(0.02), ".02")
  }

  func testTheStepPanelShowsTheTracesPredictionsAndLoss() {
    let scene = Seq2SeqSceneFixture.scene()
    let step = Seq2SeqSceneFixture.wrongStep
    let grid = EncoderDecoderView(scene: scene, step: step).screen(width: 160, height: 48)
    let text = lines(grid).joined(separator: "\n")
    XCTAssertTrue(text.contains("reads 'd'  must predict 'c'  ✗"), text)
    XCTAssertTrue(text.contains("top-3 z 0.81  x 0.12  y 0.04"), text)
    XCTAssertTrue(text.contains("−log p \(Format.fixed(scene.trace.stepLoss[step], decimals: 3))"), text)
    let c = Format.compact(EncoderDecoderView.norm(Array(scene.trace.context[step])))
    XCTAssertTrue(text.contains("‖c_4‖ \(c)  looks at 'c' (#3) α 0.90"), text)
    let h = Array(scene.trace.decoder[0].h[step])
    XCTAssertTrue(text.contains("‖h_4^d‖ \(Format.compact(EncoderDecoderView.norm(h)))"), text)
    // The predictions above the decoder cells: green when right, red when wrong.
    let row = lines(grid).firstIndex { $0.hasPrefix("│ŷ") }!
    let predicted = lines(grid)[row]
    XCTAssertTrue(predicted.contains("f") && predicted.contains("z"), predicted)
    let zColumn = Array(predicted).firstIndex(of: "z")!
    let fColumn = Array(predicted).firstIndex(of: "f")!
    XCTAssertEqual(grid[zColumn, row].style.fg, Theme.bad)
    XCTAssertEqual(grid[fColumn, row].style.fg, Theme.good)
  }

  func testWithoutAttentionTheBridgeFeedsEveryStep() {
    let scene = Seq2SeqSceneFixture.scene(attention: .none)
    let text = lines(EncoderDecoderView(scene: scene, step: 1).screen(width: 160, height: 48))
    let rail = text[text.firstIndex { $0.contains("the bottleneck") }! - 1]
    // One tee under the bridge and one under each of the 7 decoder steps.
    XCTAssertEqual(rail.filter { $0 == "┴" }.count + rail.filter { $0 == "└" || $0 == "┘" }.count, 8, rail)
    XCTAssertFalse(text.joined().contains("looks at"))
    XCTAssertTrue(text.joined().contains("the same c = h_n^e, 8 numbers for"))
  }

  func testTheAnimationReadsTheSourceThenDecodesAStepAFrame() {
    let scene = Seq2SeqSceneFixture.scene()
    XCTAssertEqual(EncoderDecoderView.frameCount(of: scene), 13)
    // Frame 2: three source positions read, nothing decoded, no rail.
    let early = EncoderDecoderView(scene: scene, step: 4, frame: 2)
    XCTAssertEqual(early.step, 0)
    let earlyText = lines(early.screen(width: 160, height: 48)).joined(separator: "\n")
    XCTAssertFalse(earlyText.contains("┴"))
    XCTAssertTrue(earlyText.contains("not decoded yet"))
    // Frame 8: the source and the bridge done, steps 1–3 decoded, step 3 selected.
    let late = EncoderDecoderView(scene: scene, step: 0, frame: 8)
    XCTAssertEqual(late.step, 2)
    let lateText = lines(late.screen(width: 160, height: 48))
    let predicted = lateText.first { $0.hasPrefix("│ŷ") }!
    XCTAssertEqual(predicted.dropFirst(2).filter { $0.isLetter }.count, 3, predicted)
    // The last frame shows everything, as without an animation.
    XCTAssertEqual(
      lines(EncoderDecoderView(scene: scene, step: 6, frame: 12).screen(width: 160, height: 48)),
      lines(EncoderDecoderView(scene: scene, step: 6).screen(width: 160, height: 48)))
  }

  func testWhenTheCellsDoNotFitTheSelectedStepAndWhereItLooksStayOnScreen() {
    let scene = Seq2SeqSceneFixture.scene()
    for step in [0, 3, 6] {
      let layout = EncoderDecoderView(scene: scene, step: step).cellLayout(in: Rect(x: 0, y: 0, width: 16, height: 10))
      XCTAssertEqual(layout.width, 1)
      XCTAssertEqual(layout.cells.count, 8, "\(layout.cells)")
      XCTAssertNotNil(layout.column(of: 6 + 1 + step), "step \(step): \(layout.cells)")
      let looked = step < 6 ? 5 - step : 0  // the fixture's α peaks on the anti-diagonal
      XCTAssertNotNil(layout.column(of: looked), "step \(step): \(layout.cells)")
      XCTAssertEqual(layout.cells, layout.cells.sorted(), "left to right")
    }
    // Wide enough: every cell, as wide as fits (19 cells and their gaps in 80 columns: 3 each).
    let all = EncoderDecoderView(scene: scene, step: 0).cellLayout(in: Rect(x: 0, y: 0, width: 80, height: 10))
    XCTAssertEqual(all.cells, Array(0..<14))
    XCTAssertEqual(all.width, 4)
  }
}
