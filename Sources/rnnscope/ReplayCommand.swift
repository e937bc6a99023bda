import ArgumentParser
import Foundation
import RNNEngine
import Scope
import Terminal

/// `rnnscope replay PATH`: scrub through a recorded run's epochs in the TUI, or look at one model file.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Open a recorded run (or one model file) in the TUI and move through its epochs.",
    discussion: """
      Every view is recomputed from the chosen epoch's weights on the run's probe, so you can \
      watch, e.g., the forget gates learn to stay open, or the probe go from nulls to correct \
      casing. [ and ] (or < >) move between epochs, { } jump to the first and last, p plays; for \
      a language model t and T lower and raise the temperature of its text sample. An encoder–decoder \
      (seq2seq) run opens on its own tabs (Attention, Encoder–decoder, Hidden state, Gates, Gradients, \
      Training), the run's probe decoded and traced with each epoch's weights.

      A single .safetensors file opens as a timeline of one entry: an rnnscope checkpoint (e.g. \
      one epoch of a run) with its own task, or a model saved from PyTorch on the task the \
      flags below give (as for rnnscope tui --weights; --task lm for a language model, with --vocab \
      when its symbols are not bytes).

      Examples:
        rnnscope replay runs/20261123-184500-case-lstm
        rnnscope replay Samples/case-lstm-demo
        rnnscope replay runs/dates                     # an encoder–decoder run
        rnnscope replay Samples/case-lstm-demo/epoch-0002.safetensors
        rnnscope replay char_lstm.safetensors --task lm --text book.txt
        rnnscope replay char_lstm.safetensors --task lm --vocab vocab.json --text input.txt
      """
  )

  @Argument(
    help: "A run directory written by `rnnscope train` or the TUI, or one .safetensors model file.", completion: .file()
  )
  var path: String

  @OptionGroup(title: "Task of a model saved from PyTorch (as for rnnscope tui --weights)")
  var task: ReplayTaskOptions

  func run() throws {
    let source = try reportingErrorsReturning {
      try Replay.open(path, epoch: nil, training: task.trainingOptions(), vocabulary: task.vocabulary.load())
    }
    try show(source)
  }

  /// Runs the TUI on `source` until the person quits.
  private func show<Source: ReplaySource>(_ source: Source) throws {
    // Catch signals before curses starts, so none can end the process with the terminal in curses mode.
    SignalMonitor.install()
    let terminal = try openTerminal()
    var state = AppState(width: 80, height: 24, view: source.firstView)
    state.replay = source.timeline
    var loop = LiveLoop(
      terminal: terminal, source: source, initialState: state, screensDirectory: source.screensDirectory)
    let exitStatus = loop.run()
    terminal.close()
    if exitStatus != 0 { throw ExitCode(exitStatus) }
  }
}
