/// A dot raster with 2 × 4 braille dots per cell, each cell taking the colour last drawn into it.
struct BrailleCanvas {
  /// Size in cells.
  let width: Int
  let height: Int
  /// Size in dots.
  var dotWidth: Int { width * 2 }
  var dotHeight: Int { height * 4 }
  /// Dot bits per cell, row-major (cells), shape (height, width).
  private var bits: [UInt8]
  /// Colour per cell, shape (height, width).
  private var colors: [RGB?]

  init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    bits = Array(repeating: 0, count: self.width * self.height)
    colors = Array(repeating: nil, count: self.width * self.height)
  }

  /// The bit of each dot inside a cell, indexed [dot row][dot column] (Unicode braille numbering).
  private static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

  /// The 256 braille patterns U+2800…U+28FF as strings, indexed by dot bits.
  static let symbols: [String] = (0..<256).map { bits in
    Unicode.Scalar(UInt32(0x2800 + bits)).map { String(Character($0)) } ?? " "
  }

  /// Turns on the dot at (`x`, `y`) (origin top-left); dots outside are ignored.
  mutating func setDot(x: Int, y: Int, color: RGB?) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let cell = (y / 4) * width + x / 2
    bits[cell] |= Self.dotBits[y % 4][x % 2]
    colors[cell] = color
  }

  /// Draws a straight line of dots (Bresenham). A dashed line (non-nil `dashPhase`) sets every
  /// other dot, continuing the pattern from `dashPhase`, which it advances. `includeStart: false`
  /// skips the first dot, which the previous segment of a polyline already drew.
  mutating func line(
    from start: (x: Int, y: Int), to end: (x: Int, y: Int), color: RGB?,
    dashPhase: inout Int?, includeStart: Bool = true
  ) {
    let dx = abs(end.x - start.x)
    let dy = -abs(end.y - start.y)
    let stepX = start.x < end.x ? 1 : -1
    let stepY = start.y < end.y ? 1 : -1
    var error = dx + dy
    var (x, y) = start
    var isFirst = true
    while true {
      defer { isFirst = false }
      if isFirst && !includeStart {
        // Already drawn as the end of the previous segment.
      } else if let phase = dashPhase {
        if phase % 2 == 0 { setDot(x: x, y: y, color: color) }
        dashPhase = phase + 1
      } else {
        setDot(x: x, y: y, color: color)
      }
      if x == end.x && y == end.y { break }
      let doubled = 2 * error
      if doubled >= dy {
        error += dy
        x += stepX
      }
      if doubled <= dx {
        error += dx
        y += stepY
      }
    }
  }

  /// Copies the raster into `area` of `grid`: braille cells where dots are set, blanks elsewhere.
  func draw(into area: Rect, on grid: inout Grid) {
    for row in 0..<min(height, area.height) {
      for column in 0..<min(width, area.width) {
        let index = row * width + column
        let pattern = bits[index]
        grid[area.x + column, area.y + row] =
          pattern == 0
          ? .blank : Cell(Self.symbols[Int(pattern)], style: Style(fg: colors[index]))
      }
    }
  }
}
