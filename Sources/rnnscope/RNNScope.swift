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
        rnnscope tui --task dates --attention dot
        rnnscope replay Samples/case-lstm-demo
        rnnscope snapshot --run Samples/case-lstm-demo --view replay --format txt
        rnnscope --generate-completion-script bash > rnnscope.bash
      """,
    version: RNNScope.version,
    subcommands: [
      TUICommand.self, TrainCommand.self, SnapshotCommand.self, BenchCommand.self, EvalCommand.self,
      SampleCommand.self, InspectCommand.self, ReplayCommand.self, LabCommand.self, TranslateCommand.self,
      UnitsCommand.self,
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
    if let word = CommandLine.arguments.dropFirst().first, let command = suggestion(for: word) {
      printError("rnnscope: unknown command '\(word)'; did you mean '\(command)'?")
      Foundation.exit(64)
    }
    if let (command, arguments) = Seq2SeqRouting.command(for: Array(CommandLine.arguments.dropFirst())) {
      command.main(arguments)
      return
    }
    main(nil)
  }

  /// The subcommand a mistyped first word was probably meant to be (at most two edits away).
  static func suggestion(for word: String) -> String? {
    guard !word.hasPrefix("-") else { return nil }
    let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
    guard !names.contains(word) else { return nil }
    return names.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
  }

  /// Levenshtein distance: insertions, deletions and substitutions that turn `a` into `b`.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let (a, b) = (Array(a), Array(b))
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
