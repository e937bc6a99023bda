/// One terminal cell: a grapheme plus its colours and text attributes.
///
/// A wide character (CJK, most emoji) occupies two cells: the first holds the
/// grapheme, the second is a *continuation* cell with an empty symbol that
/// backends and exporters skip.
public struct Cell: Sendable, Hashable {
  /// The grapheme shown in this cell ("" for the continuation half of a wide character).
  public var symbol: String
  /// Foreground colour; `nil` means the terminal's default.
  public var fg: RGB?
  /// Background colour; `nil` means the terminal's default.
  public var bg: RGB?
  /// Bold, dim, italic, underline, reverse.
  public var attributes: TextAttributes

  /// Creates a cell showing `symbol` in `style`.
  public init(_ symbol: String = " ", style: Style = Style()) {
    self.symbol = symbol
    self.fg = style.fg
    self.bg = style.bg
    self.attributes = style.attributes
  }

  /// A space in the terminal's default colours.
  public static let blank = Cell(" ")

  /// Equal when symbol, colours and attributes match; the cheap fields are compared first
  /// because frame diffs compare every cell of every frame.
  public static func == (lhs: Cell, rhs: Cell) -> Bool {
    lhs.attributes == rhs.attributes && lhs.fg == rhs.fg && lhs.bg == rhs.bg && lhs.symbol == rhs.symbol
  }

  /// Whether this is the right half of a wide character (drawn by the cell to its left).
  public var isContinuation: Bool { symbol.isEmpty }

  /// The cell's colours and attributes as one value.
  public var style: Style {
    get { Style(fg: fg, bg: bg, attributes: attributes) }
    set {
      fg = newValue.fg
      bg = newValue.bg
      attributes = newValue.attributes
    }
  }
}
