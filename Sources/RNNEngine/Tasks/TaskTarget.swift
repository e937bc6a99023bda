/// What the model's output head is scored against.
public enum TaskTarget: Sendable, Equatable, Codable {
  /// A class at every step (`Batch.Targets.everyStep`), cross-entropy.
  case everyStep
  /// One class per sequence at the last step (`Batch.Targets.lastStep`), cross-entropy.
  case lastStep
  /// Real values per sequence at the last step (`Batch.Targets.regression`), mean squared error.
  case regression
}
