import Foundation

@testable import RNNEngine
@testable import Scope

/// A traced pair with hand-made, exactly reproducible numbers: "abcdef" reversed by a GRU (H = 8),
/// α peaked on the anti-diagonal, one wrong prediction at step 4, and encoder gradients that fade
/// with distance from the end through the final state but stay level through attention.
enum Seq2SeqSceneFixture {
  static let letters = (0..<26).map { String(UnicodeScalar(UInt8(97 + $0))) }
  static let vocabulary = Seq2SeqVocabulary(source: letters, target: letters)
  static let source = "abcdef"
  /// The step whose prediction is wrong (`z` instead of `c`).
  static let wrongStep = 3

  static func scene(
    attention: AttentionKind = .dot, bidirectional: Bool = false, cell: CellType = .gru
  ) -> Seq2SeqScene {
    let hidden = 8
    let d = bidirectional ? 2 * hidden : hidden
    let ids = try! vocabulary.encodeSource(source)
    let target = try! vocabulary.encodeTarget(String(source.reversed()))
    let (s, t) = (ids.count, target.count + 1)
    let config = Seq2SeqConfig(
      cell: cell, sourceVocabulary: vocabulary.sourceSize, targetVocabulary: vocabulary.targetSize, embedding: 3,
      hidden: hidden, bidirectional: bidirectional, attention: attention)
    func values(_ rows: Int, _ width: Int, _ value: (Int, Int) -> Float) -> StepValues {
      StepValues((0..<rows).map { row in (0..<width).map { value(row, $0) } })
    }
    func recurrence(layer: Int, reversed: Bool, length: Int, width: Int, phase: Float) -> Seq2SeqTrace.Recurrence {
      let gates = cell.gateNames.enumerated().map { block, name in
        Trace.GateTrace(
          name: name,
          values: values(length, width) { j, u in
            let wave = sin(phase + 0.6 * Float(j) + 0.9 * Float(u) + Float(block))
            return Theme.colorMap(ofGate: name) == .viridis ? 0.5 + 0.49 * wave : 0.95 * wave
          })
      }
      return Seq2SeqTrace.Recurrence(
        layer: layer, reversed: reversed,
        h: values(length, width) { j, u in 0.9 * sin(phase + 0.7 * Float(j) + 0.3 * Float(u)) },
        c: cell == .lstm ? values(length, width) { j, u in 1.5 * cos(phase + 0.4 * Float(j) + 0.5 * Float(u)) } : [],
        gates: gates)
    }
    let encoder = (0..<(bidirectional ? 2 : 1)).map {
      recurrence(layer: 0, reversed: $0 == 1, length: s, width: hidden, phase: Float($0))
    }
    let outputs = StepValues((0..<s).map { j in encoder.flatMap { Array($0.h[j]) } })
    let bridge = StepValues([Array(encoder[0].h[s - 1]) + (bidirectional ? Array(encoder[1].h[0]) : [])])
    let decoder = [recurrence(layer: 0, reversed: false, length: t, width: d, phase: 2)]
    let alpha = values(t, s) { i, j in
      guard attention != .none else { return 0 }
      return j == (i < s ? s - 1 - i : 0) ? 0.9 : 0.1 / Float(s - 1)
    }
    let context =
      attention == .none
      ? StepValues(Array(repeating: Array(bridge[0]), count: t))
      : values(t, d) { i, k in (0..<s).reduce(0) { $0 + alpha[i][$1] * outputs[$1][k] } }
    let targetOut = target + [Seq2SeqToken.end]
    let top = (0..<t).map { i -> [Trace.TokenProbability] in
      let first = i == wrongStep ? Int(try! vocabulary.encodeTarget("z")[0]) : Int(targetOut[i])
      let (x, y) = (Int(try! vocabulary.encodeTarget("x")[0]), Int(try! vocabulary.encodeTarget("y")[0]))
      return [.init(id: first, probability: 0.81), .init(id: x, probability: 0.12), .init(id: y, probability: 0.04)]
    }
    let stepLoss = (0..<t).map { i in i == wrongStep ? Float(-log(0.05)) : Float(-log(0.81)) }
    let throughFinal = (0..<s).map { j in 0.3 * Float(pow(0.4, Double(s - 1 - j))) }
    let throughAttention = (0..<s).map { j in attention == .none ? 0 : 0.05 * (1 + 0.1 * Float(j)) }
    let gradients = Seq2SeqModel.EncoderGradientNorms(
      total: zip(throughAttention, throughFinal).map { ($0 * $0 + $1 * $1).squareRoot() },
      throughAttention: throughAttention, throughFinalState: throughFinal)
    let trace = Seq2SeqTrace(
      config: config, source: ids, targetIn: [Seq2SeqToken.start] + target, targetOut: targetOut,
      encoder: encoder, encoderOutputs: outputs, bridge: bridge, bridgeCell: [], decoder: decoder, alpha: alpha,
      context: context, top: top, stepLoss: stepLoss, loss: stepLoss.reduce(0, +) / Float(t),
      encoderGradients: gradients,
      decoderGradients: values(t, d) { i, u in 0.02 * Float(i + 1) * sin(Float(u) + 1) })
    return Seq2SeqScene(trace: trace, vocabulary: vocabulary)
  }
}
