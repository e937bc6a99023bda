/// A row-major grid of cells: the frame every widget draws into.
///
/// ```swift
/// var grid = Grid(width: 80, height: 24)
/// grid.put("loss 0.42", at: (x: 1, y: 0), style: Style(fg: .white))
/// Sparkline(values: losses).render(in: Rect(x: 0, y: 1, width: 80, height: 1), on: &grid)
/// ```
public struct Grid: Sendable, Hashable {
  /// Number of columns.
  public let width: Int
  /// Number of rows.
  public let height: Int
  /// All cells, row after row (`cells[y * width + x]`).
  public internal(set) var cells: [Cell]

  /// Creates a `width` × `height` grid filled with `cell`.
  public init(width: Int, height: Int, filling cell: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: cell, count: self.width * self.height)
  }

  /// The whole grid as a rectangle at (0, 0).
  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  /// The cell at column `x`, row `y` (must be inside the grid).
  ///
  /// Writing through the subscript is raw: it does not keep wide characters
  /// paired. Use `put` for text.
  public subscript(x: Int, y: Int) -> Cell {
    get {
      precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) outside grid")
      return cells[y * width + x]
    }
    set {
      precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) outside grid")
      cells[y * width + x] = newValue
    }
  }

  /// The cells of row `y`, left to right.
  public func row(_ y: Int) -> ArraySlice<Cell> {
    cells[(y * width)..<((y + 1) * width)]
  }

  /// Sets every cell inside `rect` (clipped to the grid) to `cell`.
  public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    for y in area.y..<area.maxY {
      let start = y * width
      for x in area.x..<area.maxX { cells[start + x] = cell }
    }
  }

  /// Sets every cell of the grid to `cell`.
  public mutating func fill(with cell: Cell = .blank) {
    fill(bounds, with: cell)
  }
}
