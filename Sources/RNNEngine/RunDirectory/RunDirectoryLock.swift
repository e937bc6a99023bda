import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive lock on a run directory, so that two processes never record into the same one.
///
/// `flock` on the directory's `.lock` file, which holds the holder's process id for the message the
/// next writer sees. A lock is taken once per directory and process and held for the rest of the
/// process's life; the kernel releases it when the process ends, however it ends, so a directory
/// whose lock can be taken has no live writer and its temporary files are leftovers.
public final class RunDirectoryLock: @unchecked Sendable {
  /// The lock file's name inside the run directory.
  public static let fileName = ".lock"
  /// The locked directory.
  public let directory: URL
  /// The open lock file; never closed, since closing it would release the lock.
  private let descriptor: Int32

  nonisolated(unsafe) private static var held: [String: RunDirectoryLock] = [:]
  private static let heldGuard = NSLock()

  /// Takes the lock on `directory` (which must exist), or returns the one this process already holds;
  /// throws a one-line error naming the holder's process id when another process has it.
  public static func acquire(_ directory: URL) throws -> RunDirectoryLock {
    let key = directory.standardizedFileURL.path
    heldGuard.lock()
    defer { heldGuard.unlock() }
    if let lock = held[key] { return lock }
    let lock = try RunDirectoryLock(directory: directory)
    held[key] = lock
    return lock
  }

  private init(directory: URL) throws {
    let path = directory.appendingPathComponent(Self.fileName).path
    let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw RecordingError(file: path, problem: "cannot open the lock file (\(String(cString: strerror(errno))))")
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let code = errno
      let holder = Self.holder(readingFrom: descriptor)
      close(descriptor)
      guard code == EWOULDBLOCK else {
        throw RecordingError(file: path, problem: "cannot lock the run directory (\(String(cString: strerror(code))))")
      }
      throw RecordingError(
        file: directory.path,
        problem: "another rnnscope (PID \(holder ?? "unknown")) is recording into this directory; "
          + "wait for it to end or choose another --out")
    }
    let line = Array("\(getpid())\n".utf8)
    _ = ftruncate(descriptor, 0)
    _ = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    self.directory = directory
    self.descriptor = descriptor
  }

  /// The process id the holder wrote into the lock file, if it is readable.
  private static func holder(readingFrom descriptor: Int32) -> String? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    let digits = buffer[..<count].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    return digits.isEmpty ? nil : String(decoding: digits, as: UTF8.self)
  }
}
