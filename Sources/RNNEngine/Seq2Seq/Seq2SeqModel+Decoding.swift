import Foundation

/// Decoding without a target: greedy (each step feeds back its argmax) and beam search.
extension Seq2SeqModel {
  /// One decoded output: the symbols before the end symbol and the attention of every step.
  public struct Translation: Sendable, Equatable {
    /// Output ids, without the end id.
    public var tokens: [Int32]
    /// α of each output step over the source positions (the end step included), `[steps][S]`.
    public var alpha: [[Float]]
    /// Σ log p of the chosen symbols (the end symbol included when reached).
    public var logProbability: Double
  }

  /// Greedy decoding of every source in one batch, at most `maxLength` steps each.
  public func greedyDecode(_ sources: [[Int32]], maxLength: Int) -> [Translation] {
    let record = encode(Self.decodingBatch(sources, maxLength: maxLength))
    let (b, v, s) = (record.batchSize, config.targetVocabulary, record.sourceLength)
    var results = sources.map { _ in Translation(tokens: [], alpha: [], logProbability: 0) }
    var finished = [Bool](repeating: false, count: b)
    var tokens = [Int32](repeating: Seq2SeqToken.start, count: b)
    parameters.withUnsafeBufferPointer { buffer in
      for i in 0..<maxLength where finished.contains(false) {
        decoderStepForward(record, step: i, tokens: tokens, parameters: buffer.baseAddress!)
        for row in 0..<b where !finished[row] {
          let logits = record.logits.pointer + (i * b + row) * v
          let choice = Int32(Loss.argmax(logits, count: v))
          results[row].alpha.append(
            Array(UnsafeBufferPointer(start: record.alpha.pointer + (i * b + row) * s, count: sources[row].count)))
          results[row].logProbability += Double(Self.logSoftmax(logits, count: v)[Int(choice)])
          if choice == Seq2SeqToken.end { finished[row] = true } else { results[row].tokens.append(choice) }
          tokens[row] = choice
        }
      }
    }
    return results
  }

  /// Beam search with `beamWidth` hypotheses for one source; width 1 is greedy decoding.
  public func beamDecode(_ source: [Int32], beamWidth: Int, maxLength: Int) -> Translation {
    let k = max(1, beamWidth)
    let record = encode(Self.decodingBatch([[Int32]](repeating: source, count: k), maxLength: maxLength))
    let (v, s, d) = (config.targetVocabulary, record.sourceLength, config.decoderHidden)
    // Only the first hypothesis is alive at the start, so the first step does not pick k copies.
    var beams = (0..<k).map { row in
      (translation: Translation(tokens: [], alpha: [], logProbability: row == 0 ? 0 : -.infinity), finished: false)
    }
    parameters.withUnsafeBufferPointer { buffer in
      for i in 0..<maxLength where beams.contains(where: { !$0.finished && $0.translation.logProbability > -.infinity })
      {
        let tokens = beams.map { $0.translation.tokens.last ?? Seq2SeqToken.start }
        decoderStepForward(record, step: i, tokens: tokens, parameters: buffer.baseAddress!)
        // Candidates in a fixed order (finished beams kept as they are, then parents and symbols by
        // index), so ties resolve like greedy's first argmax.
        var candidates: [(parent: Int, token: Int32?, score: Double)] = []
        for (parent, beam) in beams.enumerated() where beam.translation.logProbability > -.infinity {
          if beam.finished {
            candidates.append((parent, nil, beam.translation.logProbability))
            continue
          }
          let logProbabilities = Self.logSoftmax(record.logits.pointer + (i * k + parent) * v, count: v)
          for token in 0..<v {
            candidates.append((parent, Int32(token), beam.translation.logProbability + Double(logProbabilities[token])))
          }
        }
        let chosen = candidates.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }
          .prefix(k).map(\.element)
        var next = beams
        let slot = (i + 1) * k * d
        let saved = (0..<config.layers).map { (record.decoderH[$0].values, record.decoderC[$0].values) }
        for row in 0..<k {
          guard row < chosen.count else {
            next[row].translation.logProbability = -.infinity
            continue
          }
          let choice = chosen[row]
          var beam = beams[choice.parent]
          if let token = choice.token {
            beam.translation.alpha.append(
              Array(UnsafeBufferPointer(start: record.alpha.pointer + (i * k + choice.parent) * s, count: source.count))
            )
            beam.translation.logProbability = choice.score
            if token == Seq2SeqToken.end { beam.finished = true } else { beam.translation.tokens.append(token) }
          }
          next[row] = beam
          // The new hypothesis continues from its parent's state.
          for layer in 0..<config.layers {
            for j in 0..<d {
              record.decoderH[layer].pointer[slot + row * d + j] = saved[layer].0[slot + choice.parent * d + j]
              if config.cell == .lstm {
                record.decoderC[layer].pointer[slot + row * d + j] = saved[layer].1[slot + choice.parent * d + j]
              }
            }
          }
        }
        beams = next
      }
    }
    return beams.max { $0.translation.logProbability < $1.translation.logProbability }!.translation
  }

  /// A batch for decoding: the sources padded, a target of `maxLength` steps left empty.
  static func decodingBatch(_ sources: [[Int32]], maxLength: Int) -> Seq2SeqBatch {
    let sourceLength = sources.map(\.count).max() ?? 1
    let empty = [Int32](repeating: 0, count: sources.count * maxLength)
    return Seq2SeqBatch(
      source: sources.flatMap { $0 + [Int32](repeating: 0, count: sourceLength - $0.count) },
      sourceLengths: sources.map(\.count), targetIn: empty, targetOut: empty)
  }

  /// log softmax of one row of logits.
  static func logSoftmax(_ logits: UnsafePointer<Float>, count: Int) -> [Float] {
    let maximum = FastMath.maximum(logits, count: count)
    var total: Double = 0
    for j in 0..<count { total += Double(FastMath.exp(logits[j] - maximum)) }
    let logTotal = Float(log(total))
    return (0..<count).map { logits[$0] - maximum - logTotal }
  }
}
