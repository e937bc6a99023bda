import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// The Attention view of an encoder–decoder, drawn from hand-made probes whose α is known.
final class AttentionViewTests: XCTestCase {
  private let letters = (0..<26).map { String(UnicodeScalar(UInt8(97 + $0))) }

  /// Reversing `source`: α of output step i is (almost) one-hot on source position n − 1 − i;
  /// the output has `wrongStep`'s symbol replaced by `z`.
  private func reversePicture(_ source: String, attention: AttentionKind = .dot, wrongStep: Int? = nil)
    -> AttentionPicture
  {
    let vocabulary = Seq2SeqVocabulary(source: letters, target: letters)
    let ids = try! vocabulary.encodeSource(source)
    let n = ids.count
    var steps: [Seq2SeqProbe.Step] = []
    for i in 0...n {
      var token = i < n ? ids[n - 1 - i] : Seq2SeqToken.end
      if i == wrongStep { token = try! vocabulary.encodeTarget("z")[0] }
      var alpha = [Float](repeating: attention == .none ? 0 : 0.1 / Float(max(n - 1, 1)), count: n)
      if attention != .none { alpha[i < n ? n - 1 - i : 0] = 0.9 }
      let context = (0..<8).map { k in attention == .none ? Float(k % 3) * 0.4 - 0.4 : sin(Float(i + k)) }
      steps.append(
        Seq2SeqProbe.Step(token: token, alpha: alpha, context: context, top: [(token, 0.9), (5, 0.06), (6, 0.01)]))
    }
    let config = Seq2SeqConfig(
      cell: .gru, sourceVocabulary: vocabulary.sourceSize, targetVocabulary: vocabulary.targetSize, embedding: 3,
      hidden: 8, attention: attention)
    return AttentionPicture(
      probe: Seq2SeqProbe(source: ids, steps: steps, attention: attention), config: config, vocabulary: vocabulary,
      sourceText: source, target: Seq2SeqTaskKind.reverse.target(for: source))
  }

  private func lines(_ grid: Grid) -> [String] {
    PlainTextExporter(trimsTrailingSpaces: true).export(grid).components(separatedBy: "\n")
  }

  func testAttentionViewMatchesItsGoldenScreensAtBothSizes() {
    let picture = reversePicture("attention", wrongStep: 3)
    for (width, height) in [(80, 24), (160, 48)] {
      let grid = AttentionView(picture: picture, step: 2).screen(width: width, height: height)
      GoldenScreens.assertMatches(grid, named: "attention-\(width)x\(height)")
    }
    let none = reversePicture("attention", attention: .none)
    GoldenScreens.assertMatches(
      AttentionView(picture: none, step: 0).screen(width: 80, height: 24), named: "attention-none-80x24")
  }

  func testTheSelectedStepsAlphaIsAFullBarOverItsSourceSymbol() {
    let picture = reversePicture("abcdef")
    // Step 2 (index 1) of reversing "abcdef" looks at 'e', the fifth symbol.
    let grid = AttentionView(picture: picture, step: 1).screen(width: 160, height: 48)
    let text = lines(grid)
    // The source under the bars, its symbols spread over cells as wide as the screen allows.
    let sourceRow = text.lastIndex { $0.range(of: "a +b +c +d +e +f", options: .regularExpression) != nil }!
    let source = Array(text[sourceRow])
    let bars = Array(text[sourceRow - 1])
    let e = source.firstIndex(of: "e")!
    let d = source.firstIndex(of: "d")!
    XCTAssertEqual(bars[e], "█", "a full bar over 'e'")
    XCTAssertNotEqual(bars[d], "█", "only a low bar over 'd'")
    XCTAssertEqual(bars.filter { $0 == "█" }.count, e - d, "one full bar, as wide as a source cell")
    XCTAssertTrue(text.joined().contains("looks at 'e' (#5) α 0.90"))
  }

  func testWrongSymbolsAreRedAndTheOutputIsNotExact() {
    let picture = reversePicture("abcdef", wrongStep: 3)
    XCTAssertEqual(picture.isRight(step: 3), false)
    XCTAssertEqual(picture.isRight(step: 2), true)
    XCTAssertEqual(picture.isRight(step: 6), true, "the end symbol ends the target")
    XCTAssertEqual(picture.isExact, false)
    XCTAssertEqual(reversePicture("abcdef").isExact, true)
    let grid = AttentionView(picture: picture, step: 0).screen(width: 80, height: 24)
    let row = lines(grid).firstIndex { $0.contains("output fedzba$") }!
    let x = lines(grid)[row].range(of: "fedzba$")!.lowerBound.utf16Offset(in: lines(grid)[row])
    XCTAssertEqual(grid[x + 3, row].style.fg, Theme.bad)
    XCTAssertEqual(grid[x + 2, row].style.fg, Theme.good)
    XCTAssertTrue(lines(grid).joined().contains("✗ not exact"))
  }

  func testALongSourceFitsAt80ColumnsOneColumnASymbol() {
    let source = String(repeating: "abcdefghij", count: 3)
    let grid = AttentionView(picture: reversePicture(source), step: 29).screen(width: 80, height: 24)
    let text = lines(grid)
    XCTAssertTrue(text.contains { $0.contains(source) }, "the whole source along the top")
    XCTAssertTrue(text.contains { $0.contains("30 a") }, "the rows scroll to keep the selected step on screen")
  }

  /// Reversing "abcdef" with a connectivity whose step 2 (index 1) depends most on 'b', where α looks at 'e'.
  private func connectivityPicture() -> AttentionPicture {
    var picture = reversePicture("abcdef")
    var rows = picture.alpha
    rows[1] = [0.1, 1, 0.2, 0.1, 0.5, 0.1]
    picture.connectivity = rows
    return picture
  }

  func testConnectivityModeShadesTheConnectivityAndSaysItIsNotAlpha() {
    let picture = connectivityPicture()
    let grid = AttentionView(picture: picture, step: 1, matrix: .connectivity).screen(width: 160, height: 48)
    let text = lines(grid)
    XCTAssertTrue(text.joined().contains("connectivity ∂logit/∂e_j, NOT α"))
    XCTAssertTrue(text.joined().contains("depends most on 'b' (#2) ≠ α's"))
    XCTAssertTrue(text.joined().contains("g back to α"))
    // The bars over the source (3 rows) are the connectivity row: the top row full over 'b' (1),
    // empty over α's 'e' (0.5).
    // The source under the bars is the last row holding the six symbols in order, whatever the cells' width.
    let symbols = ["a", "b", "c", "d", "e", "f"].map { Character($0) }
    let sourceRow = try! XCTUnwrap(
      text.lastIndex { row in
        let letters = row.filter { $0 != " " }
        return letters.contains(String(symbols)) && letters.count <= 12
      })
    let source = Array(text[sourceRow])
    let top = Array(text[sourceRow - 3])
    let b = try! XCTUnwrap(source.firstIndex(of: "b"))
    let e = try! XCTUnwrap(source.firstIndex(of: "e"))
    XCTAssertEqual(top.indices.contains(b) ? top[b] : " ", "█", text[sourceRow - 3])
    XCTAssertEqual(top.indices.contains(e) ? top[e] : " ", " ", text[sourceRow - 3])
    GoldenScreens.assertMatches(
      AttentionView(picture: picture, step: 1, matrix: .connectivity).screen(width: 80, height: 24),
      named: "attention-connectivity-80x24")
  }

  func testAlphaModeWithConnectivityOnlyAddsTheKeyHint() {
    let picture = connectivityPicture()
    let alpha = lines(AttentionView(picture: picture, step: 1).screen(width: 160, height: 48))
    var plain = picture
    plain.connectivity = nil
    let without = lines(AttentionView(picture: plain, step: 1, matrix: .connectivity).screen(width: 160, height: 48))
    XCTAssertTrue(alpha.joined().contains("g connectivity"))
    XCTAssertFalse(without.joined().contains("NOT α"), "no connectivity: the view stays on α")
    XCTAssertEqual(alpha.dropLast(2), without.dropLast(2), "only the hint line differs")
    XCTAssertEqual(AttentionView.Matrix.alpha.toggled, .connectivity)
    XCTAssertEqual(AttentionView.Matrix.connectivity.toggled, .alpha)
  }

  func testWithoutAttentionTheViewSaysSoAndShowsTheFixedContext() {
    let grid = AttentionView(picture: reversePicture("abc", attention: .none), step: 1).screen(width: 80, height: 24)
    let text = lines(grid).joined(separator: "\n")
    XCTAssertTrue(text.contains("--attention none: there is no α."))
    XCTAssertTrue(text.contains("c_i = h_n^e at every step"))
    XCTAssertFalse(text.contains("α: output"))
  }
}
