import ArgumentParser
import TermCanvas

/// `snapshot --theme`: the TUI's dark screen, or a light one for slides with white backgrounds.
///
/// The light theme keeps every data colour (heatmaps, bars, legends) and darkens only light text,
/// lines and borders, which would vanish on white; the status bar becomes light grey.
enum SlideTheme: String, ExpressibleByArgument, CaseIterable {
  case dark, light

  /// The dark screen's status-bar background and text.
  private static let darkBar = RGB(hex: 0x262626)
  private static let darkBarText = RGB(hex: 0xD0D0D0)

  /// The SVG exporter for this theme's background and default text colour.
  var svgExporter: SVGExporter {
    switch self {
    case .dark: SVGExporter()
    case .light: SVGExporter(background: RGB(hex: 0xFFFFFF), foreground: RGB(hex: 0x1C1C1C))
    }
  }

  /// `grid` in this theme's colours.
  func apply(to grid: Grid) -> Grid {
    guard self == .light else { return grid }
    var light = grid
    for y in 0..<grid.height {
      for x in 0..<grid.width {
        light[x, y] = Self.lightCell(grid[x, y])
      }
    }
    return light
  }

  /// One cell on white: block glyphs keep their colours (they are data), light text is darkened.
  private static func lightCell(_ cell: Cell) -> Cell {
    var cell = cell
    if cell.bg == darkBar {
      cell.bg = RGB(hex: 0xE4E4E4)
      if cell.fg == darkBarText { cell.fg = RGB(hex: 0x303030) }
    }
    let isBlock = cell.symbol.unicodeScalars.first.map { (0x2580...0x259F).contains($0.value) } ?? false
    guard !isBlock, cell.bg == nil || cell.bg == RGB(hex: 0xE4E4E4), let fg = cell.fg, luminance(fg) > 0.5 else {
      return cell
    }
    cell.fg = RGB(UInt8(Float(fg.r) * 0.55), UInt8(Float(fg.g) * 0.55), UInt8(Float(fg.b) * 0.55))
    return cell
  }

  /// Relative brightness 0…1 (Rec. 601 weights).
  private static func luminance(_ color: RGB) -> Float {
    (0.299 * Float(color.r) + 0.587 * Float(color.g) + 0.114 * Float(color.b)) / 255
  }
}
