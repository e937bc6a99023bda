extension Grid {
  /// Writes `string` from (`x`, `y`) to the right in `style`; returns the number of columns written.
  ///
  /// Wide characters take two cells (the second a continuation cell) and are
  /// not split: one that does not fit before `maxX` (default: the grid's right
  /// edge) stops the write. Combining characters stay with their base cell, so
  /// columns never shift. Control characters are shown as `�`.
  @discardableResult
  public mutating func put(_ string: String, at position: (x: Int, y: Int), style: Style = .plain, maxX: Int? = nil)
    -> Int
  {
    let (startX, y) = position
    guard y >= 0 && y < height else { return 0 }
    let limit = min(maxX ?? width, width)
    var x = startX
    for character in string {
      let columns = DisplayWidth.of(character)
      if columns == 0 {
        if character.unicodeScalars.first.map(Self.isControl) == true {
          guard x + 1 <= limit else { break }
          if x >= 0 { setSymbol("\u{FFFD}", columns: 1, x: x, y: y, style: style) }
          x += 1
        } else {
          attachToPreviousCell(character, x: x, y: y)
        }
        continue
      }
      guard x + columns <= limit else { break }
      if x >= 0 { setSymbol(String(character), columns: columns, x: x, y: y, style: style) }
      x += columns
    }
    return max(0, x - max(startX, 0))
  }

  /// Writes `string` into `rect`'s first row, cutting it with `…` when it is wider than the rect.
  @discardableResult
  public mutating func put(
    _ string: String, truncatingIn rect: Rect, style: Style = .plain, alignment: Alignment = .left
  ) -> Int {
    let area = rect.intersection(bounds)
    guard area.width > 0, area.height > 0, rect.y == area.y else { return 0 }
    let text = Self.truncate(string, toWidth: rect.width)
    let textWidth = DisplayWidth.of(text)
    let x: Int
    switch alignment {
    case .left: x = rect.x
    case .center: x = rect.x + (rect.width - textWidth) / 2
    case .right: x = rect.maxX - textWidth
    }
    return put(text, at: (x, rect.y), style: style, maxX: area.maxX)
  }

  /// `string` cut to at most `width` columns, ending in `…` when anything was cut.
  public static func truncate(_ string: String, toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    if DisplayWidth.of(string) <= width { return string }
    var result = ""
    var used = 0
    for character in string {
      let columns = DisplayWidth.of(character)
      if used + columns > width - 1 { break }
      result.append(character)
      used += columns
    }
    return result + "…"
  }

  /// Sets a 1- or 2-column symbol, repairing any wide character it cuts in half.
  private mutating func setSymbol(_ symbol: String, columns: Int, x: Int, y: Int, style: Style) {
    let index = y * width + x
    // Overwriting the right half of a wide character orphans its left half.
    if cells[index].isContinuation && x > 0 { cells[index - 1].symbol = " " }
    let lastIndex = index + columns - 1
    // Overwriting the left half of a wide character orphans its right half.
    if x + columns < width && cells[lastIndex + 1].isContinuation { cells[lastIndex + 1].symbol = " " }
    cells[index] = Cell(symbol, style: style)
    if columns == 2 { cells[index + 1] = Cell("", style: style) }
  }

  /// Appends a zero-width grapheme (e.g. a lone combining mark) to the cell left of `x`.
  private mutating func attachToPreviousCell(_ character: Character, x: Int, y: Int) {
    var baseX = x - 1
    while baseX >= 0 && cells[y * width + baseX].isContinuation { baseX -= 1 }
    guard baseX >= 0 && baseX < width else { return }
    cells[y * width + baseX].symbol.append(character)
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
  }
}
