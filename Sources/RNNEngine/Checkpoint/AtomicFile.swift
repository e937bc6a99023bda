import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes whole files so that a crash or power loss leaves either the old file or the complete new one.
///
/// The bytes go to a temporary file in the target's directory, which is flushed to disk, renamed over
/// the target (rename is atomic within a file system), and then the directory itself is flushed so
/// the rename survives a crash too.
public enum AtomicFile {
  /// Replaces (or creates) the file at `url` with `data`, atomically and durably.
  public static func write(_ data: Data, to url: URL) throws {
    let target = url.standardizedFileURL
    let directory = target.deletingLastPathComponent().path
    let temporary = "\(directory)/.\(target.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else { throw AtomicFileError(path: target.path, step: "create \(temporary)", code: errno) }
    do {
      try writeAll(data, to: descriptor, path: target.path)
      guard fsync(descriptor) == 0 else { throw AtomicFileError(path: target.path, step: "fsync", code: errno) }
      guard close(descriptor) == 0 else { throw AtomicFileError(path: target.path, step: "close", code: errno) }
    } catch {
      close(descriptor)
      unlink(temporary)
      throw error
    }
    guard rename(temporary, target.path) == 0 else {
      let renameErrno = errno
      unlink(temporary)
      throw AtomicFileError(path: target.path, step: "rename", code: renameErrno)
    }
    try syncDirectory(directory, path: target.path)
  }

  private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
    try data.withUnsafeBytes { raw in
      var written = 0
      while written < raw.count {
        let result = posixWrite(descriptor, raw.baseAddress.map { $0 + written }, raw.count - written)
        if result < 0 && errno == EINTR { continue }
        guard result > 0 else { throw AtomicFileError(path: path, step: "write", code: errno) }
        written += result
      }
    }
  }

  /// Flushes the directory entry created by the rename.
  private static func syncDirectory(_ directory: String, path: String) throws {
    let descriptor = open(directory, O_RDONLY)
    guard descriptor >= 0 else { throw AtomicFileError(path: path, step: "open directory", code: errno) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw AtomicFileError(path: path, step: "fsync directory", code: errno) }
  }
}

/// `write(2)`, under a name that `AtomicFile.write` does not shadow.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
  #else
    Darwin.write(descriptor, buffer, count)
  #endif
}
