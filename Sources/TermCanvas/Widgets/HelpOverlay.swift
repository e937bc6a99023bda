/// A centred box listing keys and what they do, drawn over whatever is beneath (which it clears).
///
/// ```swift
/// HelpOverlay(entries: [.init(key: "q", description: "quit"), .init(key: "←→", description: "step")])
///   .render(in: grid.bounds, on: &grid)
/// ```
public struct HelpOverlay: Widget, Configurable {
  /// One key binding.
  public struct Entry: Sendable, Hashable {
    /// The key as shown, e.g. `"q"`, `"←→"`, `"Space"`.
    public var key: String
    /// What it does.
    public var description: String

    /// Creates an entry.
    public init(key: String, description: String) {
      self.key = key
      self.description = description
    }
  }

  /// The bindings, in display order.
  public var entries: [Entry]
  /// Box title.
  public var title: String = "Keys"
  /// Hint in the bottom border (empty: none).
  public var closeHint: String = "? close"
  /// Style of the box and its contents' background.
  public var style: Style = .plain
  /// Style of key names.
  public var keyStyle: Style = Style(attributes: .bold)

  /// Creates an overlay listing `entries`.
  public init(entries: [Entry]) {
    self.entries = entries
  }

  /// Sets the title.
  public func title(_ title: String) -> HelpOverlay { with(\.title, title) }
  /// Sets the close hint.
  public func closeHint(_ hint: String) -> HelpOverlay { with(\.closeHint, hint) }
  /// Sets the box style (its background covers the box).
  public func style(_ style: Style) -> HelpOverlay { with(\.style, style) }

  /// The box's rect when centred in `rect`: content size plus border and one column of padding.
  public func boxRect(in rect: Rect) -> Rect {
    let keyWidth = entries.map { DisplayWidth.of($0.key) }.max() ?? 0
    let descriptionWidth = entries.map { DisplayWidth.of($0.description) }.max() ?? 0
    let contentWidth = max(keyWidth + 2 + descriptionWidth, DisplayWidth.of(title) + 2, DisplayWidth.of(closeHint) + 2)
    return rect.centered(width: contentWidth + 4, height: entries.count + 2)
  }

  /// Clears the box area and draws the border and the key list.
  public func render(in rect: Rect, on grid: inout Grid) {
    let box = boxRect(in: rect.intersection(grid.bounds))
    guard !box.isEmpty else { return }
    grid.fill(box, with: Cell(" ", style: style))
    let inner = Panel(title: title).keyHint(closeHint).borderStyle(style)
      .titleStyle(style.adding(.bold)).render(in: box, on: &grid)
      .inset(horizontal: 1, vertical: 0)
    let keyWidth = entries.map { DisplayWidth.of($0.key) }.max() ?? 0
    var keyStyle = self.keyStyle
    keyStyle.bg = style.bg
    for (index, entry) in entries.prefix(inner.height).enumerated() {
      let y = inner.y + index
      grid.put(
        entry.key, truncatingIn: Rect(x: inner.x, y: y, width: min(keyWidth, inner.width), height: 1), style: keyStyle)
      let descriptionRect = Rect(x: inner.x + keyWidth + 2, y: y, width: inner.width - keyWidth - 2, height: 1)
      grid.put(entry.description, truncatingIn: descriptionRect, style: style)
    }
  }
}
