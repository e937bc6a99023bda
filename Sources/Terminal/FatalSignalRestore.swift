import CNCurses

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes that take the terminal out of curses mode (terminfo's sgr0, cnorm, rmkx, mouse off,
/// rmcup), gathered while curses runs so that a signal handler only has to `write` them.
nonisolated(unsafe) private var restoreBytes: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var restoreByteCount = 0
/// The terminal modes from before curses changed them (echo, canonical input), for `tcsetattr`.
nonisolated(unsafe) private var savedModes = termios()
nonisolated(unsafe) private var hasSavedModes = false
/// The handlers that were in place before ours (Swift's backtracer, or the default action), by signal.
nonisolated(unsafe) private var previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

/// Puts the terminal back when the program dies of a fatal signal while curses owns it.
///
/// A trap, an abort or a bad access inside the TUI would otherwise leave the shell on the
/// alternate screen with no cursor and no echo, and Swift's backtrace drawn where nobody can read
/// it. The handler does only async-signal-safe work: it writes the exit sequences saved when curses
/// started, restores the terminal modes saved before it, puts the previous handler back and lets
/// the signal happen again, so the backtrace prints on the normal screen and the exit status stays
/// 128 + the signal. A fatal signal sent by another process (`kill -SEGV`) ends the program with
/// the default action: Swift's backtracer would report it and then let the program go on.
enum FatalSignalRestore {
  /// The signals that end the program without a chance to clean up.
  static let signals: [Int32] = [SIGILL, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGTRAP]

  /// Saves the terminal's modes; call before curses changes them.
  static func saveModes() {
    hasSavedModes = tcgetattr(STDIN_FILENO, &savedModes) == 0
  }

  /// Gathers the exit sequences of the running curses terminal and installs the handler.
  static func install() {
    var bytes: [UInt8] = []
    for capability in ["sgr0", "cnorm", "rmkx"] { bytes += terminfoString(capability) }
    // Mouse reporting was switched on through the xterm protocol when the terminal has a mouse.
    if !terminfoString("kmous").isEmpty { bytes += Array("\u{1b}[?1000l\u{1b}[?1006l".utf8) }
    bytes += terminfoString("rmcup")
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    buffer.initialize(from: bytes, count: bytes.count)
    restoreBytes?.deallocate()
    restoreBytes = buffer
    restoreByteCount = bytes.count
    for signalNumber in signals {
      var action = sigaction()
      setHandler(&action)
      action.sa_flags = Int32(SA_SIGINFO | SA_ONSTACK)
      sigemptyset(&action.sa_mask)
      sigaction(signalNumber, &action, previousActions + Int(signalNumber))
    }
  }

  /// Puts the previous handlers back (curses has ended normally).
  static func uninstall() {
    for signalNumber in signals { sigaction(signalNumber, previousActions + Int(signalNumber), nil) }
  }

  private static func terminfoString(_ capability: String) -> [UInt8] {
    guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { return [] }
    return Array(String(cString: value).utf8)
  }

  private static func setHandler(_ action: inout sigaction) {
    #if canImport(Glibc)
      action.__sigaction_handler.sa_sigaction = restoreTerminalAndResignal
    #else
      action.__sigaction_u.__sa_sigaction = restoreTerminalAndResignal
    #endif
  }
}

/// The fatal-signal handler: terminal back to normal, previous handler back, signal again.
private func restoreTerminalAndResignal(
  _ signalNumber: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
  if let restoreBytes { _ = write(STDOUT_FILENO, restoreBytes, restoreByteCount) }
  if hasSavedModes { _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedModes) }
  guard let info, info.pointee.si_code <= 0 else {
    // A fault: the previous handler (the backtracer) sees it when the instruction runs again.
    sigaction(signalNumber, previousActions + Int(signalNumber), nil)
    return
  }
  if senderPID(info) == getpid() {
    // abort() or raise(): a crash of this process, so the previous handler reports it.
    sigaction(signalNumber, previousActions + Int(signalNumber), nil)
  } else {
    // Sent by another process: not a crash to report, and a backtracer would let the program go on.
    signal(signalNumber, SIG_DFL)
  }
  // Pending until this handler returns, then handled as set above.
  raise(signalNumber)
}

/// The process that sent a signal (meaningful when `si_code` <= 0, i.e. kill, tgkill, raise).
private func senderPID(_ info: UnsafeMutablePointer<siginfo_t>) -> pid_t {
  #if canImport(Glibc)
    info.pointee._sifields._kill.si_pid
  #else
    info.pointee.si_pid
  #endif
}
