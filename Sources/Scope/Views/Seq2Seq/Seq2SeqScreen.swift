import TermCanvas

/// The whole screen an encoder–decoder view draws for `snapshot`: a title line with the view's
/// name and the model, the view, and its key hint on the last line.
enum Seq2SeqScreen {
  /// A `width × height` screen with `render` drawing the view between the title and the hint.
  static func grid(
    view name: String, model: String, hint: String, width: Int, height: Int, render: (Rect, inout Grid) -> Void
  ) -> Grid {
    var grid = Grid(width: width, height: height)
    let rows = Layout.rows([.fixed(1), .remainder, .fixed(1)], in: grid.bounds)
    var x = grid.put(" rnnscope ", at: (0, 0), style: Theme.title.fg(Theme.accent))
    x += grid.put(" \(name) ", at: (x, 0), style: Theme.selectedTab)
    grid.put(" " + model, truncatingIn: Rect(x: x, y: 0, width: width - x, height: 1), style: Theme.label)
    render(rows[1], &grid)
    grid.put(hint, truncatingIn: rows[2].inset(horizontal: 1, vertical: 0), style: Theme.dim)
    return grid
  }

  /// A vector as a small heatmap wrapped over rows `columns` wide (the last row padded with 0).
  static func wrapped(_ values: [Float], columns: Int) -> [[Float]] {
    let columns = max(1, min(columns, values.count))
    return stride(from: 0, to: values.count, by: columns).map { start in
      let row = Array(values[start..<min(start + columns, values.count)])
      return row + [Float](repeating: 0, count: columns - row.count)
    }
  }
}
