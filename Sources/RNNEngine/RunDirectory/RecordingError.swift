/// Why a run directory or one of its files cannot be used: one line naming the file and the problem.
public struct RecordingError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file or directory concerned.
  public let file: String
  /// What is wrong.
  public let problem: String

  /// An error about `file`.
  public init(file: String, problem: String) {
    self.file = file
    self.problem = problem
  }

  /// `file: problem`, on one line.
  public var description: String { "\(file): \(problem)" }
}
