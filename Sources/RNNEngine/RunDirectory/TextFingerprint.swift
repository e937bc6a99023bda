import Foundation

/// Which text a run trained on: its absolute path, size and 64-bit FNV-1a hash, kept in `run.json`
/// so that `--resume` notices a different or changed file at the recorded path.
///
/// FNV-1a guards against accidents (an edited corpus, another file of the same name), not against
/// someone crafting a collision; the text is the person's own.
public struct TextFingerprint: Codable, Sendable, Equatable {
  /// The absolute path the text was read from.
  public var path: String
  /// Its size in bytes.
  public var bytes: Int
  /// FNV-1a (64 bits) of its bytes, as 16 hexadecimal digits.
  public var hash: String

  /// The fingerprint of the file at `path`, read in chunks.
  public init(fileAt path: String) throws {
    guard let file = FileHandle(forReadingAtPath: path) else {
      throw RecordingError(file: path, problem: "cannot read the text")
    }
    defer { try? file.close() }
    var state: UInt64 = 0xcbf2_9ce4_8422_2325
    var bytes = 0
    while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
      for byte in chunk {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      }
      bytes += chunk.count
    }
    self.path = path
    self.bytes = bytes
    let digits = String(state, radix: 16)
    self.hash = String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// Throws unless the file at `path` still holds the content this fingerprint recorded; the error
  /// calls it `what` and names `overrideFlag`, which continues anyway.
  func requireUnchanged(at path: String, what: String, overrideFlag: String) throws {
    let current = try? TextFingerprint(fileAt: path)
    guard current != with(path: path) else { return }
    let now = current.map { "now \($0.bytes) bytes, hash \($0.hash)" } ?? "now unreadable"
    throw RecordingError(
      file: path,
      problem: "is not the \(what) this run was recorded on (\(bytes) bytes, hash \(hash); \(now)); "
        + "pass \(overrideFlag) to continue on it anyway")
  }

  /// The same fingerprint under another path (the content is what is compared).
  func with(path: String) -> TextFingerprint {
    var copy = self
    copy.path = path
    return copy
  }
}
