// Connectivity of an encoder–decoder (Madsen 2019, for seq2seq): how strongly each output symbol
// depends on each source symbol, beside α, where the decoder says it looks.
//
//   connectivity(i, j) = ‖∂ logit_{k_i}(i) / ∂e_j‖₂     k_i = targetOut[i], e_j = src_embedding(x_j)
//
// The backward pass is linear in its seed, so one pass answers every output step at once when
// each step gets a batch row of its own: row i is a copy of the pair whose dLogits is one-hot at
// (step i, symbol k_i), and dL/de of row i is the gradient of that one logit alone.

/// ‖∂ logit_{k_i}(i) / ∂e_j‖ of one teacher-forced pair, and α of the same forward pass.
public struct Seq2SeqConnectivity: Sendable, Equatable {
  /// `[T][S]`: output step i (predicting `targetOut[i]`, the end symbol last) against source position j.
  public var norms: [[Float]]
  /// α `[T][S]` of the same pass (all zeros without attention).
  public var alpha: [[Float]]

  /// A connectivity from its parts.
  public init(norms: [[Float]], alpha: [[Float]]) {
    self.norms = norms
    self.alpha = alpha
  }

  /// Each row divided by its largest value (0…1), to draw beside α; an all-zero row stays zero.
  public var normalisedRows: [[Float]] {
    norms.map { row in
      let largest = row.max() ?? 0
      return largest > 0 ? row.map { $0 / largest } : row
    }
  }

  /// Per output step, whether connectivity's strongest source position is α's strongest.
  public var argmaxAgrees: [Bool] {
    zip(norms, alpha).map { Self.argmax($0) == Self.argmax($1) }
  }

  /// The share of output steps whose two argmaxes agree (0…1).
  public var agreement: Double {
    let agrees = argmaxAgrees
    return agrees.isEmpty ? 0 : Double(agrees.filter { $0 }.count) / Double(agrees.count)
  }

  /// The mean over output steps of Spearman's rank correlation between a row of α and the same row
  /// of connectivity; nil with fewer than two source positions or no step whose α varies.
  public var meanRankCorrelation: Double? {
    let values = zip(norms, alpha).compactMap { Self.rankCorrelation($0, $1) }
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }

  /// The first index of the largest value.
  public static func argmax(_ row: [Float]) -> Int {
    row.indices.max { (row[$0], -$0) < (row[$1], -$1) } ?? 0
  }

  /// Spearman's ρ (the Pearson correlation of the ranks, ties sharing their mean rank); nil when
  /// either row is constant.
  static func rankCorrelation(_ a: [Float], _ b: [Float]) -> Double? {
    guard a.count == b.count, a.count >= 2 else { return nil }
    let (x, y) = (ranks(a), ranks(b))
    let (meanX, meanY) = (x.reduce(0, +) / Double(x.count), y.reduce(0, +) / Double(y.count))
    var (covariance, varianceX, varianceY) = (0.0, 0.0, 0.0)
    for (u, v) in zip(x, y) {
      covariance += (u - meanX) * (v - meanY)
      varianceX += (u - meanX) * (u - meanX)
      varianceY += (v - meanY) * (v - meanY)
    }
    guard varianceX > 0, varianceY > 0 else { return nil }
    return covariance / (varianceX * varianceY).squareRoot()
  }

  /// 1-based ranks of `values`, ties given the mean of the ranks they share.
  static func ranks(_ values: [Float]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
      for position in start...end { result[order[position]] = Double(start + end) / 2 + 1 }
      start = end + 1
    }
    return result
  }
}

extension Seq2SeqModel {
  /// ‖∂ logit_{k_i}(i) / ∂e_j‖ for `source → target` (ids without start and end) under teacher
  /// forcing, k_i the symbol step i must predict; one forward and one backward pass (a batch row per
  /// output step). Leaves `gradients` unchanged.
  public func connectivity(source: [Int32], target: [Int32]) -> Seq2SeqConnectivity {
    precondition(!source.isEmpty, "the source needs a symbol")
    let saved = gradients
    defer { gradients = saved }
    let steps = target.count + 1  // T: the target, then the end symbol
    let pairs = [(source: [Int32], target: [Int32])](repeating: (source, target), count: steps)
    let batch = Seq2SeqBatch(pairs: pairs)
    let record = forward(batch)
    let (s, b, e, v) = (record.sourceLength, record.batchSize, config.embedding, config.targetVocabulary)
    // dLogits (T, B, V): row i is one-hot at step i on the symbol it must predict, zero elsewhere.
    let dLogits = FloatBuffer(steps * b * v)
    for i in 0..<steps {
      dLogits.pointer[(i * b + i) * v + Int(batch.targetOut[i * steps + i])] = 1
    }
    let dSource = backward(record, dLogits: dLogits).sourceEmbedded  // (S, B, E)
    let norms = (0..<steps).map { i in
      (0..<s).map { j in FastMath.sumOfSquares(dSource.withBase { $0 + (j * b + i) * e }, count: e).squareRoot() }
    }
    let alpha = record.alpha.values  // (T, B, S): every row holds the same α
    let alphaRows = (0..<steps).map { i in Array(alpha[((i * b) * s)..<((i * b + 1) * s)]) }
    return Seq2SeqConnectivity(norms: norms, alpha: alphaRows)
  }
}
