/// The experiments of the lab; each trains several panes side by side. The first four are about
/// vanishing and exploding gradients on recall; `direction` compares reading directions on the case task.
public enum LabExperiment: String, Sendable, Equatable, Codable, CaseIterable {
  /// Tanh RNNs whose W_hh is orthogonal × ρ, one pane per ρ: the gradient shrinks or grows like ρ^distance.
  case scale
  /// Vanilla RNN, LSTM and GRU on the recall task: which architecture keeps the signal alive across the gap.
  case arch
  /// An exploding configuration (identity activation, ρ > 1, SGD) trained without and with gradient clipping.
  case clip
  /// Tanh, ReLU and identity activations on the same orthogonal × ρ W_hh.
  case activation
  /// A unidirectional LSTM against a bidirectional one of the same parameter budget on case correction.
  case direction

  /// One line saying what the experiment shows.
  public var summary: String {
    switch self {
    case .scale: "tanh RNN, W_hh orthogonal × ρ: ‖∂L_T/∂h_t‖ shrinks or grows about ρ per step back"
    case .arch: "RNN vs LSTM vs GRU on recall: does the gradient survive the gap?"
    case .clip: "a linear RNN with W_hh orthogonal × ρ > 1 and plain SGD, without and with gradient clipping"
    case .activation: "tanh vs relu vs identity on the same W_hh: identity is the pure matrix power ρ^d"
    case .direction: "unidirectional vs bidirectional LSTM, same parameters, on case correction: capitals"
    }
  }

  /// Optimizer steps per pane when `--steps` is not given.
  public var defaultSteps: Int {
    switch self {
    case .arch: 20_000
    case .scale, .activation: 2_000
    case .clip: 1_000
    case .direction: 870
    }
  }

  /// The W_hh scales ρ used when `--scales` is not given (the slides' 0.9 and 1.1 for the activation panes).
  public var defaultScales: [Float] {
    switch self {
    case .scale: [0.5, 0.9, 1.0, 1.1, 1.5]
    case .activation: [0.9, 1.1]
    case .clip: [LabExperiment.explodingScale]
    case .arch, .direction: []
    }
  }

  /// Whether the experiment trains on the recall task (the gradient experiments) rather than case correction.
  public var usesRecall: Bool { self != .direction }

  /// The task every pane of `self` trains on: recall with `settings.gap`, or case correction on
  /// the built-in corpus (crops of 10–100 bytes, its default probe).
  func task(_ settings: LabSettings) throws(TaskError) -> any SequenceTask {
    usesRecall ? try RecallTask(config: .init(gap: settings.gap)) : try CaseCorrectionTask(source: .builtin())
  }

  /// The ρ of the clip experiment's exploding W_hh: the slides' 1.1, whose 50th power is 117.
  static let explodingScale: Float = 1.1
}
