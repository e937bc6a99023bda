import RNNEngine

/// What the Attention view draws, as symbols: one source decoded greedily, with α, c_i and the top
/// three symbols of every output step, and the target it should have produced.
public struct AttentionPicture: Sendable {
  /// The source symbols, one per position.
  public var source: [String]
  /// The symbol each output step chose (`$` for the end symbol).
  public var output: [String]
  /// The target's symbols (without the end symbol), when known.
  public var target: [String]?
  /// α of each output step over the source positions `[steps][S]`.
  public var alpha: [[Float]]
  /// c_i of each output step `[steps][D]`.
  public var contexts: [[Float]]
  /// The three likeliest symbols of each step with their probabilities.
  public var top: [[(symbol: String, probability: Float)]]
  /// ‖∂ logit_{k_i}(i) / ∂e_j‖ of each output step, each row scaled to its largest `[steps][S]`;
  /// nil when not computed.
  public var connectivity: [[Float]]?
  /// The model's attention (`none`: every step gets the same context).
  public var attention: AttentionKind
  /// One line describing the model, e.g. `GRU H=64 E=16 · dot`.
  public var model: String

  /// How the end symbol is written.
  public static let endSymbol = "$"

  /// The picture of `probe`, a greedy decoding of `sourceText` by a model of `config`, with the
  /// connectivity of the same output (teacher forced) when given.
  public init(
    probe: Seq2SeqProbe, config: Seq2SeqConfig, vocabulary: Seq2SeqVocabulary, sourceText: String, target: String?,
    connectivity: Seq2SeqConnectivity? = nil
  ) {
    func symbol(_ id: Int32) -> String { id == Seq2SeqToken.end ? Self.endSymbol : vocabulary.targetSymbol(id) }
    source = sourceText.map(String.init)
    output = probe.steps.map { symbol($0.token) }
    self.target = target.map { $0.map(String.init) }
    alpha = probe.steps.map(\.alpha)
    contexts = probe.steps.map(\.context)
    top = probe.steps.map { step in step.top.map { (symbol($0.token), $0.probability) } }
    self.connectivity = connectivity.map { Array($0.normalisedRows.prefix(probe.steps.count)) }
    attention = probe.attention
    model = Self.describe(config)
  }

  /// One line describing a model of `config`, e.g. `GRU H=64 E=16 · attention dot`.
  public static func describe(_ config: Seq2SeqConfig) -> String {
    let cell = config.cell == .rnnTanh ? "RNN" : config.cell.rawValue.uppercased()
    return
      "\(cell) H=\(config.hidden)\(config.bidirectional ? " bidirectional" : "") E=\(config.embedding) · attention \(config.attention.rawValue)"
  }

  /// Whether output step `step` has the target's symbol there (the end step must end the target); nil without a target.
  public func isRight(step: Int) -> Bool? {
    guard let target, step < output.count else { return nil }
    return step < target.count ? output[step] == target[step] : step == target.count && output[step] == Self.endSymbol
  }

  /// Whether the whole output equals the target; nil without a target.
  public var isExact: Bool? {
    guard let target else { return nil }
    return output == target + [Self.endSymbol]
  }
}
