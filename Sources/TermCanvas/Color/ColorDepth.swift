/// How many colours the terminal can show, from richest to none.
public enum ColorDepth: Sendable, Hashable, CaseIterable {
  /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
  case trueColor
  /// The xterm 256-colour palette.
  case palette256
  /// The 16 ANSI colours (8 normal + 8 bright).
  case ansi16
  /// The 8 basic ANSI colours.
  case ansi8
  /// No colour: shading characters and attributes only.
  case monochrome

  /// Picks the depth from facts the caller gathered (a pure function).
  ///
  /// - Parameters:
  ///   - colorCount: the terminal's colour count (curses `COLORS`, `tput colors`); 0 or less if unknown.
  ///   - colorTerm: the `COLORTERM` environment variable, if set.
  ///   - noColor: whether `NO_COLOR` is set to a non-empty value (https://no-color.org).
  public static func detect(colorCount: Int, colorTerm: String?, noColor: Bool) -> ColorDepth {
    if noColor { return .monochrome }
    let term = colorTerm?.lowercased()
    if colorCount >= 8 && (term == "truecolor" || term == "24bit") { return .trueColor }
    if colorCount >= 256 { return .palette256 }
    if colorCount >= 16 { return .ansi16 }
    if colorCount >= 8 { return .ansi8 }
    return .monochrome
  }

  /// Picks the depth from an environment dictionary (reads `COLORTERM` and `NO_COLOR`).
  public static func detect(colorCount: Int, environment: [String: String]) -> ColorDepth {
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    return detect(colorCount: colorCount, colorTerm: environment["COLORTERM"], noColor: noColor)
  }

  /// The colour to send for `rgb` at this depth; `nil` in monochrome (use the default colour).
  public func terminalColor(for rgb: RGB) -> TerminalColor? {
    switch self {
    case .trueColor: return .rgb(rgb)
    case .palette256: return .indexed(rgb.xterm256Index)
    case .ansi16: return .indexed(rgb.ansi16Index)
    case .ansi8: return .indexed(rgb.ansi8Index)
    case .monochrome: return nil
    }
  }
}
