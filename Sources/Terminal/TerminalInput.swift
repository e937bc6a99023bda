import TermCanvas

/// Something the person did at the terminal.
public enum TerminalInput: Sendable, Equatable {
  /// A key press.
  case key(Key)
  /// The window changed size.
  case resize
  /// A mouse click at a cell.
  case click(x: Int, y: Int)
  /// The mouse wheel turned.
  case scroll(up: Bool)
}
