/// A recurrent character model recognised in a PyTorch `state_dict` saved as safetensors,
/// with its tensors renamed to the names the engine's model uses.
///
/// Recognised layout (any module prefixes, e.g. `rnn.`, `lstm.`, `model.encoder.rnn.`):
/// - recurrent layer k: `<rec>.weight_ih_l<k>` (G*H, in), `<rec>.weight_hh_l<k>` (G*H, H),
///   `<rec>.bias_ih_l<k>` (G*H), `<rec>.bias_hh_l<k>` (G*H), with G = 1 (RNN), 3 (GRU), 4 (LSTM);
/// - optionally an embedding `<emb>.weight` (V, E) with E = layer 0's input size and no bias;
///   without one the input is one-hot over `in` symbols;
/// - an output layer `<out>.weight` (O, H) with `<out>.bias` (O);
/// - bidirectional modules too: each layer's keys again with the suffix `_reverse`, layer k > 0
///   reading 2H inputs and the output layer `(O, 2H)`.
/// This type is independent of the engine's model: it only finds, checks and renames tensors.
public struct ImportedRecurrentModel: Sendable {
  /// The recurrent cell, named as the engine names it (`rawValue`).
  public enum Cell: String, Sendable, CaseIterable {
    case rnnTanh = "rnn_tanh"
    case rnnRelu = "rnn_relu"
    case lstm
    case gru

    /// Rows of `weight_hh` per hidden unit: PyTorch stacks the gates (`[i; f; g; o]`, `[r; z; n]`).
    public var gateCount: Int {
      switch self {
      case .rnnTanh, .rnnRelu: 1
      case .lstm: 4
      case .gru: 3
      }
    }
  }

  /// How input symbols reach the first layer.
  public enum Input: Sendable, Equatable {
    /// One-hot vectors over `vocabulary` symbols (no embedding table).
    case oneHot(vocabulary: Int)
    /// Rows of a `(vocabulary, dimension)` embedding table.
    case embedding(vocabulary: Int, dimension: Int)

    /// Number of input symbols.
    public var vocabulary: Int {
      switch self {
      case .oneHot(let vocabulary), .embedding(let vocabulary, _): vocabulary
      }
    }
  }

  /// Choices the file cannot settle by itself; nil prefixes are inferred from names and shapes.
  public struct Options: Sendable, Equatable {
    /// Module prefix of the recurrent weights, e.g. `lstm` (nil: the only one found).
    public var recurrentPrefix: String?
    /// Module prefix of the embedding, e.g. `encoder` (nil: found by shape, or none).
    public var embeddingPrefix: String?
    /// Module prefix of the output layer, e.g. `decoder` (nil: found by shape).
    public var outputPrefix: String?
    /// The cell for single-gate weights, which PyTorch saves the same for tanh and ReLU RNNs.
    public var plainRNNCell: Cell

    /// Options; all inferred by default, with tanh for plain RNNs as PyTorch's default.
    public init(
      recurrentPrefix: String? = nil, embeddingPrefix: String? = nil, outputPrefix: String? = nil,
      plainRNNCell: Cell = .rnnTanh
    ) {
      self.recurrentPrefix = recurrentPrefix
      self.embeddingPrefix = embeddingPrefix
      self.outputPrefix = outputPrefix
      self.plainRNNCell = plainRNNCell
    }
  }

  /// A tensor under its canonical engine name, row-major.
  public struct NamedTensor: Sendable, Equatable {
    /// Canonical name: `embedding.weight`, `rnn.weight_ih_l0`, ..., `head.weight`, `head.bias`.
    public let name: String
    /// Dimensions.
    public let shape: [Int]
    /// Values as Float32.
    public let values: [Float]
  }

  /// The recurrent cell.
  public let cell: Cell
  /// Number of stacked recurrent layers.
  public let layers: Int
  /// Whether every layer also reads right to left (keys ending in `_reverse`).
  public let bidirectional: Bool
  /// Hidden size H.
  public let hidden: Int
  /// One-hot or embedding input, with the vocabulary size.
  public let input: Input
  /// Output size O (logits per step).
  public let outputs: Int
  /// Module prefix of the recurrent weights in the file ("" when the keys have none).
  public let recurrentPrefix: String
  /// Module prefix of the embedding in the file, nil for one-hot input.
  public let embeddingPrefix: String?
  /// Module prefix of the output layer in the file.
  public let outputPrefix: String
  /// Whether the file had no recurrent biases (PyTorch `bias=False`); the canonical biases are then zeros.
  public let biasesWereMissing: Bool
  /// Keys of the file that are not part of the model (e.g. buffers), for the user to see.
  public let unusedKeys: [String]
  /// Every parameter in canonical order: embedding, then per layer (and direction) `weight_ih,
  /// weight_hh, bias_ih, bias_hh`, then head.
  public let tensors: [NamedTensor]
}
