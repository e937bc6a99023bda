#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed atomic write: which file, which step, and the system's reason.
public struct AtomicFileError: Error, CustomStringConvertible, Sendable {
  /// The file being written.
  public let path: String
  /// The step that failed (create, write, fsync, rename, ...).
  public let step: String
  /// The `errno` value.
  public let code: Int32

  /// `path: cannot write (step: reason)`, on one line.
  public var description: String { "\(path): cannot write (\(step): \(String(cString: strerror(code))))" }
}
