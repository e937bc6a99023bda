import ArgumentParser
import Terminal

/// `rnnscope tui`: the live, full-screen view of a network while it trains.
struct TUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tui",
    abstract: "Open the live TUI (the default command).",
    discussion: "Example: rnnscope tui"
  )

  func run() throws {
    let terminal = try TerminalSession.open()
    defer { terminal.close() }
    _ = terminal
  }
}
