/// Why the terminal UI could not start, worded for the person at the keyboard.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
  case notATerminal
  case termUnset
  case unknownTerminal(String)
  case cannotPositionCursor(String)

  public var description: String {
    switch self {
    case .notATerminal:
      return "rnnscope: the TUI needs a terminal, but standard input or output is not one. "
        + "Run it in a terminal window, or use 'rnnscope train' for headless training."
    case .termUnset:
      return "rnnscope: TERM is not set, so the terminal's capabilities are unknown. "
        + "Set it (for example: export TERM=xterm-256color) and try again."
    case .unknownTerminal(let name):
      return "rnnscope: the terminal type '\(name)' is not known to curses (no terminfo entry). "
        + "Try: export TERM=xterm-256color"
    case .cannotPositionCursor(let name):
      return "rnnscope: the terminal type '\(name)' cannot move the cursor, which the TUI needs. "
        + "Use a full terminal (export TERM=xterm-256color), or 'rnnscope train' for headless training."
    }
  }
}
