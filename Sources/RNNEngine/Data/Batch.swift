/// One minibatch: the inputs of B sequences of T steps and what the model should predict.
///
/// Layout is batch-first, like the data sets produce it: index `b * length + t`.
/// The engine gathers it into its time-major buffers itself.
public struct Batch: Sendable, Equatable {
  /// What the loss compares the model's outputs with.
  public enum Targets: Sendable, Equatable {
    /// A class id at every step (many-to-many), `(B, T)`.
    case everyStep([Int32])
    /// One class id per sequence, scored at the last step (many-to-one), `(B)`.
    case lastStep([Int32])
    /// Real values per sequence, scored at the last step with mean squared error, `(B, O)`.
    case regression([Float])
  }

  /// Number of sequences, B.
  public var batchSize: Int
  /// Number of timesteps, T.
  public var length: Int
  /// Input token ids `(B, T)`, for one-hot or embedding inputs; empty for dense inputs.
  public var tokens: [Int32]
  /// Dense input features `(B, T, I)`; empty for token inputs.
  public var features: [Float]
  /// What to predict.
  public var targets: Targets
  /// Which steps count in the loss `(B, T)`, 1 or 0; empty means every step counts.
  public var mask: [Float]

  /// A batch of token sequences.
  public init(batchSize: Int, length: Int, tokens: [Int32], targets: Targets, mask: [Float] = []) {
    precondition(tokens.count == batchSize * length, "tokens must be (B, T)")
    self.batchSize = batchSize
    self.length = length
    self.tokens = tokens
    self.features = []
    self.targets = targets
    self.mask = mask
  }

  /// A batch of dense feature sequences with `features.count == B * T * I`.
  public init(batchSize: Int, length: Int, features: [Float], targets: Targets, mask: [Float] = []) {
    self.batchSize = batchSize
    self.length = length
    self.tokens = []
    self.features = features
    self.targets = targets
    self.mask = mask
  }
}
