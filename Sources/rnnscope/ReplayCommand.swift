import ArgumentParser
import Foundation
import RNNEngine
import Scope
import Terminal

/// `rnnscope replay DIR`: scrub through a recorded run's epochs in the TUI.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Open a recorded run in the TUI and move through its epochs.",
    discussion: """
      Every view is recomputed from the chosen epoch's weights on the run's probe, so you can \
      watch, e.g., the forget gates learn to stay open, or the probe go from nulls to correct \
      casing. [ and ] (or < >) move between epochs, { } jump to the first and last, p plays.

      Examples:
        rnnscope replay runs/20261123-184500-case-lstm
        rnnscope replay Samples/case-lstm-demo
      """
  )

  @Argument(help: "A run directory written by `rnnscope train` or the TUI.")
  var directory: String

  func run() throws {
    let recording = try reportingErrorsReturning { () throws -> RecordedRun in
      let run = try RunDirectory(URL(fileURLWithPath: directory))
      for note in run.notes { printError("rnnscope: note: \(note)") }
      return try RecordedRun(run: run)
    }
    // Catch signals before curses starts, so none can end the process with the terminal in curses mode.
    SignalMonitor.install()
    let terminal = try openTerminal()
    var state = AppState(width: 80, height: 24)
    state.replay = recording.timeline
    var loop = LiveLoop(
      terminal: terminal, source: recording, initialState: state,
      screensDirectory: recording.run.url.appendingPathComponent("screens"))
    let exitStatus = loop.run()
    terminal.close()
    if exitStatus != 0 { throw ExitCode(exitStatus) }
  }
}
