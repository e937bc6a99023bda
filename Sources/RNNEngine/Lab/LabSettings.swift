/// The knobs of a lab run: the recall task's gap, the training set-up shared by every pane, and the schedule.
public struct LabSettings: Sendable, Equatable, Codable {
  /// Distractors between payload and query in the recall task (sequences have gap + 2 steps).
  public var gap: Int
  /// Optimizer steps per pane; nil uses the experiment's default.
  public var steps: Int?
  /// W_hh scales ρ for the scale, activation and clip experiments; nil uses the experiment's default.
  public var scales: [Float]?
  /// LSTM forget-gate bias (arch experiment); nil keeps PyTorch's default draw.
  public var forgetBias: Float?
  /// Seed of the initial weights and of the batch stream (the same in every pane).
  public var seed: UInt64
  /// Hidden units H.
  public var hidden: Int
  /// Measure the gradient profile and evaluate the held-out set every this many steps.
  public var recordEvery: Int
  /// Sequences per batch B.
  public var batchSize: Int
  /// Adam's step size (the clip experiment's exploding panes use their own SGD rate).
  public var learningRate: Float
  /// Global gradient-norm threshold of the panes that clip.
  public var clip: Float
  /// Held-out accuracy a pane must reach to count as passed.
  public var passAccuracy: Float
  /// Consecutive evaluations at or above `passAccuracy` after which a pane stops early.
  public var passEvaluations: Int

  /// Settings; the defaults are the lab's reference set-up (gap 50, H 32, Adam 3e-3, clip 1, batch 32).
  public init(
    gap: Int = 50, steps: Int? = nil, scales: [Float]? = nil, forgetBias: Float? = nil, seed: UInt64 = 1,
    hidden: Int = 32, recordEvery: Int = 100, batchSize: Int = 32, learningRate: Float = 3e-3, clip: Float = 1,
    passAccuracy: Float = 0.9, passEvaluations: Int = 3
  ) {
    self.gap = gap
    self.steps = steps
    self.scales = scales
    self.forgetBias = forgetBias
    self.seed = seed
    self.hidden = hidden
    self.recordEvery = recordEvery
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.clip = clip
    self.passAccuracy = passAccuracy
    self.passEvaluations = passEvaluations
  }

  /// Steps per pane in `experiment`.
  public func stepBudget(for experiment: LabExperiment) -> Int { steps ?? experiment.defaultSteps }

  /// The scales ρ `experiment` runs.
  public func scales(for experiment: LabExperiment) -> [Float] { scales ?? experiment.defaultScales }

  /// Checks the numbers a person can get wrong on the command line.
  public func validate() throws(TrainingConfigError) {
    func require(_ condition: Bool, _ message: String) throws(TrainingConfigError) {
      if !condition { throw TrainingConfigError(message) }
    }
    try require(gap >= 1, "--gap must be at least 1 (got \(gap))")
    if let steps {
      try require(
        (1...TrainingConfig.maximumSteps).contains(steps),
        "--steps must be between 1 and \(TrainingConfig.maximumSteps) (got \(steps))")
    }
    if let scales {
      try require(!scales.isEmpty && scales.allSatisfy { $0.isFinite && $0 > 0 }, "--scales must be positive numbers")
    }
    if let forgetBias { try require(forgetBias.isFinite, "--forget-bias must be a number") }
    try require(hidden >= 1 && hidden <= 1024, "--hidden must be between 1 and 1024 (got \(hidden))")
    try require(recordEvery >= 1, "--record-every must be at least 1 (got \(recordEvery))")
    try require(batchSize >= 1, "the batch size must be at least 1")
    try require(learningRate.isFinite && learningRate > 0, "the learning rate must be positive")
    try require(clip.isFinite && clip > 0, "the clipping threshold must be positive")
    try require(passEvaluations >= 1, "a pane must pass at least one evaluation")
  }
}
