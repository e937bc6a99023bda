/// Held-out loss and accuracy after some step.
public struct LabEvaluation: Sendable, Equatable {
  /// Optimizer steps taken (0: at initialisation).
  public var step: Int
  /// Mean held-out cross-entropy.
  public var loss: Float
  /// Fraction of held-out sequences recalled correctly.
  public var accuracy: Float
}
