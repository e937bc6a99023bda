/// What backward found besides the parameter gradients (which go to the model's gradient buffer).
public struct BackwardRecord: Sendable {
  /// Per recurrence (`ModelConfig.recurrences`): TOTAL dL/dh_t `(T, B, H)`, including the recurrent
  /// path and the path via the layer above, in the order its steps were taken.
  public var dhTotal: [[Float]]
  /// Per recurrence (LSTM): total dL/dc_t `(T, B, H)`; empty for other cells.
  public var dcTotal: [[Float]]
  /// Gradient of the loss with respect to the head outputs, shaped like `ForwardRecord.logits`
  /// (empty after `trainingPass`, like them).
  public var dLogits: [Float]
  /// dL/dy_t of the top layer's outputs through the head only `(T, B, D·H)` (no recurrent path).
  public var dTopOutputs: [Float]
  /// dL/dx for dense inputs `(B, T, I)`, batch-first like `Batch.features`; empty for token inputs.
  public var dInputs: [Float]
}
