import ArgumentParser
import Foundation
import RNNEngine

/// The `rnnscope` command: watch a recurrent network learn, in a terminal.
@main
struct RNNScope: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rnnscope",
    abstract: "Watch an RNN, LSTM or GRU learn, live, in your terminal.",
    discussion: """
      With no subcommand, rnnscope opens the live TUI on the lecture demo: an LSTM learning to \
      restore the capital letters of lowercased English text, one character at a time.

      Examples:
        rnnscope
        rnnscope tui --task lm --text Samples/dialogue.txt
        rnnscope replay Samples/case-lstm-demo
        rnnscope snapshot --run Samples/case-lstm-demo --view replay --format txt
        rnnscope --generate-completion-script bash > rnnscope.bash
      """,
    version: RNNScope.version,
    subcommands: [
      TUICommand.self, TrainCommand.self, SnapshotCommand.self, BenchCommand.self, EvalCommand.self,
      SampleCommand.self, InspectCommand.self, ReplayCommand.self, LabCommand.self, UnitsCommand.self,
    ],
    defaultSubcommand: TUICommand.self
  )

  /// The program version, also written into every recording.
  static let version = "0.1.0"

  /// Opens the BLAS library before anything else, so that a missing one is one clear line.
  static func main() {
    do {
      try BLAS.load()
    } catch {
      printError("\(error)")
      Foundation.exit(1)
    }
    main(nil)
  }
}
