/// The cells a backend must redraw to turn the previous frame into the next.
///
/// ```swift
/// let diff = GridDiff(from: previousFrame, to: frame)
/// if diff.isFullRedraw { clearScreen() }
/// for run in diff.runs { move(run.y, run.x); for cell in run.cells where !cell.isContinuation { draw(cell) } }
/// ```
/// Runs never start on a continuation cell, so drawing a run's wide
/// characters from its first cell keeps the row aligned.
public struct GridDiff: Sendable, Equatable {
  /// A horizontal stretch of changed cells on one row.
  public struct Run: Sendable, Equatable {
    /// Column of the first changed cell.
    public var x: Int
    /// Row of the run.
    public var y: Int
    /// The new cells, left to right.
    public var cells: [Cell]

    /// Creates a run.
    public init(x: Int, y: Int, cells: [Cell]) {
      self.x = x
      self.y = y
      self.cells = cells
    }
  }

  /// Whether the whole screen must be redrawn (no previous frame, or its size differs).
  public let isFullRedraw: Bool
  /// Changed runs, top to bottom, left to right; empty when nothing changed.
  public let runs: [Run]

  /// Whether there is nothing to redraw.
  public var isEmpty: Bool { runs.isEmpty }
  /// Number of cells to redraw, continuation cells included.
  public var changedCellCount: Int { runs.reduce(0) { $0 + $1.cells.count } }

  /// Compares two frames; a missing or differently sized `previous` redraws every row.
  public init(from previous: Grid?, to next: Grid) {
    guard let previous, previous.width == next.width, previous.height == next.height else {
      isFullRedraw = true
      runs = (0..<next.height).map { Run(x: 0, y: $0, cells: Array(next.row($0))) }
      return
    }
    isFullRedraw = false
    var runs: [Run] = []
    let width = next.width
    previous.cells.withUnsafeBufferPointer { old in
      next.cells.withUnsafeBufferPointer { new in
        for y in 0..<next.height {
          let rowStart = y * width
          var x = 0
          while x < width {
            if old[rowStart + x] == new[rowStart + x] {
              x += 1
              continue
            }
            var start = x
            // Begin at the wide character's left half so the backend redraws it whole.
            while start > 0 && new[rowStart + start].isContinuation { start -= 1 }
            var end = x + 1
            while end < width && (old[rowStart + end] != new[rowStart + end] || new[rowStart + end].isContinuation) {
              end += 1
            }
            runs.append(Run(x: start, y: y, cells: Array(new[(rowStart + start)..<(rowStart + end)])))
            x = end
          }
        }
      }
    }
    self.runs = runs
  }
}
