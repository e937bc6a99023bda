/// Text attributes a terminal can show, combinable as an option set.
public struct TextAttributes: OptionSet, Sendable, Hashable {
  /// The attribute bits.
  public let rawValue: UInt8
  /// Creates attributes from raw bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Bold (often also brighter).
  public static let bold = TextAttributes(rawValue: 1 << 0)
  /// Dim / faint.
  public static let dim = TextAttributes(rawValue: 1 << 1)
  /// Italic (not rendered by every terminal).
  public static let italic = TextAttributes(rawValue: 1 << 2)
  /// Underlined.
  public static let underline = TextAttributes(rawValue: 1 << 3)
  /// Foreground and background swapped.
  public static let reverse = TextAttributes(rawValue: 1 << 4)
}

/// Colours and attributes applied to the cells a widget writes.
public struct Style: Sendable, Hashable {
  /// Foreground colour; `nil` means the terminal's default.
  public var fg: RGB?
  /// Background colour; `nil` means the terminal's default.
  public var bg: RGB?
  /// Bold, dim, italic, underline, reverse.
  public var attributes: TextAttributes

  /// Creates a style; every part defaults to the terminal's default.
  public init(fg: RGB? = nil, bg: RGB? = nil, attributes: TextAttributes = []) {
    self.fg = fg
    self.bg = bg
    self.attributes = attributes
  }

  /// The terminal's default colours, no attributes.
  public static let plain = Style()

  /// This style with a different foreground colour.
  public func fg(_ color: RGB?) -> Style {
    var copy = self
    copy.fg = color
    return copy
  }

  /// This style with a different background colour.
  public func bg(_ color: RGB?) -> Style {
    var copy = self
    copy.bg = color
    return copy
  }

  /// This style with `attributes` added.
  public func adding(_ attributes: TextAttributes) -> Style {
    var copy = self
    copy.attributes.formUnion(attributes)
    return copy
  }
}
