/// How tokens or features enter the first recurrent layer.
public enum InputEncoding: Codable, Sendable, Equatable {
  /// Token ids read as one-hot vectors: a column gather of W_ih, never a dense product.
  case oneHot(vocab: Int)
  /// Token ids looked up in a learned `(vocab, dim)` embedding table.
  case embedding(vocab: Int, dim: Int)
  /// Real-valued feature vectors of width `features`.
  case dense(features: Int)

  /// Width of the vectors the first layer's W_ih multiplies (I).
  public var width: Int {
    switch self {
    case .oneHot(let vocab): vocab
    case .embedding(_, let dim): dim
    case .dense(let features): features
    }
  }

  /// Whether the inputs are token ids (one-hot or embedding) rather than features.
  public var usesTokens: Bool {
    if case .dense = self { return false }
    return true
  }

  /// Whether tokens enter as one-hot vectors (no input gradient exists then).
  var isOneHot: Bool {
    if case .oneHot = self { return true }
    return false
  }
}

/// What the linear head on top of the last layer predicts.
public enum HeadKind: String, Codable, Sendable {
  /// Class logits scored with softmax cross-entropy.
  case classifier
  /// Real values scored with mean squared error.
  case regression
}

/// The architecture of a recurrent model: everything needed to lay out its parameters.
public struct ModelConfig: Codable, Sendable, Equatable {
  /// Cell of every layer.
  public var cell: CellType
  /// Input encoding of the first layer.
  public var input: InputEncoding
  /// H, the hidden width of every layer.
  public var hidden: Int
  /// L, the number of stacked layers.
  public var layers: Int
  /// O, the head's output width (classes or regression targets).
  public var outputs: Int
  /// What the head predicts.
  public var head: HeadKind
  /// Whether every layer also reads the sequence right to left, as PyTorch's `bidirectional=True`.
  public var bidirectional: Bool

  /// A configuration; `layers` ≥ 1, all sizes ≥ 1.
  public init(
    cell: CellType, input: InputEncoding, hidden: Int, layers: Int = 1, outputs: Int, head: HeadKind = .classifier,
    bidirectional: Bool = false
  ) {
    precondition(hidden > 0 && layers > 0 && outputs > 0 && input.width > 0, "model sizes must be positive")
    self.cell = cell
    self.input = input
    self.hidden = hidden
    self.layers = layers
    self.outputs = outputs
    self.head = head
    self.bidirectional = bidirectional
  }

  /// D, the reading directions of every layer: 2 when bidirectional, else 1.
  public var directions: Int { bidirectional ? 2 : 1 }
  /// L·D, the recurrences of the stack in PyTorch's h_n order: layer K's forward direction is
  /// recurrence K·D, its reverse direction K·D + 1.
  public var recurrences: Int { layers * directions }
  /// D·H, the width of each layer's outputs: what the layer above and the head read.
  public var outputWidth: Int { directions * hidden }

  /// Width of layer `layer`'s input: the encoding's width for layer 0, D·H above it.
  public func inputWidth(ofLayer layer: Int) -> Int { layer == 0 ? input.width : outputWidth }
}

extension ModelConfig {
  private enum CodingKeys: String, CodingKey {
    case cell, input, hidden, layers, outputs, head, bidirectional
  }

  /// Decodes a configuration; files written before bidirectional models have no `bidirectional` (false).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    cell = try container.decode(CellType.self, forKey: .cell)
    input = try container.decode(InputEncoding.self, forKey: .input)
    hidden = try container.decode(Int.self, forKey: .hidden)
    layers = try container.decode(Int.self, forKey: .layers)
    outputs = try container.decode(Int.self, forKey: .outputs)
    head = try container.decode(HeadKind.self, forKey: .head)
    bidirectional = try container.decodeIfPresent(Bool.self, forKey: .bidirectional) ?? false
  }

  /// Encodes a configuration; `bidirectional` only when true, so unidirectional files stay as they were.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(cell, forKey: .cell)
    try container.encode(input, forKey: .input)
    try container.encode(hidden, forKey: .hidden)
    try container.encode(layers, forKey: .layers)
    try container.encode(outputs, forKey: .outputs)
    try container.encode(head, forKey: .head)
    if bidirectional { try container.encode(bidirectional, forKey: .bidirectional) }
  }
}
