/// A piece of text in one style, part of a `Text` line.
public struct Span: Sendable, Hashable, ExpressibleByStringLiteral {
  /// The text (one line; no newlines).
  public var text: String
  /// Its style.
  public var style: Style

  /// Creates a span.
  public init(_ text: String, style: Style = .plain) {
    self.text = text
    self.style = style
  }

  /// A plain span from a literal.
  public init(stringLiteral text: String) {
    self.init(text)
  }
}
