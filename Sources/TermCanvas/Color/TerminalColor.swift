/// A colour as a terminal receives it: 24-bit or a palette index.
public enum TerminalColor: Sendable, Hashable {
  /// A 24-bit colour.
  case rgb(RGB)
  /// An index into the terminal's palette (0–7, 0–15 or 0–255, depending on the depth).
  case indexed(UInt8)
}
