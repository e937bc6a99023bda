/// Where a pane's training stands.
public enum LabPaneStatus: Sendable, Equatable {
  /// Still taking steps.
  case training
  /// Held the pass accuracy for the required evaluations and stopped early at `atStep`.
  case passed(atStep: Int)
  /// The loss or gradient became NaN or infinite at step `atStep`; the pane stopped with the last good weights.
  case diverged(atStep: Int, reason: String)
  /// Used its whole step budget.
  case finished

  /// One word for status lines: `training`, `passed`, `diverged` or `finished`.
  public var label: String {
    switch self {
    case .training: "training"
    case .passed: "passed"
    case .diverged: "diverged"
    case .finished: "finished"
    }
  }

  /// Whether the pane still takes steps.
  public var isTraining: Bool { self == .training }
}
