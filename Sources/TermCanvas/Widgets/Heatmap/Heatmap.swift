/// A matrix of numbers drawn as coloured cells, two data rows per text row.
///
/// Each text cell is an upper half block `▀` whose foreground is the upper data
/// row and whose background is the lower one. Column labels (one character per
/// data column, e.g. the input text) go under the map, row labels to its left.
///
/// ```swift
/// Heatmap(rows: 64, columns: 100, values: hiddenStates)   // (H, T) row-major
///   .colorMap(.diverging)
///   .columnLabels(Array(inputText))
///   .rowLabels((0..<64).map(String.init))
///   .cursor(MatrixIndex(row: 3, column: 17))
///   .render(in: area, on: &grid)
/// ```
public struct Heatmap: Widget, Configurable {
  /// Number of data rows.
  public var rows: Int
  /// Number of data columns.
  public var columns: Int
  /// The data, row-major: `values[row * columns + column]`, shape (rows, columns).
  public var values: [Float]
  /// Maps values to colours (default: `.diverging` over [-1, 1]).
  public var colorMap: ColorMap = .diverging
  /// One label character per data column, shown under the map (control characters made visible).
  public var columnLabels: [Character]?
  /// One label per data row, right-aligned left of the map (only upper rows of each text row show).
  public var rowLabels: [String]?
  /// The highlighted data cell, if any.
  public var cursor: MatrixIndex?
  /// Colour painted over the cursor's half cell.
  public var cursorColor: RGB = .white
  /// First visible data row and column when the data is larger than the rect (clamped when drawn).
  public var offset: MatrixIndex = .zero
  /// Text columns per data column: 1, or 2 for readability.
  public var cellWidth: Int = 1
  /// Draw one data row per text row with shade characters ` ░▒▓█` instead of colour.
  public var monochrome: Bool = false
  /// Style of the axis labels.
  public var labelStyle: Style = Style(attributes: .dim)
  /// Rows and columns whose labels stand out in `markStyle` (e.g. units a search selected, a span of time).
  public var markedRows: Set<Int> = []
  /// Columns whose labels stand out in `markStyle`.
  public var markedColumns: Range<Int>? = nil
  /// The style of marked labels.
  public var markStyle: Style = Style(attributes: [.bold, .underline])

  /// Creates a heatmap of `rows` × `columns` values stored row-major.
  public init(rows: Int, columns: Int, values: [Float]) {
    precondition(values.count == rows * columns, "values must hold rows × columns numbers")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Creates a heatmap from nested rows (all rows must have the same length).
  public init(matrix: [[Float]]) {
    self.init(rows: matrix.count, columns: matrix.first?.count ?? 0, values: matrix.flatMap { $0 })
  }

  /// Sets the colour map.
  public func colorMap(_ map: ColorMap) -> Heatmap { with(\.colorMap, map) }
  /// Sets the per-column label characters.
  public func columnLabels(_ labels: [Character]?) -> Heatmap { with(\.columnLabels, labels) }
  /// Sets the per-row labels.
  public func rowLabels(_ labels: [String]?) -> Heatmap { with(\.rowLabels, labels) }
  /// Sets the highlighted cell.
  public func cursor(_ index: MatrixIndex?) -> Heatmap { with(\.cursor, index) }
  /// Sets the colour that marks the cursor.
  public func cursorColor(_ color: RGB) -> Heatmap { with(\.cursorColor, color) }
  /// Sets the scroll offset (first visible data row and column).
  public func offset(_ index: MatrixIndex) -> Heatmap { with(\.offset, index) }
  /// Sets text columns per data column (1 or 2).
  public func cellWidth(_ width: Int) -> Heatmap { with(\.cellWidth, min(max(width, 1), 2)) }
  /// Switches shade-character drawing for monochrome terminals on or off.
  public func monochrome(_ on: Bool) -> Heatmap { with(\.monochrome, on) }
  /// Sets the style of the axis labels.
  public func labelStyle(_ style: Style) -> Heatmap { with(\.labelStyle, style) }
  /// Marks the labels of `rows` and `columns` in `style`; a text row holding a marked row shows its label.
  public func marked(rows: Set<Int>, columns: Range<Int>?, style: Style) -> Heatmap {
    with(\.markedRows, rows).with(\.markedColumns, columns).with(\.markStyle, style)
  }

  /// The value at (`row`, `column`).
  public func value(row: Int, column: Int) -> Float { values[row * columns + column] }

  /// Data rows per text row: 2 with half blocks, 1 with shade characters.
  var rowsPerTextRow: Int { monochrome ? 1 : 2 }
  /// Text columns per data column, `cellWidth` kept to 1…2 even when set directly.
  var columnsPerDataColumn: Int { min(max(cellWidth, 1), 2) }

  /// The character a label shows for `character`: space as `·`, newline `↵`, tab `⇥`, other controls `�`.
  public static func visibleLabel(_ character: Character) -> Character {
    switch character {
    case " ": return "·"
    case "\n", "\r\n", "\r": return "↵"
    case "\t": return "⇥"
    default:
      guard let scalar = character.unicodeScalars.first else { return "�" }
      return scalar.properties.generalCategory == .control ? "�" : character
    }
  }
}
