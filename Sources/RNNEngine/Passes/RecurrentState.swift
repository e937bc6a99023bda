/// The hidden state (and LSTM cell state) of every layer between two chunks of a sequence.
///
/// Truncated BPTT and stateful training carry it from one batch to the next; gradients never
/// flow through it (it is a plain value).
public struct RecurrentState: Sendable, Equatable {
  /// h per recurrence (`ModelConfig.recurrences`, PyTorch's h_n order), each `(B, H)`.
  public var h: [[Float]]
  /// c per recurrence, each `(B, H)`; empty for cells without a memory cell.
  public var c: [[Float]]

  /// A state from explicit per-layer arrays.
  public init(h: [[Float]], c: [[Float]]) {
    self.h = h
    self.c = c
  }

  /// The all-zero state PyTorch starts from.
  public static func zeros(config: ModelConfig, batchSize: Int) -> RecurrentState {
    let layer = [Float](repeating: 0, count: batchSize * config.hidden)
    return RecurrentState(
      h: Array(repeating: layer, count: config.recurrences),
      c: config.cell.hasCellState ? Array(repeating: layer, count: config.recurrences) : [])
  }
}
