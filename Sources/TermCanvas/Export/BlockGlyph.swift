/// Geometry of the characters the SVG exporter draws as shapes instead of text.
enum BlockGlyph {
  /// A filled box in cell-relative coordinates (0…1), with an opacity for shade characters.
  struct Box: Equatable {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var opacity: Double = 1
  }

  /// Block elements: halves, full block, lower and left eighths, shades.
  private static let boxes: [String: Box] = {
    var boxes: [String: Box] = [
      "▀": Box(left: 0, top: 0, right: 1, bottom: 0.5),
      "▄": Box(left: 0, top: 0.5, right: 1, bottom: 1),
      "█": Box(left: 0, top: 0, right: 1, bottom: 1),
      "▐": Box(left: 0.5, top: 0, right: 1, bottom: 1),
      "░": Box(left: 0, top: 0, right: 1, bottom: 1, opacity: 0.25),
      "▒": Box(left: 0, top: 0, right: 1, bottom: 1, opacity: 0.5),
      "▓": Box(left: 0, top: 0, right: 1, bottom: 1, opacity: 0.75),
    ]
    for (index, symbol) in ["▁", "▂", "▃", "▄", "▅", "▆", "▇"].enumerated() {
      boxes[symbol] = Box(left: 0, top: 1 - Double(index + 1) / 8, right: 1, bottom: 1)
    }
    for (index, symbol) in ["▏", "▎", "▍", "▌", "▋", "▊", "▉"].enumerated() {
      boxes[symbol] = Box(left: 0, top: 0, right: Double(index + 1) / 8, bottom: 1)
    }
    return boxes
  }()

  /// The box for a block element, or `nil` for any other symbol.
  static func box(for symbol: String) -> Box? { boxes[symbol] }

  /// Which sides of the cell a light box-drawing line reaches.
  struct LineArms: OptionSet {
    let rawValue: UInt8
    static let up = LineArms(rawValue: 1)
    static let down = LineArms(rawValue: 2)
    static let left = LineArms(rawValue: 4)
    static let right = LineArms(rawValue: 8)
  }

  private static let lineArms: [String: LineArms] = [
    "─": [.left, .right], "│": [.up, .down], "┌": [.down, .right], "┐": [.down, .left],
    "└": [.up, .right], "┘": [.up, .left], "├": [.up, .down, .right], "┤": [.up, .down, .left],
    "┬": [.down, .left, .right], "┴": [.up, .left, .right], "┼": [.up, .down, .left, .right],
  ]

  /// The arms of a light box-drawing character, or `nil` for any other symbol.
  static func arms(for symbol: String) -> LineArms? { lineArms[symbol] }

  /// The raised dots (column 0–1, row 0–3) of a braille symbol, or `nil` if it is not braille.
  static func brailleDots(for symbol: String) -> [(column: Int, row: Int)]? {
    guard symbol.unicodeScalars.count == 1, let scalar = symbol.unicodeScalars.first,
      (0x2800...0x28FF).contains(scalar.value)
    else { return nil }
    let bits = scalar.value - 0x2800
    // Unicode numbers dots 1–3 down the left column, 4–6 down the right, then 7 and 8 at the bottom.
    let layout: [(bit: UInt32, column: Int, row: Int)] = [
      (0x01, 0, 0), (0x02, 0, 1), (0x04, 0, 2), (0x08, 1, 0), (0x10, 1, 1), (0x20, 1, 2), (0x40, 0, 3), (0x80, 1, 3),
    ]
    return layout.filter { bits & $0.bit != 0 }.map { ($0.column, $0.row) }
  }
}
