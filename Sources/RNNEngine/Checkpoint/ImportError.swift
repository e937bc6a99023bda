/// Why an imported model or vocabulary does not make sense: one line naming the file and the problem.
///
/// (A file that is not valid safetensors at all fails earlier, with a `SafeTensorsError`.)
public struct ImportError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file's name (last path component).
  public let file: String
  /// What is wrong, naming the keys involved.
  public let problem: String

  /// An error about `file`.
  public init(file: String, problem: String) {
    self.file = file
    self.problem = problem
  }

  /// `file: problem`, on one line.
  public var description: String { "\(file): \(problem)" }
}
