/// How a task feeds its inputs to the model.
public enum TaskInput: Sendable, Equatable, Codable {
  /// One symbol id per step from `0..<vocabulary` (`Batch.tokens`), for one-hot or embedding inputs.
  case tokens(vocabulary: Int)
  /// `features` real values per step (`Batch.features`), used as they are.
  case dense(features: Int)
}
