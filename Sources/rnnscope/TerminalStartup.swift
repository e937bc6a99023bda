import ArgumentParser
import Terminal

/// Opens the full-screen terminal, or prints why it cannot and exits with status 2.
func openTerminal() throws -> TerminalSession {
  do {
    return try TerminalSession.open()
  } catch let error as TerminalError {
    printError(error.description)
    throw ExitCode(2)
  }
}
