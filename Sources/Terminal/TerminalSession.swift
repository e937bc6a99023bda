import CNCurses
import TermCanvas

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The full-screen terminal: draws grids through curses, reads keys, and always restores the terminal.
///
/// The only type in rnnscope that touches curses. Drawing is a diff: each frame sends only the
/// cells that changed since the previous one.
public final class TerminalSession {
  /// How many colours the terminal shows; views pick glyphs (half blocks or shades) by it.
  public let colorDepth: ColorDepth
  private var previousFrame: Grid?
  private var colorPairs: ColorPairCache
  private var isOpen = true

  /// Starts curses on the controlling terminal, or explains why it cannot.
  ///
  /// Checks what `initscr` would otherwise handle by exiting the process: stdin/stdout not
  /// being a terminal, TERM unset, and a TERM without a terminfo entry; and refuses a terminal
  /// that cannot move the cursor.
  public static func open(environment: [String: String]) throws -> TerminalSession {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
    guard let term = environment["TERM"], !term.isEmpty else { throw TerminalError.termUnset }
    setlocale(LC_ALL, "")
    FatalSignalRestore.saveModes()
    guard rs_newterm_stdio() != nil else { throw TerminalError.unknownTerminal(term) }
    // Without cursor addressing (TERM=dumb) curses can only print the last line of each frame.
    guard let moveCursor = tigetstr("cup"), Int(bitPattern: moveCursor) != -1 else {
      endwin()
      throw TerminalError.cannotPositionCursor(term)
    }
    cbreak()
    noecho()
    keypad(rs_stdscr(), true)
    curs_set(0)
    set_escdelay(25)
    mousemask(rs_button1_pressed() | rs_button4_pressed() | rs_button5_pressed(), nil)
    var colorCount = 0
    if has_colors() {
      start_color()
      use_default_colors()
      colorCount = Int(rs_colors())
    }
    let depth = ColorDepth.detect(colorCount: colorCount, environment: environment)
    // 24-bit colour still goes through the 256-colour palette: curses pairs hold palette indices.
    FatalSignalRestore.install()
    return TerminalSession(colorDepth: depth == .trueColor ? .palette256 : depth)
  }

  private init(colorDepth: ColorDepth) {
    self.colorDepth = colorDepth
    self.colorPairs = ColorPairCache(depth: colorDepth, capacity: Int(rs_color_pairs()))
  }

  deinit { close() }

  /// The terminal's current size in cells.
  public var size: (width: Int, height: Int) {
    (Int(getmaxx(rs_stdscr())), Int(getmaxy(rs_stdscr())))
  }

  /// Puts `frame` on the screen, sending only what changed since the last frame.
  public func draw(_ frame: Grid) {
    let diff = GridDiff(from: previousFrame, to: frame)
    if diff.isFullRedraw { erase() }
    for run in diff.runs {
      var x = run.x
      for cell in run.cells {
        defer { x += 1 }
        if cell.isContinuation { continue }
        put(cell, x: x, y: run.y)
      }
    }
    previousFrame = frame
    refresh()
  }

  /// Forgets the last frame so the next `draw` repaints everything (after a resize).
  public func invalidate() {
    previousFrame = nil
    clearok(rs_stdscr(), true)
  }

  /// Waits up to `milliseconds` for input; `nil` when nothing arrived in time.
  public func nextInput(timeoutMilliseconds milliseconds: Int) -> TerminalInput? {
    timeout(Int32(max(0, milliseconds)))
    var character: wint_t = 0
    let status = get_wch(&character)
    if status == ERR { return nil }
    if status == KEY_CODE_YES {
      let code = Int32(character)
      if code == KEY_RESIZE { return .resize }
      if code == KEY_MOUSE { return mouseInput() }
      return KeyDecoding.key(forKeyCode: code).map(TerminalInput.key)
    }
    return KeyDecoding.key(forCharacter: UInt32(character)).map(TerminalInput.key)
  }

  /// Leaves curses and restores the terminal (echo, cursor, main screen); safe to call twice.
  public func close() {
    guard isOpen else { return }
    isOpen = false
    curs_set(1)
    endwin()
    FatalSignalRestore.uninstall()
  }

  private func put(_ cell: Cell, x: Int, y: Int) {
    var attributes = attrBits(cell.attributes)
    var symbol = cell.symbol
    if colorDepth == .monochrome, cell.bg != nil, cell.symbol == " " {
      // Without colour a filled background would vanish; reverse video keeps it visible.
      attributes |= rs_a_reverse()
    }
    if symbol.isEmpty { symbol = " " }
    let pair = colorPairs.pair(fg: cell.fg, bg: cell.bg)
    var wide = symbol.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
    wide.append(0)
    _ = wide.withUnsafeBufferPointer { rs_put(Int32(y), Int32(x), $0.baseAddress, attributes, Int32(pair)) }
  }

  private func attrBits(_ attributes: TextAttributes) -> attr_t {
    var bits: attr_t = 0
    if attributes.contains(.bold) { bits |= rs_a_bold() }
    if attributes.contains(.dim) { bits |= rs_a_dim() }
    if attributes.contains(.italic) { bits |= rs_a_italic() }
    if attributes.contains(.underline) { bits |= rs_a_underline() }
    if attributes.contains(.reverse) { bits |= rs_a_reverse() }
    return bits
  }

  private func mouseInput() -> TerminalInput? {
    var event = MEVENT()
    guard getmouse(&event) == OK else { return nil }
    if event.bstate & rs_button4_pressed() != 0 { return .scroll(up: true) }
    if event.bstate & rs_button5_pressed() != 0 { return .scroll(up: false) }
    return .click(x: Int(event.x), y: Int(event.y))
  }
}

extension TerminalSession {
  /// Starts curses using the process environment.
  public static func open() throws -> TerminalSession {
    var environment: [String: String] = [:]
    for name in ["TERM", "COLORTERM", "NO_COLOR"] {
      if let value = getenv(name) { environment[name] = String(cString: value) }
    }
    return try open(environment: environment)
  }
}
