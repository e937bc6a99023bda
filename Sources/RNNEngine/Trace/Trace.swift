/// What the views draw for one sequence of a probe batch: states, gates, gradients and stability measures.
///
/// Per-step values are indexed `[step][unit]` (`StepValues`); step t is the t-th input (0-based), h after it.
public struct Trace: Sendable {
  /// A class id and its softmax probability.
  public struct TokenProbability: Sendable, Equatable {
    /// Class (token) id.
    public var id: Int
    /// softmax probability.
    public var probability: Float
  }

  /// One gate's post-activation values at every step.
  public struct GateTrace: Sendable {
    /// Gate name (`i`, `f`, `g`, `o`, `r`, `z`, `n`, or `h` for the plain RNN).
    public var name: String
    /// `[T][H]` activations.
    public var values: StepValues
  }

  /// One layer's view of the sequence.
  public struct LayerTrace: Sendable {
    /// h_t after each step, `[T][H]`.
    public var h: StepValues
    /// c_t after each step (LSTM), `[T][H]`; empty otherwise.
    public var c: StepValues
    /// Every gate, in `CellType.gateNames` order.
    public var gates: [GateTrace]
    /// Total dL/dh_t, `[T][H]`.
    public var dh: StepValues
    /// Total dL/dc_t (LSTM), `[T][H]`; empty otherwise.
    public var dc: StepValues
    /// ‖∂h_t/∂h_{t−1}‖₂ at each step (spectral norm of the true H×H step Jacobian), `[T]`.
    public var jacobianNorm: [Float]
    /// σ_max of the whole W_hh `(G·H, H)`.
    public var recurrentSpectralNorm: Float
    /// γ, the activation derivative bound (‖∂h_t/∂h_{t−1}‖ ≤ γ σ_max(W_hh) for the plain RNN).
    public var derivativeBound: Float
    /// ‖∂L_T/∂h_t‖: the last scored step's loss alone, backpropagated through the true Jacobians, `[T]`.
    public var lastStepGradientNorms: [Float] = []
  }

  /// A tensor name and the L2 norm of its gradient.
  public struct NamedNorm: Sendable, Equatable {
    /// PyTorch state_dict name.
    public var name: String
    /// ‖∂L/∂tensor‖₂.
    public var norm: Float
  }

  /// Architecture of the traced model.
  public var config: ModelConfig
  /// Which sequence of the probe batch this is.
  public var sequence: Int
  /// T.
  public var length: Int
  /// Input token ids `[T]` (empty for dense inputs).
  public var inputTokens: [Int32]
  /// One per recurrence (`ModelConfig.recurrences`), bottom first: a bidirectional layer's forward
  /// direction, then its reverse one. Every step is a position in the sequence: a reverse
  /// direction's h at step t is its state after reading positions T−1 down to t, its Jacobian
  /// norm ‖∂h_t/∂h_{t+1}‖.
  public var layers: [LayerTrace]
  /// Top-3 softmax predictions: one list per step for per-step targets, one for last-step targets, none for regression.
  public var topK: [[TokenProbability]]
  /// Loss at each step (nil where the step is not scored).
  public var stepLoss: [Float?]
  /// Gradient norm of every parameter tensor, in layout order.
  public var parameterGradientNorms: [NamedNorm]
  /// The head's outputs at the scored step for a regression head, `(O)`; empty for classifiers.
  public var regressionOutputs: [Float] = []
}
