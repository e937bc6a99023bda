import Foundation

/// A text to train on, kept as its UTF-8 bytes (the byte vocabulary is 256), split into a training
/// part and a held-out tail.
///
/// The held-out part is the last `heldOutFraction` of the bytes: a contiguous tail rather than random
/// crops, so no held-out byte is ever seen in training.
public struct TextSource: Sendable, Equatable {
  /// Where the text came from: the file path, or the built-in corpus's name.
  public let name: String
  /// The whole text as UTF-8 bytes.
  public let bytes: [UInt8]
  /// The share of the bytes (at the end) kept out of training.
  public let heldOutFraction: Double
  /// The bytes before the split, used for training.
  public let trainingBytes: [UInt8]
  /// The bytes after the split, used for evaluation only.
  public let heldOutBytes: [UInt8]

  /// The default held-out share: the last 10%.
  public static let defaultHeldOutFraction = 0.1

  /// A source over `bytes` already in memory; `heldOutFraction` is clamped to [0, 1].
  public init(name: String, bytes: [UInt8], heldOutFraction: Double = TextSource.defaultHeldOutFraction) {
    let fraction = min(max(heldOutFraction, 0), 1)
    let heldOutCount = Int((Double(bytes.count) * fraction).rounded(.down))
    let split = bytes.count - heldOutCount
    self.name = name
    self.bytes = bytes
    self.heldOutFraction = fraction
    self.trainingBytes = Array(bytes[..<split])
    self.heldOutBytes = Array(bytes[split...])
  }

  /// The name the built-in corpus goes by.
  public static let builtinName = "built-in: \(BuiltinCorpus.name)"

  /// The text compiled into the program (see `BuiltinCorpus`).
  public static func builtin(heldOutFraction: Double = TextSource.defaultHeldOutFraction) -> TextSource {
    TextSource(name: builtinName, bytes: BuiltinCorpus.bytes, heldOutFraction: heldOutFraction)
  }

  /// Whether this is the built-in corpus, whose tasks probe with the lecture's sentences.
  public var isBuiltin: Bool { name == Self.builtinName }

  /// The probe a task shows when none is given: the lecture's sentence on the built-in corpus, and
  /// a sentence of the held-out part on a user's text (the lecture's when it has none).
  public func defaultProbe(lectureSentence: String) -> String {
    isBuiltin ? lectureSentence : heldOutProbe() ?? lectureSentence
  }

  /// A probe from the held-out part, for a text the user gave: up to `length` bytes from the first
  /// sentence start (a capital after `.`, `?` or `!` and a space, or at a line's start) that has at
  /// least `minimum` bytes after it, ending before a space, so the views show the user's own kind of
  /// text and never a passage trained on. Nil when the held-out part has no such start.
  public func heldOutProbe(length: Int = 100, minimum: Int = 20) -> String? {
    let text = heldOutBytes
    for start in text.indices where text.count - start >= minimum && Self.startsSentence(text, at: start) {
      var end = min(start + length, text.count)
      if end < text.count, let space = text[start..<end].lastIndex(of: UInt8(ascii: " ")), space - start >= minimum {
        end = space
      }
      while end < text.count, text[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a character
      return String(decoding: text[start..<end], as: UTF8.self)
    }
    return nil
  }

  private static func startsSentence(_ text: [UInt8], at index: Int) -> Bool {
    guard index >= 1, text[index] & 0xC0 != 0x80 else { return false }
    let character = String(decoding: text[index..<min(index + 4, text.count)], as: UTF8.self).unicodeScalars.first
    guard let character, character.properties.isUppercase else { return false }
    if text[index - 1] == UInt8(ascii: "\n") { return true }
    guard index >= 2, text[index - 1] == UInt8(ascii: " ") else { return false }
    return [UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!")].contains(text[index - 2])
  }

  /// Loads the file at `path`, refusing anything that is not non-empty UTF-8 text.
  public static func load(path: String, heldOutFraction: Double = TextSource.defaultHeldOutFraction)
    throws(TextSourceError) -> TextSource
  {
    let bytes = try readFile(path)
    try checkIsText(bytes, path: path)
    return TextSource(name: path, bytes: bytes, heldOutFraction: heldOutFraction)
  }

  private static func readFile(_ path: String) throws(TextSourceError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .missing(path: path)
    }
    if isDirectory.boolValue { throw .unreadable(path: path, reason: "it is a directory") }
    // A device or pipe (/dev/zero, a FIFO) would be read forever or block: only plain files are text.
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      throw .unreadable(path: path, reason: "it is not a regular file (a device, pipe or socket)")
    }
    guard let file = FileHandle(forReadingAtPath: path) else {
      throw .unreadable(path: path, reason: "permission denied or read error")
    }
    defer { try? file.close() }
    // Read in chunks and stop at the first NUL, so a huge binary file is refused after its first
    // megabyte instead of after being held twice in memory.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(status.st_size))
    while true {
      let chunk: Data
      do {
        guard let read = try file.read(upToCount: 1 << 20), !read.isEmpty else { break }
        chunk = read
      } catch {
        throw .unreadable(path: path, reason: "read error")
      }
      if let nul = chunk.firstIndex(of: 0) {
        throw .binary(path: path, reason: "NUL byte at offset \(bytes.count + nul - chunk.startIndex)")
      }
      bytes += chunk
    }
    return bytes
  }

  /// Text files may hold tabs, newlines, carriage returns and form feeds; other control bytes are rare
  /// in text, so more than this share of them means the file is binary.
  static let maximumControlByteRatio = 0.05

  private static func checkIsText(_ bytes: [UInt8], path: String) throws(TextSourceError) {
    if bytes.isEmpty { throw .empty(path: path) }
    if let nul = bytes.firstIndex(of: 0) { throw .binary(path: path, reason: "NUL byte at offset \(nul)") }
    let controlCount = bytes.reduce(0) { count, byte in count + (isUnexpectedControl(byte) ? 1 : 0) }
    let ratio = Double(controlCount) / Double(bytes.count)
    if ratio > maximumControlByteRatio {
      throw .binary(path: path, reason: "\(Int((ratio * 100).rounded()))% control bytes")
    }
    if let offset = firstInvalidUTF8Offset(bytes) { throw .invalidUTF8(path: path, offset: offset) }
  }

  private static func isUnexpectedControl(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x09, 0x0A, 0x0C, 0x0D: return false  // \t \n \f \r
    case 0..<0x20, 0x7F: return true
    default: return false
    }
  }

  /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil if all are valid.
  static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }
}
