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

  /// A configuration; `layers` ≥ 1, all sizes ≥ 1.
  public init(
    cell: CellType, input: InputEncoding, hidden: Int, layers: Int = 1, outputs: Int, head: HeadKind = .classifier
  ) {
    precondition(hidden > 0 && layers > 0 && outputs > 0 && input.width > 0, "model sizes must be positive")
    self.cell = cell
    self.input = input
    self.hidden = hidden
    self.layers = layers
    self.outputs = outputs
    self.head = head
  }

  /// Width of layer `layer`'s input: the encoding's width for layer 0, H above it.
  public func inputWidth(ofLayer layer: Int) -> Int { layer == 0 ? input.width : hidden }
}
