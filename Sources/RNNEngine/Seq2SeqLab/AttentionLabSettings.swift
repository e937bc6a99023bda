/// The set-up every pane of the bottleneck experiment shares: task, sizes, optimiser and schedule.
public struct AttentionLabSettings: Sendable, Equatable {
  /// Which generated task the panes learn (reverse, sort or dates).
  public var task: Seq2SeqTaskKind
  /// Source lengths of reverse and sort.
  public var lengths: ClosedRange<Int>
  /// Cell of encoder and decoder.
  public var cell: CellType
  /// H, the encoder's state width per direction.
  public var hidden: Int
  /// E, the embedding width.
  public var embedding: Int
  /// Pairs per step.
  public var batchSize: Int
  /// Adam's step size.
  public var learningRate: Float
  /// Global gradient-norm limit.
  public var clip: Float
  /// Optimizer steps per pane.
  public var steps: Int
  /// Re-measure the held-out accuracy by length every this many steps.
  public var recordEvery: Int
  /// Held-out pairs (drawn once, never trained on).
  public var heldOut: Int
  /// Seed of the weights, the batches and the held-out set (the same in every pane).
  public var seed: UInt64

  /// Settings; the defaults are the lectures' set-up (reverse 1–30, GRU 64, E 16, batch 64, Adam 3e-3, clip 1).
  public init(
    task: Seq2SeqTaskKind = .reverse, lengths: ClosedRange<Int> = 1...30, cell: CellType = .gru, hidden: Int = 64,
    embedding: Int = 16, batchSize: Int = 64, learningRate: Float = 3e-3, clip: Float = 1, steps: Int = 3000,
    recordEvery: Int = 500, heldOut: Int = 1000, seed: UInt64 = 1
  ) {
    self.task = task
    self.lengths = lengths
    self.cell = cell
    self.hidden = hidden
    self.embedding = embedding
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.clip = clip
    self.steps = steps
    self.recordEvery = recordEvery
    self.heldOut = heldOut
    self.seed = seed
  }

  /// Checks the numbers a person can get wrong on the command line.
  public func validate() throws(TrainingConfigError) {
    func require(_ condition: Bool, _ message: String) throws(TrainingConfigError) {
      if !condition { throw TrainingConfigError(message) }
    }
    try require(task != .pairs, "--task must be reverse, sort or dates (the lab generates its data)")
    try require(lengths.lowerBound >= 1, "--min-len must be at least 1 (got \(lengths.lowerBound))")
    try require(hidden >= 1 && hidden <= 1024, "--hidden must be between 1 and 1024 (got \(hidden))")
    try require(embedding >= 1, "--embedding must be at least 1 (got \(embedding))")
    try require(batchSize >= 1, "--batch must be at least 1 (got \(batchSize))")
    try require(learningRate.isFinite && learningRate > 0, "--lr must be positive")
    try require(clip.isFinite && clip > 0, "--clip must be positive")
    try require(steps >= 1, "--steps must be at least 1 (got \(steps))")
    try require(recordEvery >= 1, "--record-every must be at least 1 (got \(recordEvery))")
    try require(heldOut >= 1, "--held-out must be at least 1 (got \(heldOut))")
  }

  /// The panes of the experiment, in display order: RNNenc (none), then RNNsearch with dot and
  /// general scores, then dot over a bidirectional encoder.
  public var panes: [AttentionLabPaneSpec] {
    [
      AttentionLabPaneSpec(name: "none", attention: .none, bidirectional: false),
      AttentionLabPaneSpec(name: "dot", attention: .dot, bidirectional: false),
      AttentionLabPaneSpec(name: "general", attention: .general, bidirectional: false),
      AttentionLabPaneSpec(name: "bi-dot", attention: .dot, bidirectional: true),
    ]
  }
}

/// What one pane of the bottleneck experiment varies: the attention and the encoder's directions.
public struct AttentionLabPaneSpec: Sendable, Equatable {
  /// The pane's label: `none`, `dot`, `general`, `bi-dot`.
  public var name: String
  /// The attention score.
  public var attention: AttentionKind
  /// Whether the encoder reads in both directions.
  public var bidirectional: Bool

  /// A pane spec.
  public init(name: String, attention: AttentionKind, bidirectional: Bool) {
    self.name = name
    self.attention = attention
    self.bidirectional = bidirectional
  }
}
