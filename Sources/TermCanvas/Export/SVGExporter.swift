/// Turns a grid into a standalone SVG image of a terminal screen.
///
/// Block elements (`▀▄█`, eighths, shades), light box-drawing lines and
/// braille dots are drawn as rectangles, so heatmaps, charts and borders need
/// no font support; other text is a `<text>` per run of same-styled cells.
public struct SVGExporter: Sendable {
  /// Width of one cell in pixels.
  public var cellWidth: Int
  /// Height of one cell in pixels.
  public var cellHeight: Int
  /// Font size of text, in pixels.
  public var fontSize: Int
  /// CSS font family list.
  public var fontFamily: String
  /// Colour of cells whose background is the terminal default.
  public var background: RGB
  /// Colour of text whose foreground is the terminal default.
  public var foreground: RGB

  /// Creates an exporter; defaults to 8 × 16 px cells in light-on-dark colours.
  public init(
    cellWidth: Int = 8, cellHeight: Int = 16, fontSize: Int = 13,
    fontFamily: String = "DejaVu Sans Mono, Menlo, Consolas, monospace",
    background: RGB = RGB(hex: 0x1C1C1C), foreground: RGB = RGB(hex: 0xD0D0D0)
  ) {
    self.cellWidth = cellWidth
    self.cellHeight = cellHeight
    self.fontSize = fontSize
    self.fontFamily = fontFamily
    self.background = background
    self.foreground = foreground
  }

  /// Resolved colours of one cell (defaults filled in, reverse applied).
  private struct Paint: Equatable {
    var fg: RGB
    var bg: RGB?
    var attributes: TextAttributes
  }

  /// The SVG document for `grid` (width and height = grid size × cell size).
  public func export(_ grid: Grid) -> String {
    let width = grid.width * cellWidth
    let height = grid.height * cellHeight
    var svg = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
      viewBox="0 0 \(width) \(height)" font-family="\(Self.escape(fontFamily))" font-size="\(fontSize)">
      <rect x="0" y="0" width="\(width)" height="\(height)" fill="\(background)"/>

      """
    for y in 0..<grid.height {
      let paints = grid.row(y).map(paint)
      appendBackgrounds(paints, y: y, to: &svg)
      appendShapes(grid.row(y), paints, y: y, to: &svg)
      appendText(grid.row(y), paints, y: y, to: &svg)
    }
    svg += "</svg>\n"
    return svg
  }

  private func paint(_ cell: Cell) -> Paint {
    var fg = cell.fg ?? foreground
    var bg = cell.bg
    if cell.attributes.contains(.reverse) {
      (fg, bg) = (cell.bg ?? background, fg)
    }
    return Paint(fg: fg, bg: bg, attributes: cell.attributes)
  }

  /// One rectangle per run of cells sharing a non-default background.
  private func appendBackgrounds(_ paints: [Paint], y: Int, to svg: inout String) {
    var x = 0
    while x < paints.count {
      guard let color = paints[x].bg else {
        x += 1
        continue
      }
      var end = x + 1
      while end < paints.count && paints[end].bg == color { end += 1 }
      svg += rect(x: x * cellWidth, y: y * cellHeight, width: (end - x) * cellWidth, height: cellHeight, fill: color)
      x = end
    }
  }

  /// Rectangles for block elements and braille dots.
  private func appendShapes(_ cells: ArraySlice<Cell>, _ paints: [Paint], y: Int, to svg: inout String) {
    for (offset, cell) in cells.enumerated() {
      let paint = paints[offset]
      let left = offset * cellWidth
      let top = y * cellHeight
      if let box = BlockGlyph.box(for: cell.symbol) {
        let opacity = paint.attributes.contains(.dim) ? box.opacity * 0.6 : box.opacity
        svg += rect(
          x: left + Int(box.left * Double(cellWidth)), y: top + Int(box.top * Double(cellHeight)),
          width: Int((box.right - box.left) * Double(cellWidth)),
          height: Int((box.bottom - box.top) * Double(cellHeight)),
          fill: paint.fg, opacity: opacity)
      } else if let arms = BlockGlyph.arms(for: cell.symbol) {
        appendLine(arms, left: left, top: top, color: paint.fg, to: &svg)
      } else if let dots = BlockGlyph.brailleDots(for: cell.symbol) {
        // Each dot sits in a (cellWidth/2 × cellHeight/4) slot; draw a square in its middle.
        let (slotWidth, slotHeight) = (cellWidth / 2, cellHeight / 4)
        let size = max(1, min(slotWidth, slotHeight) * 3 / 4)
        for (column, row) in dots {
          svg += rect(
            x: left + column * slotWidth + (slotWidth - size) / 2, y: top + row * slotHeight + (slotHeight - size) / 2,
            width: size, height: size, fill: paint.fg)
        }
      }
    }
  }

  /// Box-drawing lines as thin rectangles from the cell centre to each edge they reach,
  /// so borders join across rows whatever the font's line height.
  private func appendLine(_ arms: BlockGlyph.LineArms, left: Int, top: Int, color: RGB, to svg: inout String) {
    let thickness = max(1, cellWidth / 8)
    let centerX = left + (cellWidth - thickness) / 2
    let centerY = top + (cellHeight - thickness) / 2
    if arms.contains(.left) {
      svg += rect(x: left, y: centerY, width: centerX - left + thickness, height: thickness, fill: color)
    }
    if arms.contains(.right) {
      svg += rect(x: centerX, y: centerY, width: left + cellWidth - centerX, height: thickness, fill: color)
    }
    if arms.contains(.up) {
      svg += rect(x: centerX, y: top, width: thickness, height: centerY - top + thickness, fill: color)
    }
    if arms.contains(.down) {
      svg += rect(x: centerX, y: centerY, width: thickness, height: top + cellHeight - centerY, fill: color)
    }
  }

  /// A `<text>` per run of same-styled cells that are neither shapes nor blank.
  private func appendText(_ cells: ArraySlice<Cell>, _ paints: [Paint], y: Int, to svg: inout String) {
    let row = Array(cells)
    func isText(_ index: Int) -> Bool {
      let symbol = row[index].symbol
      return BlockGlyph.box(for: symbol) == nil && BlockGlyph.arms(for: symbol) == nil
        && BlockGlyph.brailleDots(for: symbol) == nil
    }
    var x = 0
    while x < row.count {
      guard isText(x), !row[x].isContinuation else {
        x += 1
        continue
      }
      var end = x + 1
      while end < row.count && isText(end) && (row[end].isContinuation || paints[end] == paints[x]) { end += 1 }
      // Leading and trailing blanks are left out: renderers differ in how they place them.
      let isBlank = { (index: Int) in row[index].symbol == " " }
      let first = (x..<end).first { !isBlank($0) }
      let last = (x..<end).last { !isBlank($0) && !row[$0].isContinuation }
      if let first, let last {
        let lastEnd = last + 1 < end && row[last + 1].isContinuation ? last + 2 : last + 1
        let text = row[first..<lastEnd].map(\.symbol).joined()
        svg += textElement(text, column: first, columns: lastEnd - first, y: y, paint: paints[x])
      }
      x = end
    }
  }

  private func textElement(_ text: String, column: Int, columns: Int, y: Int, paint: Paint) -> String {
    var attributes = "x=\"\(column * cellWidth)\" y=\"\(y * cellHeight + cellHeight * 3 / 4)\" fill=\"\(paint.fg)\""
    attributes += " xml:space=\"preserve\""
    // Stretch multi-character runs to the grid so a font slightly off 8 px per glyph cannot drift.
    if text.count > 1 { attributes += " textLength=\"\(columns * cellWidth)\" lengthAdjust=\"spacing\"" }
    if paint.attributes.contains(.bold) { attributes += " font-weight=\"bold\"" }
    if paint.attributes.contains(.italic) { attributes += " font-style=\"italic\"" }
    if paint.attributes.contains(.underline) { attributes += " text-decoration=\"underline\"" }
    if paint.attributes.contains(.dim) { attributes += " fill-opacity=\"0.6\"" }
    return "<text \(attributes)>\(Self.escape(text))</text>\n"
  }

  private func rect(x: Int, y: Int, width: Int, height: Int, fill: RGB, opacity: Double = 1) -> String {
    let opacityAttribute = opacity < 1 ? " fill-opacity=\"\(opacity)\"" : ""
    return "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" fill=\"\(fill)\"\(opacityAttribute)/>\n"
  }

  /// Escapes XML special characters; characters XML forbids become U+FFFD.
  static func escape(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      default:
        let v = scalar.value
        let allowed = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
        escaped.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return escaped
  }
}
