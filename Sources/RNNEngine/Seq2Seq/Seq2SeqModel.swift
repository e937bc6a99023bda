/// An encoder–decoder with attention, exactly the reference's `Seq2Seq` module (PyTorch names,
/// gate orders and equations), its parameters in one flat buffer for the optimisers.
///
///     encoder:  e = src_embedding(src) → RecurrentStack (own length per sequence) → h^e (S, B, D)
///     bridge:   h_0^d of layer K = final encoder state of layer K (both directions concatenated)
///     decoder:  s = h_{i−1}^d (top layer);  α_i = softmax_j score(s, h_j^e);  c_i = Σ_j α_ij h_j^e
///               h_i^d = cell(concat(tgt_embedding(y_{i−1}), c_i), h_{i−1}^d);  logits_i = output(h_i^d)
public final class Seq2SeqModel: @unchecked Sendable {
  /// The model's shape.
  public let config: Seq2SeqConfig
  /// Names, shapes and offsets of every tensor in `parameters`.
  public let table: ParameterTable
  /// All weights, in the table's order.
  public var parameters: [Float]
  /// dL/dparameters of the last backward pass, same layout.
  public var gradients: [Float]

  let encoder: RecurrentStack
  /// The decoder's tensors (run one step at a time by `Seq2SeqModel+Decoder`, never as a whole stack).
  let decoder: RecurrentStack
  let sourceEmbedding: Int  // (V_src, E)
  let targetEmbedding: Int  // (V_tgt, E)
  let attentionOffsets: AttentionOffsets
  let outputWeight: Int  // (V_tgt, D)
  let outputBias: Int  // (V_tgt)

  /// Offsets of the attention's tensors (unused ones are −1).
  struct AttentionOffsets {
    var keyWeight = -1  // (D, D): general's W, additive's W_h
    var queryWeight = -1  // (D, D): additive's W_s
    var scoreWeight = -1  // (1, D): additive's v
  }

  /// A model with PyTorch's default initialisation drawn from `seed`: recurrent weights and the
  /// output head uniform ±1/√fan, embeddings N(0, 1).
  public init(config: Seq2SeqConfig, seed: UInt64 = 1) {
    self.config = config
    let d = config.decoderHidden
    var table = ParameterTable()
    sourceEmbedding = table.add("src_embedding.weight", shape: [config.sourceVocabulary, config.embedding])
    encoder = RecurrentStack(
      cell: config.cell, inputWidth: config.embedding, hidden: config.hidden, layers: config.layers,
      bidirectional: config.bidirectional, prefix: "encoder.", table: &table)
    targetEmbedding = table.add("tgt_embedding.weight", shape: [config.targetVocabulary, config.embedding])
    decoder = RecurrentStack(
      cell: config.cell, inputWidth: config.embedding + d, hidden: d, layers: config.layers, bidirectional: false,
      prefix: "decoder.", table: &table)
    var attention = AttentionOffsets()
    switch config.attention {
    case .none, .dot: break
    case .general:
      attention.keyWeight = table.add("attention.weight", shape: [d, d])
    case .additive:
      attention.queryWeight = table.add("attention.query.weight", shape: [d, d])
      attention.keyWeight = table.add("attention.key.weight", shape: [d, d])
      attention.scoreWeight = table.add("attention.score.weight", shape: [1, d])
    }
    attentionOffsets = attention
    outputWeight = table.add("output.weight", shape: [config.targetVocabulary, d])
    outputBias = table.add("output.bias", shape: [config.targetVocabulary])
    self.table = table
    parameters = [Float](repeating: 0, count: table.count)
    gradients = [Float](repeating: 0, count: table.count)
    var random = SeededRandom(seed: seed)
    for entry in table.entries {
      let isEmbedding = entry.name.hasSuffix("embedding.weight")
      let fanIn =
        entry.name.hasPrefix("encoder.") ? config.hidden : entry.name.hasPrefix("decoder.") ? d : entry.shape.last!
      let bound = 1 / Float(fanIn).squareRoot()
      for index in entry.offset..<(entry.offset + entry.count) {
        parameters[index] = isEmbedding ? random.normal() : random.uniform(-bound, bound)
      }
    }
  }

  /// The tensor called `name` (a PyTorch state-dict name), or nil.
  public func parameter(named name: String) -> [Float]? {
    table.entry(named: name).map { Array(parameters[$0.offset..<($0.offset + $0.count)]) }
  }

  /// The gradient of the tensor called `name`, or nil.
  public func gradient(named name: String) -> [Float]? {
    table.entry(named: name).map { Array(gradients[$0.offset..<($0.offset + $0.count)]) }
  }

  /// Overwrites the tensor called `name`; false if there is none or `values` has the wrong size.
  @discardableResult
  public func setParameter(named name: String, to values: [Float]) -> Bool {
    guard let entry = table.entry(named: name), entry.count == values.count else { return false }
    parameters.replaceSubrange(entry.offset..<(entry.offset + entry.count), with: values)
    return true
  }

  /// Global L2 norm of the gradients (accumulated in Double).
  public var gradientNorm: Float { GradientClipping.norm(of: gradients) }

  /// Scales the gradients to norm `maxNorm` when above it, like `torch.nn.utils.clip_grad_norm_`.
  @discardableResult
  public func clipGradients(maxNorm: Float) -> ClipResult { GradientClipping.clip(&gradients, maxNorm: maxNorm) }
}
