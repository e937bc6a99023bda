/// A header row and data rows in aligned columns; numbers right-aligned, long cells cut with `…`.
///
/// ```swift
/// Table(header: ["unit", "mean", "max"], rows: [["0", "0.12", "0.98"], ["1", "-0.40", "0.51"]])
///   .selectedRow(1)
///   .render(in: area, on: &grid)
/// ```
public struct Table: Widget, Configurable {
  /// Column titles.
  public var header: [String]
  /// Data rows; missing cells are blank, extra cells ignored.
  public var rows: [[String]]
  /// Per-column alignment; `nil` right-aligns columns whose cells are all numbers, left-aligns the rest.
  public var alignments: [Alignment]?
  /// Blank columns between columns.
  public var columnSpacing: Int = 2
  /// Data row drawn in `selectedStyle`, if any.
  public var selectedRow: Int?
  /// Style of the header.
  public var headerStyle: Style = Style(attributes: .bold)
  /// Style of data rows.
  public var rowStyle: Style = .plain
  /// Style of the selected row.
  public var selectedStyle: Style = Style(attributes: .reverse)

  /// Creates a table.
  public init(header: [String], rows: [[String]]) {
    self.header = header
    self.rows = rows
  }

  /// Fixes the column alignments.
  public func alignments(_ alignments: [Alignment]?) -> Table { with(\.alignments, alignments) }
  /// Sets the spacing between columns.
  public func columnSpacing(_ spacing: Int) -> Table { with(\.columnSpacing, max(0, spacing)) }
  /// Highlights a data row.
  public func selectedRow(_ row: Int?) -> Table { with(\.selectedRow, row) }
  /// Sets the header style.
  public func headerStyle(_ style: Style) -> Table { with(\.headerStyle, style) }

  /// Whether `text` reads as a number (`-1.5`, `3e-4`, `12%`).
  static func isNumeric(_ text: String) -> Bool {
    let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
    return Double(trimmed) != nil
  }

  /// The alignment of each column.
  func resolvedAlignments(columnCount: Int) -> [Alignment] {
    (0..<columnCount).map { column in
      if let alignments, column < alignments.count { return alignments[column] }
      let cells = rows.compactMap { column < $0.count ? $0[column] : nil }.filter { !$0.isEmpty }
      return !cells.isEmpty && cells.allSatisfy(Self.isNumeric) ? .right : .left
    }
  }

  /// Natural column widths, shrunk one column at a time (widest first) until they fit `width`.
  func columnWidths(columnCount: Int, fitting width: Int) -> [Int] {
    var widths = (0..<columnCount).map { column in
      ([header] + rows).map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0
    }
    let available = width - columnSpacing * max(0, columnCount - 1)
    while widths.reduce(0, +) > max(0, available), let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
      widths[widest] > 1
    {
      widths[widest] -= 1
    }
    return widths
  }

  /// Draws the header on the first row and as many data rows as fit.
  public func render(in rect: Rect, on grid: inout Grid) {
    let area = rect.intersection(grid.bounds)
    guard !area.isEmpty else { return }
    grid.fill(area)
    let columnCount = max(header.count, rows.map(\.count).max() ?? 0)
    let widths = columnWidths(columnCount: columnCount, fitting: area.width)
    let alignments = resolvedAlignments(columnCount: columnCount)
    drawRow(header, y: area.y, widths: widths, alignments: alignments, style: headerStyle, in: area, on: &grid)
    for (index, row) in rows.prefix(area.height - 1).enumerated() {
      let y = area.y + 1 + index
      let style = index == selectedRow ? selectedStyle : rowStyle
      if index == selectedRow {
        grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: style))
      }
      drawRow(row, y: y, widths: widths, alignments: alignments, style: style, in: area, on: &grid)
    }
  }

  private func drawRow(
    _ cells: [String], y: Int, widths: [Int], alignments: [Alignment], style: Style, in area: Rect, on grid: inout Grid
  ) {
    var x = area.x
    for (column, width) in widths.enumerated() {
      guard x < area.maxX else { break }
      if column < cells.count {
        let cellRect = Rect(x: x, y: y, width: min(width, area.maxX - x), height: 1)
        grid.put(cells[column], truncatingIn: cellRect, style: style, alignment: alignments[column])
      }
      x += width + columnSpacing
    }
  }
}
