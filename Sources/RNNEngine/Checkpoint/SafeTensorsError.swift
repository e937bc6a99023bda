/// Why a safetensors file could not be read or written: one line naming the file and the problem.
public struct SafeTensorsError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file's name (last path component), so messages stay short but unambiguous.
  public let file: String
  /// What is wrong, e.g. `tensor "fc.bias" has data_offsets [0, 4096] beyond the 1024-byte data section`.
  public let problem: String

  /// An error about `file`.
  public init(file: String, problem: String) {
    self.file = file
    self.problem = problem
  }

  /// `file: problem`, on one line.
  public var description: String { "\(file): \(problem)" }
}
