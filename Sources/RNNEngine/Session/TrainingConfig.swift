/// Everything that defines a training run: task, model, optimizer and schedule.
///
/// Saved as `run.json` in a recording, so the same config and seed reproduce a run bit for bit.
public struct TrainingConfig: Sendable, Equatable, Codable {
  /// Which update rule the optimizer applies.
  public enum OptimizerKind: String, Sendable, Equatable, Codable, CaseIterable {
    case adam, sgd
  }

  /// The task and its settings.
  public var task: TaskConfig
  /// The text file the task reads (`nil`: the built-in corpus, or no text for synthetic tasks).
  public var textPath: String?
  /// The recurrent cell.
  public var cell: CellType
  /// Hidden units per layer (H).
  public var hidden: Int
  /// Stacked recurrent layers (L).
  public var layers: Int
  /// Embedding width for token inputs; `nil` feeds tokens one-hot.
  public var embedding: Int?
  /// Update rule.
  public var optimizer: OptimizerKind
  /// Step size.
  public var learningRate: Float
  /// SGD momentum (ignored by Adam).
  public var momentum: Float
  /// Global gradient-norm threshold; `nil` turns clipping off.
  public var clip: Float?
  /// Full or truncated backpropagation through time.
  public var bptt: BackpropThroughTime
  /// Sequences per batch (B).
  public var batchSize: Int
  /// Epochs to train; `nil` trains until stopped (the live TUI).
  public var epochs: Int?
  /// Optimizer steps per epoch; `nil` is one pass over the text (or 100 for synthetic tasks).
  public var stepsPerEpoch: Int?
  /// Seed of every random draw: initial weights, batches and sampling.
  public var seed: UInt64
  /// How the initial weights are drawn.
  public var initialization: InitOptions
  /// Whether every layer also reads right to left (`--bidirectional`): true, or nil for a
  /// unidirectional model (so configs saved before it existed read the same).
  public var bidirectional: Bool?

  /// A config; the defaults are the lecture demo's (case correction, Adam 1e-3, batch 32).
  public init(
    task: TaskConfig = .defaults(for: .caseCorrection), textPath: String? = nil, cell: CellType = .lstm,
    hidden: Int = 32, layers: Int = 1, embedding: Int? = nil, optimizer: OptimizerKind = .adam,
    learningRate: Float = 1e-3, momentum: Float = 0, clip: Float? = nil, bptt: BackpropThroughTime = .full,
    batchSize: Int = 32, epochs: Int? = 10, stepsPerEpoch: Int? = nil, seed: UInt64 = 1,
    initialization: InitOptions = InitOptions(), bidirectional: Bool = false
  ) {
    self.task = task
    self.textPath = textPath
    self.cell = cell
    self.hidden = hidden
    self.layers = layers
    self.embedding = embedding
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.momentum = momentum
    self.clip = clip
    self.bptt = bptt
    self.batchSize = batchSize
    self.epochs = epochs
    self.stepsPerEpoch = stepsPerEpoch
    self.seed = seed
    self.initialization = initialization
    self.bidirectional = bidirectional ? true : nil
  }

  /// The model architecture this config trains on `task`.
  public func modelConfig(for task: any SequenceTask) -> ModelConfig {
    let input: InputEncoding
    switch task.input {
    case .tokens(let vocabulary):
      input = embedding.map { .embedding(vocab: vocabulary, dim: $0) } ?? .oneHot(vocab: vocabulary)
    case .dense(let features):
      input = .dense(features: features)
    }
    return ModelConfig(
      cell: cell, input: input, hidden: hidden, layers: layers, outputs: task.outputs,
      head: task.headIsRegression ? .regression : .classifier, bidirectional: bidirectional ?? false)
  }

  /// This config with the architecture of `model` (cell, sizes, input kind), e.g. to train an imported model.
  public func adopting(_ model: ModelConfig) -> TrainingConfig {
    var config = self
    config.cell = model.cell
    config.hidden = model.hidden
    config.layers = model.layers
    config.bidirectional = model.bidirectional ? true : nil
    if case .embedding(_, let dim) = model.input { config.embedding = dim } else { config.embedding = nil }
    return config
  }

  /// Checks the numbers a person can get wrong on the command line.
  public func validate() throws(TrainingConfigError) {
    try validateSizes()
    try Self.require(learningRate.isFinite && learningRate > 0, "--lr must be a positive number (got \(learningRate))")
    try Self.require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1) (got \(momentum))")
    if let clip { try Self.require(clip.isFinite && clip > 0, "--clip must be a positive number (got \(clip))") }
    if let forgetBias = initialization.forgetBias {
      try Self.require(forgetBias.isFinite, "--forget-bias must be a finite number (got \(forgetBias))")
    }
    switch initialization.recurrent {
    case .orthogonal(let scale), .identity(let scale):
      try Self.require(scale.isFinite, "--scale must be a finite number (got \(scale))")
    default: break
    }
  }

  /// Checks every setting that sizes memory (model, batch, schedule); the rates may change live, so a
  /// recorded config is checked with this alone.
  public func validateSizes() throws(TrainingConfigError) {
    try Self.require(hidden >= 1 && hidden <= 4096, "--hidden must be between 1 and 4096 (got \(hidden))")
    try Self.require(layers >= 1 && layers <= 16, "--layers must be between 1 and 16 (got \(layers))")
    try Self.require(batchSize >= 1 && batchSize <= 4096, "--batch must be between 1 and 4096 (got \(batchSize))")
    if let embedding {
      try Self.require(embedding >= 1 && embedding <= 4096, "--embedding must be between 1 and 4096 (got \(embedding))")
    }
    if let epochs {
      try Self.require(
        (1...Self.maximumEpochs).contains(epochs),
        "--epochs must be between 1 and \(Self.maximumEpochs) (got \(epochs))")
    }
    if let stepsPerEpoch {
      try Self.require(
        (1...Self.maximumStepsPerEpoch).contains(stepsPerEpoch),
        "--steps-per-epoch must be between 1 and \(Self.maximumStepsPerEpoch) (got \(stepsPerEpoch))")
    }
    if case .truncated(let steps) = bptt { try Self.require(steps >= 1, "--bptt must be at least 1 (got \(steps))") }
    if bidirectional == true, task.kind == .languageModel {
      throw TrainingConfigError(
        "--bidirectional cannot train --task lm: the reverse direction would read the next character it must predict")
    }
    if embedding != nil, !task.kind.readsTokens {
      throw TrainingConfigError("--embedding needs a token task; '\(task.kind.rawValue)' feeds real numbers")
    }
    // Each size may be fine alone while together they need more memory than any machine has.
    let count = ParameterLayout(config: widestModel).totalCount
    try Self.require(
      count <= Self.maximumParameterCount,
      "the model would have \(count / 1_000_000) million parameters; the limit is \(Self.maximumParameterCount / 1_000_000) million "
        + "(use a smaller --hidden, fewer --layers or a smaller --embedding)")
  }

  private static func require(_ condition: Bool, _ message: String) throws(TrainingConfigError) {
    if !condition { throw TrainingConfigError(message) }
  }

  /// The most epochs a run may have: checkpoint names hold nine digits, and epochs times steps stays far
  /// from `Int.max`.
  public static let maximumEpochs = 100_000_000
  /// The most optimizer steps an epoch may have.
  public static let maximumStepsPerEpoch = 100_000_000
  /// The most optimizer steps a run can take (a checkpoint's step count beyond it is damage).
  public static let maximumSteps = maximumEpochs * maximumStepsPerEpoch

  /// The most parameters a run may train: weights, gradients and Adam's moments then take 1.6 GB.
  public static let maximumParameterCount = 100_000_000

  /// This config's model on the widest input any task has (256 byte symbols), for size checks.
  var widestModel: ModelConfig {
    let vocabulary = ByteText.vocabulary
    let input: InputEncoding = embedding.map { .embedding(vocab: vocabulary, dim: $0) } ?? .oneHot(vocab: vocabulary)
    return ModelConfig(
      cell: cell, input: input, hidden: hidden, layers: layers, outputs: vocabulary,
      bidirectional: bidirectional ?? false)
  }
}

/// A training setting that cannot work, worded as a one-line message.
public struct TrainingConfigError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The message, naming the setting and the problem.
  public let description: String
  /// An error with this message.
  public init(_ description: String) { self.description = description }
}

extension TaskKind {
  /// Whether the task's inputs are token ids (so one-hot or an embedding applies).
  public var readsTokens: Bool { self != .adding }
  /// Whether inputs and outputs are bytes of a text, shown as characters rather than symbol names.
  public var readsText: Bool { self == .caseCorrection || self == .languageModel }
}
