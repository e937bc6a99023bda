/// Everything one layer (or one direction of a bidirectional layer) computed at every timestep:
/// what backprop needs and what the UI draws.
///
/// Time-major: index `(t * B + b) * width + j`, t counting the steps in the order the recurrence
/// took them: a reverse direction's step t read position T−1−t.
public struct LayerRecord: Sendable {
  /// Hidden states `(T+1, B, H)`; `h[0]` is the initial state, `h[t+1]` the output of step t.
  public var h: [Float]
  /// LSTM cell states `(T+1, B, H)` with `c[0]` initial; empty for other cells.
  public var c: [Float]
  /// Post-activation gates `(T, B, G·H)`, blocks in `CellType.gateNames` order (the RNN's one block is h_t).
  public var gates: [Float]
  /// GRU only: p_t = W_hn h_{t−1} + b_hn `(T, B, H)`; empty for other cells.
  public var hnPre: [Float]
}

/// The result of a forward pass over one batch: per-layer records, head outputs and loss.
public struct ForwardRecord: Sendable {
  /// Architecture that produced it.
  public var config: ModelConfig
  /// The batch it was computed on (targets and mask are read again by backward).
  public var batch: Batch
  /// B.
  public var batchSize: Int { batch.batchSize }
  /// T.
  public var length: Int { batch.length }
  /// Token ids `(T, B)` for token inputs; empty for dense inputs.
  public var tokens: [Int32]
  /// What layer 0's W_ih multiplied, `(T, B, I)`: the features or the looked-up embeddings; empty for one-hot.
  public var layerInput: [Float]
  /// One record per recurrence (`ModelConfig.recurrences`), bottom first, a bidirectional layer's
  /// forward direction before its reverse one.
  public var layers: [LayerRecord]
  /// Head outputs: `(T, B, O)` when every step is scored, `(B, O)` for last-step targets; empty
  /// after a training step's fused head (`trainingPass`), which never stores them.
  public var logits: [Float]
  /// softmax of `logits`, same shape (classifier heads); empty for regression and after `trainingPass`.
  public var probabilities: [Float]
  /// Whether `logits` has a row per step (`true`) or per sequence (`false`).
  public var logitsPerStep: Bool
  /// Mean loss over the counted positions.
  public var loss: Float
  /// Positions scored with a correct argmax (classifier only).
  public var correct: Int
  /// Positions that count in the loss (mask sum, or B for last-step targets).
  public var counted: Int

  /// State after the last step, to carry into the next chunk.
  public var finalState: RecurrentState {
    let width = batchSize * config.hidden
    let last = length * width
    return RecurrentState(
      h: layers.map { Array($0.h[last..<(last + width)]) },
      c: config.cell.hasCellState ? layers.map { Array($0.c[last..<(last + width)]) } : [])
  }
}
