/// Turns a grid into text with ANSI SGR escape codes, e.g. for `cat`, logs or `aha`.
///
/// Codes are emitted only when the style changes from the previous cell, and
/// every line ends with the style reset, so lines can be printed on their own.
public struct ANSIExporter: Sendable {
  /// The colour depth to encode (`.trueColor` → `38;2;r;g;b`, `.palette256` → `38;5;n`, …).
  public var depth: ColorDepth

  /// Creates an exporter for `depth`.
  public init(depth: ColorDepth = .palette256) {
    self.depth = depth
  }

  /// The colours and attributes currently set on the terminal.
  private struct Pen: Equatable {
    var fg: TerminalColor?
    var bg: TerminalColor?
    var attributes: TextAttributes = []
  }

  /// SGR parameter for each attribute.
  private static let attributeCodes: [(TextAttributes, Int)] = [
    (.bold, 1), (.dim, 2), (.italic, 3), (.underline, 4), (.reverse, 7),
  ]

  /// The whole grid, rows separated by newlines.
  public func export(_ grid: Grid) -> String {
    (0..<grid.height).map { exportRow(grid.row($0)) }.joined(separator: "\n")
  }

  /// One row with the escape codes it needs, ending in the default style.
  public func exportRow(_ cells: ArraySlice<Cell>) -> String {
    var output = ""
    var pen = Pen()
    for cell in cells where !cell.isContinuation {
      let wanted = Pen(
        fg: cell.fg.flatMap(depth.terminalColor(for:)), bg: cell.bg.flatMap(depth.terminalColor(for:)),
        attributes: cell.attributes)
      if wanted != pen {
        output += Self.escape(codes(from: pen, to: wanted))
        pen = wanted
      }
      output += cell.symbol
    }
    if pen != Pen() { output += Self.escape([0]) }
    return output
  }

  /// The SGR parameters that change `old` into `new`; turning an attribute off needs a full reset.
  private func codes(from old: Pen, to new: Pen) -> [Int] {
    var codes: [Int] = []
    var current = old
    if !old.attributes.subtracting(new.attributes).isEmpty {
      codes.append(0)
      current = Pen()
    }
    for (attribute, code) in Self.attributeCodes
    where new.attributes.contains(attribute) && !current.attributes.contains(attribute) {
      codes.append(code)
    }
    if new.fg != current.fg { codes += colorCodes(new.fg, isForeground: true) }
    if new.bg != current.bg { codes += colorCodes(new.bg, isForeground: false) }
    return codes
  }

  /// Parameters selecting a colour (or the default colour, 39/49).
  private func colorCodes(_ color: TerminalColor?, isForeground: Bool) -> [Int] {
    let base = isForeground ? 30 : 40
    switch color {
    case nil:
      return [base + 9]
    case .rgb(let rgb)?:
      return [base + 8, 2, Int(rgb.r), Int(rgb.g), Int(rgb.b)]
    case .indexed(let index)? where depth == .palette256:
      return [base + 8, 5, Int(index)]
    case .indexed(let index)?:
      // 16-colour terminals: 30–37 normal, 90–97 bright (backgrounds 40–47, 100–107).
      return [index < 8 ? base + Int(index) : base + 60 + Int(index) - 8]
    }
  }

  private static func escape(_ codes: [Int]) -> String {
    "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m"
  }
}
