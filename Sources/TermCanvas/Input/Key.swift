/// A key press as a terminal UI sees it, independent of the backend that read it.
public enum Key: Sendable, Hashable {
  /// A printable character (letters, digits, punctuation, space).
  case character(Character)
  case left, right, up, down
  /// Shift plus ← or →.
  case shiftLeft, shiftRight
  case pageUp, pageDown, home, end
  case tab, backTab, enter, escape, backspace
  /// Ctrl plus a letter, lower-case (Ctrl-C arrives as a signal, not as this).
  case control(Character)
  /// A function key F1…F12.
  case function(Int)
}
