/// An immutable picture of one pane, ready to draw: plain arrays of Float, names as Strings.
public struct LabPaneSnapshot: Sendable {
  /// The pane's label, e.g. `rho=0.9`, `lstm`, `clip=off`, `identity`.
  public var name: String
  /// The recurrent cell it trains.
  public var cell: CellType
  /// Optimizer steps taken.
  public var step: Int
  /// Steps it may take in all.
  public var stepBudget: Int
  /// Training, passed, diverged or finished.
  public var status: LabPaneStatus
  /// Every gradient profile taken, oldest first; the first is at initialisation (step 0).
  public var profiles: [GradientProfile]
  /// Training loss at each step (index i is step i + 1).
  public var loss: [Float]
  /// Accuracy on each step's training batch (index i is step i + 1).
  public var trainingAccuracy: [Float]
  /// Held-out loss and accuracy at step 0 and every `recordEvery` steps.
  public var evaluations: [LabEvaluation]
  /// Steps (1-based) whose gradient was clipped.
  public var clipSteps: [Int]
  /// The pane's clipping threshold; nil when it trains without clipping.
  public var clipThreshold: Float?
  /// Sigmoid-gate saturation on the probe batch at the latest measurement; empty for the plain RNN.
  public var gateSaturation: [GateSaturation]
  /// The first evaluated step whose held-out accuracy reached the pass mark; nil if none has yet.
  public var firstPassedStep: Int?
  /// The model's parameters.
  public var parameterCount = 0
  /// Case correction: the held-out accuracy on capitals at each evaluation (with `evaluations`); empty on recall.
  public var caseEvaluations: [CaseAccuracy] = []
  /// Case correction: the probe as the model restored it at the latest evaluation.
  public var probeOutput: String?
  /// Case correction: the class the model predicts at each probe position, at every evaluation (with `evaluations`).
  public var probePredictions: [[Int]] = []

  /// ‖∂L_T/∂h_t‖ by distance d = T − 1 − t at initialisation.
  public var gradientNormsAtInit: [Float] { profiles.first?.norms ?? [] }
  /// ‖∂L_T/∂h_t‖ by distance at the latest measurement.
  public var gradientNorms: [Float] { profiles.last?.norms ?? [] }
  /// The fitted per-step factor at initialisation.
  public var factorAtInit: Float { profiles.first?.factor ?? .nan }
  /// The fitted per-step factor at the latest measurement.
  public var factor: Float { profiles.last?.factor ?? .nan }
  /// γ·σ_max(W_hh) at initialisation (nil for gated cells).
  public var boundAtInit: Float? { profiles.first?.bound }
  /// γ·σ_max(W_hh) at the latest measurement (nil for gated cells).
  public var bound: Float? { profiles.last?.bound }
  /// Held-out accuracy at each evaluation, oldest first.
  public var accuracyHistory: [Float] { evaluations.map(\.accuracy) }
  /// Held-out loss at each evaluation, oldest first.
  public var heldOutLossHistory: [Float] { evaluations.map(\.loss) }
  /// The steps of `accuracyHistory` and `heldOutLossHistory`.
  public var evaluationSteps: [Int] { evaluations.map(\.step) }
  /// Case correction: the probe's predicted classes at the latest evaluation.
  public var probePrediction: [Int] { probePredictions.last ?? [] }
  /// Case correction: held-out accuracy on capital letters at each evaluation.
  public var capitalAccuracyHistory: [Float] { caseEvaluations.map(\.onCapitals) }
}
