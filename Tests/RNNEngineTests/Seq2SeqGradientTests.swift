import XCTest

@testable import RNNEngine

/// Finite-difference checks of the encoder–decoder's backward pass (decoder step, every attention
/// kind, the bridge) and padding invariance (a sequence gets the same result in a batch as alone).
final class Seq2SeqGradientTests: XCTestCase {
  /// A small random batch: three sources of different lengths, targets of different lengths.
  private func makeBatch(sourceVocabulary: Int, targetVocabulary: Int, seed: UInt64) -> Seq2SeqBatch {
    var random = SeededRandom(seed: seed)
    let pairs = [5, 3, 4].enumerated().map { index, length in
      (
        source: (0..<length).map { _ in Int32(random.int(in: 3..<sourceVocabulary)) },
        target: (0..<(2 + index)).map { _ in Int32(random.int(in: 3..<targetVocabulary)) }
      )
    }
    return Seq2SeqBatch(pairs: pairs)
  }

  /// Central differences on a few entries of every tensor against the backward pass.
  private func checkGradients(_ config: Seq2SeqConfig, file: StaticString = #filePath, line: UInt = #line) {
    let model = Seq2SeqModel(config: config, seed: 7)
    // Larger weights than the default so every path carries a visible gradient.
    for index in model.parameters.indices { model.parameters[index] *= 1.5 }
    let batch = makeBatch(sourceVocabulary: config.sourceVocabulary, targetVocabulary: config.targetVocabulary, seed: 3)
    model.backward(model.forward(batch))
    let analytic = model.gradients
    let step: Float = 1e-2
    var compared = 0
    var random = SeededRandom(seed: 5)
    for entry in model.table.entries {
      for _ in 0..<4 {
        let index = entry.offset + random.int(in: 0..<entry.count)
        let saved = model.parameters[index]
        model.parameters[index] = saved + step
        let plus = model.forward(batch).loss
        model.parameters[index] = saved - step
        let minus = model.forward(batch).loss
        model.parameters[index] = saved
        let numeric = Float((plus - minus) / Double(2 * step))
        let tolerance = 2e-3 + 3e-2 * abs(numeric)
        XCTAssertEqual(
          analytic[index], numeric, accuracy: tolerance,
          "\(config.cell) \(config.attention) bi=\(config.bidirectional) \(entry.name)[\(index - entry.offset)]",
          file: file, line: line)
        compared += 1
      }
    }
    XCTAssertGreaterThan(compared, 40, file: file, line: line)
  }

  private func config(_ cell: CellType, _ attention: AttentionKind, bidirectional: Bool, layers: Int = 1)
    -> Seq2SeqConfig
  {
    Seq2SeqConfig(
      cell: cell, sourceVocabulary: 9, targetVocabulary: 8, embedding: 4, hidden: 3, layers: layers,
      bidirectional: bidirectional, attention: attention)
  }

  func testDotAttentionGradientsMatchFiniteDifferences() {
    checkGradients(config(.gru, .dot, bidirectional: false))
    checkGradients(config(.lstm, .dot, bidirectional: true))
  }

  func testGeneralAttentionGradientsMatchFiniteDifferences() {
    checkGradients(config(.lstm, .general, bidirectional: false))
    checkGradients(config(.rnnTanh, .general, bidirectional: true))
  }

  func testAdditiveAttentionGradientsMatchFiniteDifferences() {
    checkGradients(config(.gru, .additive, bidirectional: true))
    checkGradients(config(.lstm, .additive, bidirectional: false))
  }

  /// Without attention the encoder is reached only through the bridge (and c = h_n^e).
  func testBridgeGradientsMatchFiniteDifferences() {
    checkGradients(config(.lstm, .none, bidirectional: true, layers: 2))
    checkGradients(config(.gru, .none, bidirectional: false, layers: 2))
  }

  /// Two decoder layers: the step's input gradient flows down into the layer below and the context.
  func testStackedDecoderStepGradientsMatchFiniteDifferences() {
    checkGradients(config(.gru, .dot, bidirectional: true, layers: 2))
  }

  /// Each sequence of a padded batch gets what it gets alone: encoder outputs, α, logits.
  func testPaddingNeverChangesASequencesResult() {
    for (cell, attention) in [(CellType.lstm, AttentionKind.dot), (.gru, .general), (.gru, .additive), (.lstm, .none)] {
      let config = config(cell, attention, bidirectional: true, layers: 2)
      let model = Seq2SeqModel(config: config, seed: 11)
      let batch = makeBatch(sourceVocabulary: 9, targetVocabulary: 8, seed: 4)
      let together = model.forward(batch)
      let (s, t, b, d, v) = (
        batch.sourceLength, batch.targetLength, batch.batchSize, config.decoderHidden, config.targetVocabulary
      )
      for row in 0..<b {
        let length = batch.sourceLengths[row]
        let alone = Seq2SeqBatch(
          source: Array(batch.source[(row * s)..<(row * s + length)]), sourceLengths: [length],
          targetIn: Array(batch.targetIn[(row * t)..<((row + 1) * t)]),
          targetOut: Array(batch.targetOut[(row * t)..<((row + 1) * t)]))
        let single = model.forward(alone)
        var worst: Float = 0
        for i in 0..<t {
          for k in 0..<v {
            worst = max(worst, abs(together.logits[(i * b + row) * v + k] - single.logits[i * v + k]))
          }
          for j in 0..<length {
            worst = max(worst, abs(together.alpha[(i * b + row) * s + j] - single.alpha[i * length + j]))
          }
        }
        for j in 0..<length {
          for k in 0..<d {
            worst = max(worst, abs(together.encoder.top[(j * b + row) * d + k] - single.encoder.top[j * d + k]))
          }
        }
        XCTAssertLessThan(worst, 1e-5, "\(cell) \(attention) row \(row): batch and alone differ by \(worst)")
      }
    }
  }
}

/// ‖∂L/∂h_j^e‖ and its split into the attention path and the final-state path.
final class Seq2SeqEncoderGradientTests: XCTestCase {
  private func norms(_ attention: AttentionKind, cell: CellType) -> (Seq2SeqModel.EncoderGradientNorms, Seq2SeqBatch) {
    let model = Seq2SeqModel(
      config: Seq2SeqConfig(
        cell: cell, sourceVocabulary: 9, targetVocabulary: 8, embedding: 4, hidden: 3, bidirectional: true,
        attention: attention), seed: 2)
    let batch = Seq2SeqBatch(pairs: [(source: [3, 4, 5, 6], target: [3, 4]), (source: [5, 7], target: [6, 6, 6])])
    let record = model.forward(batch)
    let paths = model.backward(record)
    let gradients = model.gradients
    let result = model.encoderGradientNorms(record, paths: paths)
    XCTAssertEqual(model.gradients, gradients, "the split leaves the model's gradients alone")
    return (result, batch)
  }

  func testWithoutAttentionEverythingArrivesThroughTheFinalState() {
    for cell in [CellType.lstm, .gru] {
      let (norms, batch) = norms(.none, cell: cell)
      XCTAssertEqual(norms.throughAttention, [Float](repeating: 0, count: norms.total.count))
      XCTAssertEqual(norms.total, norms.throughFinalState)
      for (index, value) in norms.total.enumerated() {
        let (position, row) = (index / batch.batchSize, index % batch.batchSize)
        if position < batch.sourceLengths[row] { XCTAssertGreaterThan(value, 0) } else { XCTAssertEqual(value, 0) }
      }
    }
  }

  func testWithAttentionBothPathsCarryGradientAndAddUp() {
    for cell in [CellType.lstm, .gru] {
      let (norms, batch) = norms(.dot, cell: cell)
      for index in norms.total.indices where index / batch.batchSize < batch.sourceLengths[index % batch.batchSize] {
        let (a, f, t) = (norms.throughAttention[index], norms.throughFinalState[index], norms.total[index])
        XCTAssertGreaterThan(a, 0)
        XCTAssertGreaterThan(f, 0)
        XCTAssertLessThanOrEqual(t, a + f + 1e-6)
        XCTAssertGreaterThanOrEqual(t, abs(a - f) - 1e-6)
      }
    }
  }
}
