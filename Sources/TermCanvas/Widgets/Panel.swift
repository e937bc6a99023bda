/// A box border `┌─┐│└┘` with a title at top-left and a key hint at bottom-right.
///
/// Not a `Widget`: its `render` returns the inner rect for the content. It does
/// not clear the inside.
///
/// ```swift
/// let inner = Panel(title: "Hidden state").keyHint("←→ step").render(in: area, on: &grid)
/// heatmap.render(in: inner, on: &grid)
/// ```
public struct Panel: Sendable, Configurable {
  /// Title drawn into the top border (empty: none).
  public var title: String
  /// Hint drawn into the bottom border, right-aligned (empty: none).
  public var keyHint: String = ""
  /// Style of the border lines.
  public var borderStyle: Style = .plain
  /// Style of the title.
  public var titleStyle: Style = Style(attributes: .bold)
  /// Style of the key hint.
  public var hintStyle: Style = Style(attributes: .dim)

  /// Creates a panel with an optional title.
  public init(title: String = "") {
    self.title = title
  }

  /// Sets the bottom-right key hint.
  public func keyHint(_ hint: String) -> Panel { with(\.keyHint, hint) }
  /// Sets the border style.
  public func borderStyle(_ style: Style) -> Panel { with(\.borderStyle, style) }
  /// Sets the title style.
  public func titleStyle(_ style: Style) -> Panel { with(\.titleStyle, style) }

  /// The content area inside the border of `rect`.
  public static func inner(of rect: Rect) -> Rect { rect.inset(by: 1) }

  /// Draws the border, title and hint; returns the inner rect.
  @discardableResult
  public func render(in rect: Rect, on grid: inout Grid) -> Rect {
    // A rect hanging off the grid gets its border along the grid's edge.
    let area = rect.intersection(grid.bounds)
    guard area.width >= 2, area.height >= 2 else { return Self.inner(of: area) }
    let (left, right, top, bottom) = (area.x, area.maxX - 1, area.y, area.maxY - 1)
    for x in (left + 1)..<right {
      grid[x, top] = Cell("─", style: borderStyle)
      grid[x, bottom] = Cell("─", style: borderStyle)
    }
    for y in (top + 1)..<bottom {
      grid[left, y] = Cell("│", style: borderStyle)
      grid[right, y] = Cell("│", style: borderStyle)
    }
    grid[left, top] = Cell("┌", style: borderStyle)
    grid[right, top] = Cell("┐", style: borderStyle)
    grid[left, bottom] = Cell("└", style: borderStyle)
    grid[right, bottom] = Cell("┘", style: borderStyle)
    // Labels sit inside the corners with a space either side: "┌ Title ───┐".
    let labelSpace = Rect(x: left + 1, y: top, width: area.width - 2, height: 1)
    if !title.isEmpty && labelSpace.width > 2 {
      grid.put(
        " " + Grid.truncate(title, toWidth: labelSpace.width - 2) + " ", truncatingIn: labelSpace, style: titleStyle)
    }
    if !keyHint.isEmpty && labelSpace.width > 2 {
      let hintSpace = Rect(x: labelSpace.x, y: bottom, width: labelSpace.width, height: 1)
      grid.put(
        " " + Grid.truncate(keyHint, toWidth: labelSpace.width - 2) + " ", truncatingIn: hintSpace, style: hintStyle,
        alignment: .right)
    }
    return Self.inner(of: area)
  }
}
