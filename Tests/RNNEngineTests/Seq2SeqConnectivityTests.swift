import XCTest

@testable import RNNEngine

/// `Seq2SeqModel.connectivity` against central differences of each step's logit with respect to
/// each source embedding row, for every attention kind and a bidirectional encoder; and the
/// agreement statistics on rows worked out by hand.
final class Seq2SeqConnectivityTests: XCTestCase {
  /// Distinct source symbols, so nudging a symbol's embedding row nudges exactly one position.
  private let source: [Int32] = [3, 7, 4, 8, 5]
  private let target: [Int32] = [6, 3, 5, 4]

  /// ‖∂ logit_{k_i}(i) / ∂e_j‖ by central differences on every entry of e_j, `[T][S]`.
  private func finiteDifferences(_ model: Seq2SeqModel) -> [[Float]] {
    let batch = Seq2SeqBatch(pairs: [(source: source, target: target)])
    let (t, e, v) = (batch.targetLength, model.config.embedding, model.config.targetVocabulary)
    let rowOffset = model.table.entry(named: "src_embedding.weight")!.offset
    let step: Float = 1e-2
    var squares = [[Float]](repeating: [Float](repeating: 0, count: source.count), count: t)
    for (j, symbol) in source.enumerated() {
      for k in 0..<e {
        let index = rowOffset + Int(symbol) * e + k
        let saved = model.parameters[index]
        model.parameters[index] = saved + step
        let plus = model.forward(batch).logits.values
        model.parameters[index] = saved - step
        let minus = model.forward(batch).logits.values
        model.parameters[index] = saved
        for i in 0..<t {
          let logit = i * v + Int(batch.targetOut[i])  // (T, 1, V)
          let slope = (plus[logit] - minus[logit]) / (2 * step)
          squares[i][j] += slope * slope
        }
      }
    }
    return squares.map { $0.map { $0.squareRoot() } }
  }

  private func check(_ config: Seq2SeqConfig, file: StaticString = #filePath, line: UInt = #line) {
    let model = Seq2SeqModel(config: config, seed: 11)
    let before = model.gradients
    let analytic = model.connectivity(source: source, target: target)
    XCTAssertEqual(model.gradients, before, "connectivity leaves the gradients alone", file: file, line: line)
    let numeric = finiteDifferences(model)
    XCTAssertEqual(analytic.norms.count, target.count + 1, file: file, line: line)
    var largest: Float = 0
    for (i, (row, expected)) in zip(analytic.norms, numeric).enumerated() {
      XCTAssertEqual(row.count, source.count, file: file, line: line)
      for (j, (value, reference)) in zip(row, expected).enumerated() {
        XCTAssertEqual(
          value, reference, accuracy: 2e-3 + 2e-2 * reference,
          "\(config.cell) \(config.attention) bi=\(config.bidirectional) step \(i) source \(j)", file: file, line: line)
        largest = max(largest, reference)
      }
    }
    XCTAssertGreaterThan(largest, 1e-2, "the logits depend on the source", file: file, line: line)
    let alpha = model.trace(source: source, target: target).alpha.map { Array($0) }
    for (row, expected) in zip(analytic.alpha, alpha) {
      for (value, reference) in zip(row, expected) {
        XCTAssertEqual(value, reference, accuracy: 1e-6, "α of the same pass", file: file, line: line)
      }
    }
  }

  private func config(_ cell: CellType, _ attention: AttentionKind, bidirectional: Bool = false, layers: Int = 1)
    -> Seq2SeqConfig
  {
    Seq2SeqConfig(
      cell: cell, sourceVocabulary: 10, targetVocabulary: 8, embedding: 4, hidden: 3, layers: layers,
      bidirectional: bidirectional, attention: attention)
  }

  func testConnectivityWithoutAttentionMatchesFiniteDifferences() {
    check(config(.gru, .none))
  }

  func testConnectivityWithDotAttentionMatchesFiniteDifferences() {
    check(config(.lstm, .dot))
  }

  func testConnectivityWithGeneralAttentionMatchesFiniteDifferences() {
    check(config(.rnnTanh, .general))
  }

  func testConnectivityOfABidirectionalEncoderMatchesFiniteDifferences() {
    check(config(.gru, .dot, bidirectional: true, layers: 2))
    check(config(.lstm, .additive, bidirectional: true))
  }

  /// The same matrix from PyTorch's autograd in float64 through the reference's own module, on one
  /// pair of each encoder–decoder parity fixture (`Fixtures/connectivity/make_seq2seq_connectivity.py`
  /// wrote the JSON): within 1e-4, and within 1e-3 of each step's largest norm.
  func testMatchesPyTorchOnTheParityFixtures() throws {
    let root = try XCTUnwrap(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
    let data = try Data(contentsOf: root.appendingPathComponent("connectivity/seq2seq_connectivity.json"))
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cases = try XCTUnwrap(json["cases"] as? [String: [String: Any]])
    XCTAssertEqual(cases.count, 3)
    var (worst, worstRelative) = (0.0, 0.0)
    for (name, entry) in cases {
      let fixture = try Data(contentsOf: root.appendingPathComponent("parity/" + name))
      let model = try Seq2SeqParityTests.model(
        try XCTUnwrap(JSONSerialization.jsonObject(with: fixture) as? [String: Any]), name: name)
      let source = try XCTUnwrap(entry["source"] as? [Int]).map { Int32($0) }
      let target = try XCTUnwrap(entry["target"] as? [Int]).map { Int32($0) }
      let expected = try XCTUnwrap(entry["norms"] as? [[Double]])
      let norms = model.connectivity(source: source, target: target).norms
      XCTAssertEqual(norms.count, expected.count, name)
      for (reference, engine) in zip(expected, norms) {
        XCTAssertEqual(reference.count, engine.count, name)
        let largest = reference.max()!
        XCTAssertGreaterThan(largest, 1e-3, "\(name): the fixture checks a real gradient")
        for (value, mine) in zip(reference, engine) {
          worst = max(worst, abs(value - Double(mine)))
          worstRelative = max(worstRelative, abs(value - Double(mine)) / largest)
        }
      }
    }
    XCTAssertLessThan(worst, 1e-4)
    XCTAssertLessThan(worstRelative, 1e-3)
    print(
      "seq2seq connectivity vs PyTorch: worst |diff| \(worst), relative to the step's largest norm \(worstRelative)")
  }

  func testAgreementCountsMatchingArgmaxesAndRankCorrelation() {
    let connectivity = Seq2SeqConnectivity(
      norms: [[0.1, 0.5, 0.2], [3, 2, 1], [0, 0, 4]],
      alpha: [[0.2, 0.7, 0.1], [0.1, 0.3, 0.6], [0.1, 0.1, 0.8]])
    XCTAssertEqual(connectivity.argmaxAgrees, [true, false, true])
    XCTAssertEqual(connectivity.agreement, 2.0 / 3, accuracy: 1e-12)
    // Rows: ρ = 0.5 (ranks 1 3 2 against 2 3 1), −1 (reversed), 1 (ties share rank 1.5 on both sides).
    XCTAssertEqual(connectivity.meanRankCorrelation!, (0.5 - 1 + 1) / 3, accuracy: 1e-12)
    XCTAssertEqual(connectivity.normalisedRows[0], [0.2, 1, 0.4])
    XCTAssertNil(Seq2SeqConnectivity(norms: [[1, 2]], alpha: [[0, 0]]).meanRankCorrelation, "α constant: no ρ")
  }
}
