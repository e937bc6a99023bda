/// Why a text file cannot be trained on; each description is one line naming the file and the problem.
public enum TextSourceError: Error, CustomStringConvertible, Equatable, Sendable {
  /// No file at the path.
  case missing(path: String)
  /// The path exists but cannot be read as a file.
  case unreadable(path: String, reason: String)
  /// The file has no bytes.
  case empty(path: String)
  /// The file looks binary (NUL bytes, or many control bytes).
  case binary(path: String, reason: String)
  /// The file is not valid UTF-8; `offset` is the first bad byte.
  case invalidUTF8(path: String, offset: Int)

  /// The one-line message shown to the user.
  public var description: String {
    switch self {
    case .missing(let path):
      return "cannot read text file '\(path)': no such file"
    case .unreadable(let path, let reason):
      return "cannot read text file '\(path)': \(reason)"
    case .empty(let path):
      return "text file '\(path)' is empty"
    case .binary(let path, let reason):
      return "text file '\(path)' looks binary (\(reason)); give a plain text file"
    case .invalidUTF8(let path, let offset):
      return "text file '\(path)' is not valid UTF-8 (first bad byte at offset \(offset))"
    }
  }
}
