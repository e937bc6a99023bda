/// What one pane of an experiment trains: its cell, initialisation and optimizer.
public struct LabPaneSpec: Sendable, Equatable {
  /// The pane's label, e.g. `rho=0.9`, `lstm`, `clip=off`, `identity`.
  public var name: String
  /// The recurrent cell.
  public var cell: CellType
  /// How W_hh (and the LSTM forget bias) start.
  public var initialization: InitOptions
  /// Update rule.
  public var optimizer: TrainingConfig.OptimizerKind
  /// Step size.
  public var learningRate: Float
  /// Global gradient-norm threshold; nil trains without clipping.
  public var clip: Float?
  /// Hidden units, when not the settings' (a unidirectional pane given the bidirectional one's budget).
  public var hidden: Int? = nil
  /// Whether every layer also reads right to left.
  public var bidirectional = false
}

extension LabExperiment {
  /// The SGD step size of the clip experiment: one unclipped exploding gradient step at this rate wrecks the weights.
  static let explodingLearningRate: Float = 0.1

  /// The panes `self` trains with `settings`, in display order.
  public func panes(_ settings: LabSettings) -> [LabPaneSpec] {
    let scales = settings.scales(for: self)
    func orthogonal(_ cell: CellType, _ scale: Float, name: String) -> LabPaneSpec {
      LabPaneSpec(
        name: name, cell: cell, initialization: InitOptions(recurrent: .orthogonal(scale: scale)), optimizer: .adam,
        learningRate: settings.learningRate, clip: settings.clip)
    }
    switch self {
    case .scale:
      return scales.map { orthogonal(.rnnTanh, $0, name: "rho=\(label($0))") }
    case .arch:
      return [(CellType.rnnTanh, "rnn"), (.lstm, "lstm"), (.gru, "gru")].map { cell, name in
        LabPaneSpec(
          name: name, cell: cell, initialization: InitOptions(forgetBias: cell == .lstm ? settings.forgetBias : nil),
          optimizer: .adam, learningRate: settings.learningRate, clip: settings.clip)
      }
    case .clip:
      let scale = scales.first ?? Self.explodingScale
      return [nil, settings.clip].map { clip in
        LabPaneSpec(
          name: "clip=\(clip.map(label) ?? "off")", cell: .rnnLinear,
          initialization: InitOptions(recurrent: .orthogonal(scale: scale)), optimizer: .sgd,
          learningRate: Self.explodingLearningRate, clip: clip)
      }
    case .activation:
      let activations: [(CellType, String)] = [(.rnnTanh, "tanh"), (.rnnRelu, "relu"), (.rnnLinear, "identity")]
      return scales.flatMap { scale in
        activations.map { cell, name in
          orthogonal(cell, scale, name: scales.count == 1 ? name : "\(name)/rho=\(label(scale))")
        }
      }
    case .direction:
      // The unidirectional LSTM gets the width whose parameter count is closest to the bidirectional one's.
      let matched = Self.matchedUnidirectionalHidden(hidden: settings.hidden)
      return [(matched, false, "uni-lstm\(matched)"), (settings.hidden, true, "bi-lstm\(settings.hidden)")].map {
        hidden, bidirectional, name in
        LabPaneSpec(
          name: name, cell: .lstm, initialization: InitOptions(), optimizer: .adam,
          learningRate: settings.learningRate, clip: nil, hidden: hidden, bidirectional: bidirectional)
      }
    }
  }

  /// The parameter count of a one-layer LSTM on the case task (one-hot bytes in, 256 classes out).
  static func caseParameterCount(hidden: Int, bidirectional: Bool) -> Int {
    ParameterLayout(
      config: ModelConfig(
        cell: .lstm, input: .oneHot(vocab: 256), hidden: hidden, outputs: 256, bidirectional: bidirectional)
    ).totalCount
  }

  /// H of the unidirectional LSTM whose parameter count is closest to a bidirectional LSTM-`hidden`'s
  /// (59 for 32: 90,172 against 90,880).
  static func matchedUnidirectionalHidden(hidden: Int) -> Int {
    let budget = caseParameterCount(hidden: hidden, bidirectional: true)
    return (hidden...(4 * hidden)).min { a, b in
      abs(caseParameterCount(hidden: a, bidirectional: false) - budget)
        < abs(caseParameterCount(hidden: b, bidirectional: false) - budget)
    } ?? hidden
  }
}

/// A number as a short pane label: `1` for 1.0, `0.9` for 0.9.
private func label(_ value: Float) -> String {
  value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
}
