/// Helpers for tasks whose symbols are the 256 byte values of UTF-8 text.
public enum ByteText {
  /// The byte vocabulary size: every byte value is a symbol.
  public static let vocabulary = 256
  /// The padding byte; case-correction batches pad short crops with it, as the lecture's demo does.
  public static let padding: UInt8 = 0

  /// `bytes` with ASCII `A`–`Z` turned into `a`–`z`; every other byte is unchanged, so lengths match.
  public static func lowercasedASCII(_ bytes: [UInt8]) -> [UInt8] {
    bytes.map { byte in (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
  }

  /// A short readable name for byte `id`: the character itself for printable ASCII (space stays `" "`,
  /// the UI decides how to show it), `\n` `\t` `\r` escapes, `NUL`, `DEL`, and `0xAB` for the rest.
  public static func symbolName(_ id: Int) -> String {
    switch id {
    case 0: return "NUL"
    case 9: return "\\t"
    case 10: return "\\n"
    case 13: return "\\r"
    case 32...126: return String(UnicodeScalar(UInt8(id)))
    case 127: return "DEL"
    default: return "0x" + String(id, radix: 16, uppercase: true).leftPadded(to: 2)
    }
  }

  /// Byte ids as text, invalid UTF-8 replaced by U+FFFD.
  public static func decode(_ ids: [Int]) -> String {
    String(decoding: ids.map { UInt8(clamping: $0) }, as: UTF8.self)
  }

  /// The longest probe text, in bytes, that the UI can show.
  public static let probeLimit = 400

  /// Checks a user's probe: at least `minimum` and at most `probeLimit` bytes, and no NUL (padding).
  static func validateProbe(_ bytes: [UInt8], minimum: Int) throws(TaskError) {
    if bytes.count < minimum { throw .probeTooShort(count: bytes.count, minimum: minimum) }
    if bytes.count > probeLimit { throw .probeTooLong(count: bytes.count, limit: probeLimit) }
    if let offset = bytes.firstIndex(of: padding) { throw .probeByteNotAllowed(byte: padding, offset: offset) }
  }

  /// Checks that `part` of `source` holds at least `needed` bytes (or tokens).
  static func requireLength<Symbol>(_ bytes: [Symbol], needed: Int, source: TextSource, part: String) throws(TaskError)
  {
    if bytes.count < needed { throw .textTooShort(source: source.name, part: part, count: bytes.count, needed: needed) }
  }

  /// Start offsets of up to `limit` windows of `window` bytes in a text of `count` bytes.
  ///
  /// Windows start every `stride` bytes while that gives at most `limit` of them; otherwise `limit`
  /// windows are spread evenly from the first byte to the last full window, so a held-out set
  /// samples the whole held-out text at a bounded cost.
  static func windowStarts(count: Int, window: Int, stride: Int, limit: Int) -> [Int] {
    guard count >= window, limit > 0 else { return [] }
    let lastStart = count - window
    let available = lastStart / stride + 1
    if available <= limit { return (0..<available).map { $0 * stride } }
    if limit == 1 { return [0] }
    return (0..<limit).map { $0 * lastStart / (limit - 1) }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
