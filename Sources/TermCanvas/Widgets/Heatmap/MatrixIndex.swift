/// A (row, column) position in a data matrix, e.g. a heatmap cursor or scroll offset.
public struct MatrixIndex: Sendable, Hashable {
  /// Data row (e.g. hidden unit).
  public var row: Int
  /// Data column (e.g. time step).
  public var column: Int

  /// Creates an index.
  public init(row: Int, column: Int) {
    self.row = row
    self.column = column
  }

  /// The top-left entry.
  public static let zero = MatrixIndex(row: 0, column: 0)
}
