import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// Hidden state, Gates and Gradients of an encoder–decoder, on either side, against the trace.
final class Seq2SeqStatesViewTests: XCTestCase {
  private func text(_ grid: Grid) -> String { PlainTextExporter(trimsTrailingSpaces: true).export(grid) }

  func testTheViewsMatchTheirGoldenScreens() {
    let scene = Seq2SeqSceneFixture.scene(bidirectional: true, cell: .lstm)
    let gru = Seq2SeqSceneFixture.scene()
    for (width, height) in [(80, 24), (160, 48)] {
      let size = "\(width)x\(height)"
      GoldenScreens.assertMatches(
        Seq2SeqStatesView(scene: scene, kind: .hidden, side: .encoder, layer: 1, position: 2, unit: 3)
          .screen(width: width, height: height), named: "seq2seq-hidden-encoder-\(size)")
      GoldenScreens.assertMatches(
        Seq2SeqStatesView(scene: gru, kind: .gates, side: .decoder, position: 4, unit: 1)
          .screen(width: width, height: height), named: "seq2seq-gates-decoder-\(size)")
      GoldenScreens.assertMatches(
        Seq2SeqGradientsView(scene: gru, side: .encoder, position: 1).screen(width: width, height: height),
        named: "seq2seq-gradients-\(size)")
    }
    GoldenScreens.assertMatches(
      Seq2SeqGradientsView(scene: Seq2SeqSceneFixture.scene(attention: .none), side: .decoder, position: 3)
        .screen(width: 160, height: 48), named: "seq2seq-gradients-none-decoder-160x48")
  }

  func testTheHiddenStateAtTheCursorIsTheTracesOnEitherSide() {
    let scene = Seq2SeqSceneFixture.scene(bidirectional: true, cell: .lstm)
    let encoder = text(
      Seq2SeqStatesView(scene: scene, kind: .hidden, side: .encoder, layer: 1, position: 2, unit: 3)
        .screen(width: 160, height: 48))
    XCTAssertTrue(encoder.contains("h_j^e, encoder layer 1 reverse: 8 units × 6 source positions"), encoder)
    XCTAssertTrue(encoder.contains("input 'c'"))
    XCTAssertTrue(encoder.contains("h = \(Format.fixed(scene.trace.encoder[1].h[2][3], decimals: 4))"), encoder)
    XCTAssertTrue(encoder.contains("c = \(Format.fixed(scene.trace.encoder[1].c[2][3], decimals: 4))"), encoder)
    let decoder = text(
      Seq2SeqStatesView(scene: scene, kind: .hidden, side: .decoder, position: 5, unit: 11)
        .screen(width: 160, height: 48))
    XCTAssertTrue(decoder.contains("h_i^d, decoder layer 1: 16 units × 7 decoder steps"), decoder)
    XCTAssertTrue(decoder.contains("input 'b'"), "step 6 reads the fifth target symbol")
    XCTAssertTrue(decoder.contains("h = \(Format.fixed(scene.trace.decoder[0].h[5][11], decimals: 4))"), decoder)
  }

  func testTheGatesAtTheCursorAreTheTracesAndTheSideIsClamped() {
    let scene = Seq2SeqSceneFixture.scene()
    let view = Seq2SeqStatesView(scene: scene, kind: .gates, side: .decoder, layer: 5, position: 99, unit: 99)
    XCTAssertEqual([view.layer, view.position, view.unit], [0, 6, 7])
    let screen = text(view.screen(width: 160, height: 48))
    for gate in scene.trace.decoder[0].gates {
      XCTAssertTrue(screen.contains("\(gate.name) \(Format.fixed(gate.values[6][7], decimals: 3))"), gate.name)
    }
    XCTAssertTrue(screen.contains("Gates, decoder layer 1"))
  }

  func testTheGradientsShownAreTheTracesAndTheBarsFollowThem() {
    let scene = Seq2SeqSceneFixture.scene()
    let gradients = scene.trace.encoderGradients
    let encoder = text(Seq2SeqGradientsView(scene: scene, side: .encoder, position: 1).screen(width: 160, height: 48))
    XCTAssertTrue(encoder.contains("‖∂L/∂h_j^e‖       \(Format.compact(gradients.total[1]))"), encoder)
    XCTAssertTrue(encoder.contains("through attention \(Format.compact(gradients.throughAttention[1]))"))
    XCTAssertTrue(encoder.contains("through h_n^e     \(Format.compact(gradients.throughFinalState[1]))"))
    let ratio = Format.compact(gradients.total[0] / gradients.total[5])
    XCTAssertTrue(encoder.contains("‖∂L/∂h_1^e‖ / ‖∂L/∂h_S^e‖: total \(ratio)"), encoder)
    let decoder = text(Seq2SeqGradientsView(scene: scene, side: .decoder, position: 3).screen(width: 160, height: 48))
    XCTAssertTrue(decoder.contains("‖∂L/∂h_i^d‖ \(Format.compact(scene.trace.decoderGradientNorms[3]))"), decoder)
    XCTAssertTrue(decoder.contains("−log p      \(Format.fixed(scene.trace.stepLoss[3], decimals: 4))"), decoder)
    // Bars on a log axis: a decade up is the same height whatever the decade.
    let bars = LogBars(series: [("x", [0.001, 0.01, 0.1], Theme.accent)], labels: ["a", "b", "c"], selected: nil)
    XCTAssertEqual(bars.decades, -3 ... -1)
    XCTAssertEqual(bars.fraction(0.001), 0, accuracy: 1e-6)
    XCTAssertEqual(bars.fraction(0.01), 0.5, accuracy: 1e-6)
    XCTAssertEqual(bars.fraction(0.1), 1, accuracy: 1e-6)
    XCTAssertEqual(bars.fraction(0), 0)
  }
}
