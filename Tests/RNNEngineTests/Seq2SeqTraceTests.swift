import XCTest

@testable import RNNEngine

/// The trace the encoder–decoder views draw: every value is the model's own forward and backward.
final class Seq2SeqTraceTests: XCTestCase {
  private let source: [Int32] = [3, 4, 5, 6, 7]
  private let target: [Int32] = [7, 6, 5, 4, 3]

  private func model(
    _ cell: CellType, attention: AttentionKind = .dot, bidirectional: Bool = false, layers: Int = 1
  ) -> Seq2SeqModel {
    Seq2SeqModel(
      config: Seq2SeqConfig(
        cell: cell, sourceVocabulary: 10, targetVocabulary: 9, embedding: 4, hidden: 3, layers: layers,
        bidirectional: bidirectional, attention: attention), seed: 5)
  }

  private func rows(_ values: StepValues) -> [[Float]] { values.map { Array($0) } }

  func testStatesGatesAlphaAndLossAreTheForwardPasses() {
    for cell in [CellType.lstm, .gru, .rnnTanh] {
      let model = model(cell, layers: 2)
      let trace = model.trace(source: source, target: target)
      let record = model.forward(Seq2SeqBatch(pairs: [(source: source, target: target)]))
      let (s, t, d) = (source.count, target.count + 1, model.config.decoderHidden)
      XCTAssertEqual(trace.targetIn, [Seq2SeqToken.start] + target)
      XCTAssertEqual(trace.targetOut, target + [Seq2SeqToken.end])
      XCTAssertEqual(trace.alpha.flat, record.alpha.values, "\(cell)")
      XCTAssertEqual(trace.context.flat, record.context.values, "\(cell)")
      XCTAssertEqual(trace.encoderOutputs.flat, record.encoder.top.values, "\(cell)")
      XCTAssertEqual(trace.encoder.count, 2)
      XCTAssertEqual(trace.decoder.count, 2)
      for layer in 0..<2 {
        // Slot 0 is the bridged start; step i's state sits in slot i + 1.
        let decoderStates = record.decoderH[layer].values
        XCTAssertEqual(trace.bridge[layer].map { $0 }, Array(decoderStates[0..<d]), "\(cell) layer \(layer)")
        XCTAssertEqual(trace.decoder[layer].h.flat, Array(decoderStates[d...]), "\(cell) layer \(layer)")
        XCTAssertEqual(trace.decoder[layer].h.count, t)
        XCTAssertEqual(trace.encoder[layer].h.count, s)
        let gateCount = cell.gateNames.count
        XCTAssertEqual(trace.decoder[layer].gates.map(\.name), cell.gateNames)
        for (block, gate) in trace.decoder[layer].gates.enumerated() {
          for i in 0..<t {
            let start = (i * gateCount + block) * d
            XCTAssertEqual(Array(gate.values[i]), Array(record.decoderGates[layer].values[start..<(start + d)]))
          }
        }
      }
      XCTAssertEqual(trace.decoder[0].c.isEmpty, cell != .lstm)
      XCTAssertEqual(Double(trace.loss), record.loss, accuracy: 1e-6)
      XCTAssertEqual(trace.stepLoss.reduce(0, +) / Float(t), trace.loss, accuracy: 1e-5, "\(cell)")
      // The top layer's encoder states are its output; its last is the bridge of the top layer.
      XCTAssertEqual(rows(trace.encoder[1].h), rows(trace.encoderOutputs), "\(cell)")
      XCTAssertEqual(Array(trace.encoder[1].h[s - 1]), Array(trace.bridge[1]), "\(cell)")
      for i in 0..<t {
        let logits = Array(record.logits.values[(i * 9)..<((i + 1) * 9)])
        XCTAssertEqual(
          trace.predictions[i], Int32(logits.indices.max { logits[$0] < logits[$1] }!), "\(cell) step \(i)")
        XCTAssertEqual(trace.top[i].count, 3)
      }
    }
  }

  func testABidirectionalEncoderKeepsBothDirectionsInPositionOrder() {
    let model = model(.lstm, bidirectional: true)
    let trace = model.trace(source: source, target: target)
    let (forward, backward) = (trace.encoder[0], trace.encoder[1])
    XCTAssertFalse(forward.reversed)
    XCTAssertTrue(backward.reversed)
    for j in source.indices {
      XCTAssertEqual(Array(trace.encoderOutputs[j]), Array(forward.h[j]) + Array(backward.h[j]), "position \(j)")
    }
    // The bridge: the forward direction's last state beside the reverse direction's state at position 0.
    XCTAssertEqual(Array(trace.bridge[0]), Array(forward.h[source.count - 1]) + Array(backward.h[0]))
    XCTAssertEqual(Array(trace.bridgeCell[0]), Array(forward.c[source.count - 1]) + Array(backward.c[0]))
  }

  func testWithoutAttentionEveryStepReadsTheBridgeAndTheGradientArrivesByTheFinalState() {
    let model = model(.gru, attention: .none)
    let trace = model.trace(source: source, target: target)
    for i in 0..<trace.targetLength {
      XCTAssertEqual(Array(trace.context[i]), Array(trace.bridge[0]))
      XCTAssertEqual(Array(trace.alpha[i]), [Float](repeating: 0, count: source.count))
    }
    XCTAssertEqual(trace.encoderGradients.throughAttention, [Float](repeating: 0, count: source.count))
    XCTAssertEqual(trace.encoderGradients.total, trace.encoderGradients.throughFinalState)
  }

  func testGradientNormsAreTheBackwardPassesAndLeaveTheModelsGradientsAlone() {
    let model = model(.lstm, bidirectional: true)
    let before = model.gradients
    let trace = model.trace(source: source, target: target)
    XCTAssertEqual(model.gradients, before, "tracing leaves the gradients of the last training step")
    let record = model.forward(Seq2SeqBatch(pairs: [(source: source, target: target)]))
    let paths = model.backward(record)
    let norms = model.encoderGradientNorms(record, paths: paths)
    XCTAssertEqual(trace.encoderGradients.total, norms.total)
    XCTAssertEqual(trace.encoderGradients.throughAttention, norms.throughAttention)
    XCTAssertEqual(trace.encoderGradients.throughFinalState, norms.throughFinalState)
    XCTAssertEqual(trace.decoderGradients.flat, paths.decoderStates)
    // The two paths add up, as vectors, to the total: their norms obey the triangle inequality.
    for j in source.indices {
      let (a, f, total) = (
        norms.throughAttention[j], norms.throughFinalState[j], norms.total[j]
      )
      XCTAssertLessThanOrEqual(total, a + f + 1e-6)
      XCTAssertGreaterThanOrEqual(total, abs(a - f) - 1e-6)
    }
    // The last step's state reaches the loss only through the output head.
    let last = trace.targetLength - 1
    let outputWeight = model.parameter(named: "output.weight")!  // (V, D)
    let probabilities = record.probabilities.values
    let v = model.config.targetVocabulary
    let d = model.config.decoderHidden
    let dLogits = (0..<v).map { k in
      probabilities[last * v + k] - (k == Int(trace.targetOut[last]) ? 1 : 0)
    }
    for unit in 0..<d {
      let expected = (0..<v).reduce(Float(0)) { $0 + dLogits[$1] * outputWeight[$1 * d + unit] } / Float(last + 1)
      XCTAssertEqual(trace.decoderGradients[last][unit], expected, accuracy: 1e-6, "unit \(unit)")
    }
  }

  /// ‖∂L/∂h_i^d‖ against central differences: h_i^d is nudged inside a forward pass (its logits
  /// recomputed, the later steps run from it) and the loss taken again.
  func testTheDecoderGradientNormMatchesFiniteDifferences() {
    for attention in [AttentionKind.dot, .none] {
      let model = model(.gru, attention: attention)
      let trace = model.trace(source: source, target: target)
      let batch = Seq2SeqBatch(pairs: [(source: source, target: target)])
      let (d, v) = (model.config.decoderHidden, model.config.targetVocabulary)
      let outputWeight = model.parameter(named: "output.weight")!
      let outputBias = model.parameter(named: "output.bias")!
      func loss(nudging step: Int, unit: Int, by epsilon: Float) -> Double {
        let record = model.encode(batch)
        model.parameters.withUnsafeBufferPointer { buffer in
          for i in 0..<record.targetLength {
            model.decoderStepForward(
              record, step: i, tokens: [batch.targetIn[i]], parameters: buffer.baseAddress!)
            guard i == step else { continue }
            let state = record.decoderH[0].pointer + (i + 1) * d  // (D), slot i + 1
            state[unit] += epsilon
            for k in 0..<v {
              record.logits.pointer[i * v + k] =
                outputBias[k] + (0..<d).reduce(Float(0)) { $0 + outputWeight[k * d + $1] * state[$1] }
            }
          }
        }
        model.computeLoss(record)
        return record.loss
      }
      for step in [0, 2, trace.targetLength - 1] {
        let epsilon: Float = 1e-2
        let numeric = (0..<d).map { unit in
          (loss(nudging: step, unit: unit, by: epsilon) - loss(nudging: step, unit: unit, by: -epsilon))
            / Double(2 * epsilon)
        }
        let numericNorm = Float(numeric.reduce(0) { $0 + $1 * $1 }.squareRoot())
        XCTAssertEqual(
          trace.decoderGradientNorms[step], numericNorm, accuracy: 2e-3 * max(numericNorm, 1e-2),
          "\(attention) step \(step)")
      }
    }
  }
}
