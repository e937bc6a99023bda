import CNCurses
import TermCanvas

/// Turns curses key codes and characters into `Key` values.
enum KeyDecoding {
  /// A special key reported by curses (`get_wch` returned KEY_CODE_YES).
  static func key(forKeyCode code: Int32) -> Key? {
    switch code {
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_SLEFT: return .shiftLeft
    case KEY_SRIGHT: return .shiftRight
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_BTAB: return .backTab
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
    default: return nil
    }
  }

  /// An ordinary character, or a control character typed with Ctrl.
  static func key(forCharacter value: UInt32) -> Key? {
    switch value {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(UInt8(value + 96))))
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      return .character(Character(scalar))
    }
  }
}
