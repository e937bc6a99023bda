/// Where each named tensor lives in the model's single flat parameter buffer.
///
/// Names and shapes follow PyTorch's `state_dict` (`rnn.weight_ih_l0` is `(G·H, I)`), so a
/// checkpoint maps one to one; the order is the order of the buffer.
public struct ParameterLayout: Sendable, Equatable {
  /// One named tensor: its shape (row-major) and its slice of the flat buffer.
  public struct Entry: Sendable, Equatable {
    /// PyTorch state_dict name, e.g. `rnn.weight_hh_l1`.
    public var name: String
    /// Row-major shape, e.g. `[4 * H, H]`.
    public var shape: [Int]
    /// First index in the flat buffer.
    public var offset: Int
    /// Number of elements (product of the shape).
    public var count: Int
  }

  /// Every tensor, in buffer order.
  public private(set) var entries: [Entry] = []
  /// Total number of parameters.
  public private(set) var totalCount = 0

  /// The layout of a model with this configuration.
  public init(config: ModelConfig) {
    let gateRows = config.cell.gateCount * config.hidden
    if case .embedding(let vocab, let dim) = config.input {
      append("embedding.weight", [vocab, dim])
    }
    for recurrence in 0..<config.recurrences {
      let layer = recurrence / config.directions
      let suffix = Self.suffix(ofRecurrence: recurrence, config: config)
      append("rnn.weight_ih\(suffix)", [gateRows, config.inputWidth(ofLayer: layer)])
      append("rnn.weight_hh\(suffix)", [gateRows, config.hidden])
      append("rnn.bias_ih\(suffix)", [gateRows])
      append("rnn.bias_hh\(suffix)", [gateRows])
    }
    append("head.weight", [config.outputs, config.outputWidth])
    append("head.bias", [config.outputs])
  }

  /// PyTorch's name suffix of recurrence `recurrence` (see `ModelConfig.recurrences`): `_l1`, or
  /// `_l1_reverse` for a bidirectional layer's right-to-left direction.
  static func suffix(ofRecurrence recurrence: Int, config: ModelConfig) -> String {
    let layer = recurrence / config.directions
    return recurrence % config.directions == 1 ? "_l\(layer)_reverse" : "_l\(layer)"
  }

  /// The entry called `name`, if there is one.
  public func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

  /// Offset of a tensor every layout of this configuration has; traps on a misspelt name.
  func offset(of name: String) -> Int {
    guard let entry = entry(named: name) else { preconditionFailure("no parameter named \(name)") }
    return entry.offset
  }

  private mutating func append(_ name: String, _ shape: [Int]) {
    let count = shape.reduce(1, *)
    entries.append(Entry(name: name, shape: shape, offset: totalCount, count: count))
    totalCount += count
  }
}
