extension Heatmap {
  /// Where the parts of the heatmap go inside a rect.
  struct Geometry {
    /// Row labels, left of the data.
    var rowLabelArea: Rect
    /// The coloured cells.
    var dataArea: Rect
    /// Column labels, under the data.
    var columnLabelArea: Rect
    /// Data rows and columns that fit.
    var visible: MatrixIndex
  }

  /// Splits `rect` into label and data areas.
  func geometry(in rect: Rect) -> Geometry {
    let labelWidth = rowLabels.map { labels in labels.map(DisplayWidth.of).max().map { $0 + 1 } ?? 0 } ?? 0
    let (rowLabelArea, rightPart) = rect.splitLeft(labelWidth)
    let (dataArea, columnLabelArea) = rightPart.splitBottom(columnLabels == nil ? 0 : 1)
    let visible = MatrixIndex(row: dataArea.height * rowsPerTextRow, column: dataArea.width / columnsPerDataColumn)
    return Geometry(
      rowLabelArea: Rect(x: rowLabelArea.x, y: dataArea.y, width: rowLabelArea.width, height: dataArea.height),
      dataArea: dataArea, columnLabelArea: columnLabelArea, visible: visible)
  }

  /// How many data rows and columns fit in `rect` (for scrolling).
  public func visibleDataSize(in rect: Rect) -> MatrixIndex { geometry(in: rect).visible }

  /// The offset actually used in `rect`: `offset` clamped so no space is wasted past the data's end.
  public func clampedOffset(in rect: Rect) -> MatrixIndex {
    let visible = visibleDataSize(in: rect)
    return MatrixIndex(
      row: min(max(offset.row, 0), max(0, rows - visible.row)),
      column: min(max(offset.column, 0), max(0, columns - visible.column)))
  }

  /// A copy whose offset moves as little as needed to keep the cursor visible in `rect`.
  public func scrolledToCursor(in rect: Rect) -> Heatmap {
    guard let cursor else { return self }
    let visible = visibleDataSize(in: rect)
    func follow(_ start: Int, _ position: Int, _ length: Int) -> Int {
      guard length > 0 else { return start }
      if position < start { return position }
      if position >= start + length { return position - length + 1 }
      return start
    }
    return offset(
      MatrixIndex(
        row: follow(offset.row, cursor.row, visible.row),
        column: follow(offset.column, cursor.column, visible.column)))
  }

  /// Draws labels and cells; data outside the visible window is clipped.
  public func render(in rect: Rect, on grid: inout Grid) {
    let area = rect.intersection(grid.bounds)
    guard !area.isEmpty else { return }
    let geometry = geometry(in: area)
    let start = clampedOffset(in: area)
    drawCells(geometry.dataArea, start: start, on: &grid)
    drawRowLabels(geometry.rowLabelArea, start: start, on: &grid)
    drawColumnLabels(geometry.columnLabelArea, start: start, on: &grid)
  }

  private func drawCells(_ area: Rect, start: MatrixIndex, on grid: inout Grid) {
    let visibleColumns = min(area.width / columnsPerDataColumn, columns - start.column)
    for textRow in 0..<area.height {
      let y = area.y + textRow
      let upperRow = start.row + textRow * rowsPerTextRow
      for x in area.x..<area.maxX { grid[x, y] = .blank }
      guard upperRow < rows else { continue }
      for dataColumn in 0..<max(0, visibleColumns) {
        let column = start.column + dataColumn
        let cell =
          monochrome ? shadeCell(row: upperRow, column: column) : halfBlockCell(upperRow: upperRow, column: column)
        let x = area.x + dataColumn * columnsPerDataColumn
        for dx in 0..<columnsPerDataColumn { grid[x + dx, y] = cell }
      }
    }
  }

  /// `▀` with the upper row as foreground and the lower row (if any) as background.
  private func halfBlockCell(upperRow: Int, column: Int) -> Cell {
    let lowerRow = upperRow + 1
    var cell = Cell("▀")
    cell.fg =
      cursor == MatrixIndex(row: upperRow, column: column)
      ? cursorColor : colorMap.color(for: value(row: upperRow, column: column))
    if lowerRow < rows {
      cell.bg =
        cursor == MatrixIndex(row: lowerRow, column: column)
        ? cursorColor : colorMap.color(for: value(row: lowerRow, column: column))
    }
    return cell
  }

  /// A shade character by intensity; diverging values below the midpoint are dim, the cursor reversed.
  private func shadeCell(row: Int, column: Int) -> Cell {
    let v = value(row: row, column: column)
    var cell = Cell(Shade.character(forIntensity: colorMap.intensity(for: v)))
    if colorMap.kind == .diverging, let t = colorMap.position(of: v), t < 0.5 { cell.attributes.insert(.dim) }
    if cursor == MatrixIndex(row: row, column: column) { cell.attributes.insert(.reverse) }
    return cell
  }

  private func drawRowLabels(_ area: Rect, start: MatrixIndex, on grid: inout Grid) {
    guard let rowLabels, area.width > 0 else { return }
    grid.fill(area)
    for textRow in 0..<area.height {
      let upperRow = start.row + textRow * rowsPerTextRow
      guard upperRow < rowLabels.count, upperRow < rows else { break }
      let rowsHere = upperRow..<min(upperRow + rowsPerTextRow, rows)
      let marked = rowsHere.first { markedRows.contains($0) && $0 < rowLabels.count }
      var style = cursor.map { rowsHere.contains($0.row) } == true ? highlighted(labelStyle) : labelStyle
      if marked != nil { style = marking(style) }
      let labelRect = Rect(x: area.x, y: area.y + textRow, width: area.width - 1, height: 1)
      grid.put(rowLabels[marked ?? upperRow], truncatingIn: labelRect, style: style, alignment: .right)
    }
  }

  private func drawColumnLabels(_ area: Rect, start: MatrixIndex, on grid: inout Grid) {
    guard let columnLabels, !area.isEmpty else { return }
    grid.fill(area)
    let visibleColumns = min(
      area.width / columnsPerDataColumn, columns - start.column, columnLabels.count - start.column)
    for dataColumn in 0..<max(0, visibleColumns) {
      let column = start.column + dataColumn
      let label = Self.visibleLabel(columnLabels[column])
      let text = DisplayWidth.of(label) > columnsPerDataColumn ? "…" : String(label)
      var style = cursor?.column == column ? highlighted(labelStyle) : labelStyle
      if markedColumns?.contains(column) == true { style = marking(style) }
      grid.put(text, at: (area.x + dataColumn * columnsPerDataColumn, area.y), style: style, maxX: area.maxX)
    }
  }

  /// `style` in the mark's colour and attributes, no longer dim.
  private func marking(_ style: Style) -> Style {
    var style = style.fg(markStyle.fg ?? style.fg).adding(markStyle.attributes)
    style.attributes.remove(.dim)
    return style
  }

  /// The label style used at the cursor's row and column.
  private func highlighted(_ style: Style) -> Style {
    var style = style
    style.attributes.remove(.dim)
    style.attributes.formUnion([.bold, .reverse])
    return style
  }
}
