import TermCanvas

/// A grid pre-filled with "x", so cells a widget leaves untouched are visible.
func xGrid(width: Int, height: Int) -> Grid {
  Grid(width: width, height: height, filling: Cell("x"))
}

/// Renders `widget` into `rect` (default: the whole grid) of an "x"-filled grid.
func render(_ widget: some Widget, width: Int, height: Int, in rect: Rect? = nil) -> Grid {
  var grid = xGrid(width: width, height: height)
  widget.render(in: rect ?? grid.bounds, on: &grid)
  return grid
}

/// The grid's symbols, one line per row, trailing spaces kept.
func text(_ grid: Grid) -> String {
  PlainTextExporter().export(grid)
}
