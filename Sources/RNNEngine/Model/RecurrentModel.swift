// Dimension legend (used in every shape comment of this module):
//   B  batch size (sequences)          T  timesteps per sequence
//   H  hidden width                    G  gate blocks: 1 RNN, 4 LSTM (i,f,g,o), 3 GRU (r,z,n)
//   I  input width of a layer (features, embedding dim, vocabulary for one-hot, or H above layer 0)
//   V  vocabulary size                 E  embedding dim
//   O  head outputs (classes or regression targets)
//   L  layers
// Internal buffers are time-major `(T, B, ·)`, so each step's rows are one contiguous matrix.

/// A stacked RNN/LSTM/GRU with a linear head, all parameters in one flat buffer.
///
/// Parameters follow PyTorch's names, shapes and gate order (see `ParameterLayout`). Forward
/// returns a `ForwardRecord`; backward writes parameter gradients into `gradients` and returns
/// the per-step gradients the views draw.
public final class RecurrentModel {
  /// Offsets of one layer's tensors in the flat buffer.
  struct LayerOffsets {
    var weightIH: Int  // (G·H, I)
    var weightHH: Int  // (G·H, H)
    var biasIH: Int  // (G·H)
    var biasHH: Int  // (G·H)
  }

  /// The architecture.
  public let config: ModelConfig
  /// Where each named tensor sits in `parameters` and `gradients`.
  public let layout: ParameterLayout
  /// Every parameter, in `layout` order.
  public var parameters: [Float]
  /// dL/dparameters from the last backward pass, same layout as `parameters`.
  public internal(set) var gradients: [Float]

  /// Per recurrence (`ModelConfig.recurrences`: a layer, or one direction of a bidirectional
  /// layer), where its tensors are. The passes' `layer:` arguments index this.
  let layerOffsets: [LayerOffsets]
  let embeddingOffset: Int?  // (V, E)
  let headWeightOffset: Int  // (O, D·H)
  let headBiasOffset: Int  // (O)
  /// Record buffers recycled between training steps.
  let pool = BufferPool()

  /// A model with all parameters zero; use `init(config:initialization:random:)` to train from scratch.
  public init(config: ModelConfig) {
    let layout = ParameterLayout(config: config)
    self.config = config
    self.layout = layout
    parameters = [Float](repeating: 0, count: layout.totalCount)
    gradients = [Float](repeating: 0, count: layout.totalCount)
    layerOffsets = (0..<config.recurrences).map { recurrence in
      let suffix = ParameterLayout.suffix(ofRecurrence: recurrence, config: config)
      return LayerOffsets(
        weightIH: layout.offset(of: "rnn.weight_ih\(suffix)"), weightHH: layout.offset(of: "rnn.weight_hh\(suffix)"),
        biasIH: layout.offset(of: "rnn.bias_ih\(suffix)"), biasHH: layout.offset(of: "rnn.bias_hh\(suffix)"))
    }
    embeddingOffset = layout.entry(named: "embedding.weight")?.offset
    headWeightOffset = layout.offset(of: "head.weight")
    headBiasOffset = layout.offset(of: "head.bias")
  }

  /// The values of the tensor called `name` (row-major), or nil if the model has none.
  public func parameter(named name: String) -> [Float]? {
    guard let entry = layout.entry(named: name) else { return nil }
    return Array(parameters[entry.offset..<(entry.offset + entry.count)])
  }

  /// The gradient of the tensor called `name`, or nil if the model has none.
  public func gradient(named name: String) -> [Float]? {
    guard let entry = layout.entry(named: name) else { return nil }
    return Array(gradients[entry.offset..<(entry.offset + entry.count)])
  }

  /// Overwrites the tensor called `name`; returns false if there is none or the size differs.
  @discardableResult
  public func setParameter(named name: String, to values: [Float]) -> Bool {
    guard let entry = layout.entry(named: name), entry.count == values.count else { return false }
    parameters.replaceSubrange(entry.offset..<(entry.offset + entry.count), with: values)
    return true
  }
}
