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
///
/// What the path points to is respected: a symbolic link is followed and the file it names is
/// replaced (the link stays), and a device, FIFO or socket is written to directly, since renaming
/// a file over it would replace the node itself (as root, `/dev/null` with a plain file).
public enum AtomicFile {
  /// Replaces (or creates) the file at `url` with `data`, atomically and durably; writes into it
  /// directly when it is not a regular file.
  public static func write(_ data: Data, to url: URL) throws {
    let target = try resolvingLinks(url.standardizedFileURL)
    if let kind = existingKind(of: target.path), kind != S_IFREG {
      guard kind != S_IFDIR else { throw AtomicFileError(path: target.path, step: "open", code: EISDIR) }
      try writeDirectly(data, to: target.path)
      return
    }
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

  /// Whether `url` (after following links) is a regular file or nothing yet: a path next to which
  /// sibling files may be written.
  public static func isRegularOrAbsent(_ url: URL) -> Bool {
    guard let target = try? resolvingLinks(url.standardizedFileURL) else { return false }
    return existingKind(of: target.path).map { $0 == S_IFREG } ?? true
  }

  /// The path with every symbolic link along the last component followed (at most 40, like the kernel).
  private static func resolvingLinks(_ url: URL) throws -> URL {
    var current = url
    for _ in 0..<40 {
      var status = stat()
      guard lstat(current.path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let length = readlink(current.path, &buffer, buffer.count - 1)
      guard length >= 0 else { throw AtomicFileError(path: current.path, step: "readlink", code: errno) }
      let destination = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current =
        destination.hasPrefix("/")
        ? URL(fileURLWithPath: destination).standardizedFileURL
        : current.deletingLastPathComponent().appendingPathComponent(destination).standardizedFileURL
    }
    throw AtomicFileError(path: url.path, step: "follow links", code: ELOOP)
  }

  /// The file type bits (`S_IFREG`, `S_IFCHR`, ...) of what is at `path`, nil when nothing is.
  private static func existingKind(of path: String) -> mode_t? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return status.st_mode & S_IFMT
  }

  /// Writes `data` into an existing device, FIFO or socket as it is (no temporary file, no rename).
  private static func writeDirectly(_ data: Data, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
    guard descriptor >= 0 else { throw AtomicFileError(path: path, step: "open", code: errno) }
    defer { close(descriptor) }
    try writeAll(data, to: descriptor, path: path)
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
