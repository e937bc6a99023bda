/// One source decoded greedily with everything the Attention view draws at every output step:
/// the chosen symbol, α over the source, the context c_i and the three likeliest symbols.
public struct Seq2SeqProbe: Sendable, Equatable {
  /// One output step.
  public struct Step: Sendable, Equatable {
    /// The symbol greedy decoding chose (the end id on the last step when it was reached).
    public var token: Int32
    /// α_i over the source positions `(S)`: all zeros without attention.
    public var alpha: [Float]
    /// c_i `(D)`: the same h_n^e at every step without attention.
    public var context: [Float]
    /// The three likeliest symbols and their probabilities, likeliest first.
    public var top: [(token: Int32, probability: Float)]

    /// A step from its parts.
    public init(token: Int32, alpha: [Float], context: [Float], top: [(token: Int32, probability: Float)]) {
      self.token = token
      self.alpha = alpha
      self.context = context
      self.top = top
    }

    public static func == (lhs: Step, rhs: Step) -> Bool {
      lhs.token == rhs.token && lhs.alpha == rhs.alpha && lhs.context == rhs.context
        && lhs.top.map(\.token) == rhs.top.map(\.token) && lhs.top.map(\.probability) == rhs.top.map(\.probability)
    }
  }

  /// The source ids.
  public var source: [Int32]
  /// The output steps, in order (the end step included when reached).
  public var steps: [Step]
  /// The model's attention.
  public var attention: AttentionKind

  /// A probe from its parts.
  public init(source: [Int32], steps: [Step], attention: AttentionKind) {
    self.source = source
    self.steps = steps
    self.attention = attention
  }

  /// The output ids before the end id.
  public var outputTokens: [Int32] { steps.map(\.token).prefix { $0 != Seq2SeqToken.end } }
}

extension Seq2SeqModel {
  /// Greedy decoding of one source (at most `maxLength` steps), keeping α, c_i and the top three
  /// symbols of every step.
  public func probe(_ source: [Int32], maxLength: Int) -> Seq2SeqProbe {
    let record = encode(Self.decodingBatch([source], maxLength: maxLength))
    let (v, s, d) = (config.targetVocabulary, record.sourceLength, config.decoderHidden)
    var steps: [Seq2SeqProbe.Step] = []
    var token = Seq2SeqToken.start
    parameters.withUnsafeBufferPointer { buffer in
      for i in 0..<maxLength {
        decoderStepForward(record, step: i, tokens: [token], parameters: buffer.baseAddress!)
        let logits = record.logits.pointer + i * v  // (V): one row, the batch has one sequence
        let probabilities = Self.logSoftmax(logits, count: v).map { FastMath.exp($0) }
        let ranked = probabilities.indices.sorted { (probabilities[$0], -$0) > (probabilities[$1], -$1) }
        token = Int32(Loss.argmax(logits, count: v))  // exactly greedyDecode's choice
        steps.append(
          Seq2SeqProbe.Step(
            token: token, alpha: Array(UnsafeBufferPointer(start: record.alpha.pointer + i * s, count: source.count)),
            context: Array(UnsafeBufferPointer(start: record.context.pointer + i * d, count: d)),
            top: ranked.prefix(3).map { (Int32($0), probabilities[$0]) }))
        if token == Seq2SeqToken.end { break }
      }
    }
    return Seq2SeqProbe(source: source, steps: steps, attention: config.attention)
  }
}
