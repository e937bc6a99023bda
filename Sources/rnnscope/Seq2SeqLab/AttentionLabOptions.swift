import ArgumentParser
import RNNEngine
import Terminal

/// The bottleneck experiment's set-up on the command line, shared by `lab --experiment attention`
/// and `snapshot --view lab --experiment attention`, with the one way both train it.
struct AttentionLabOptions: ParsableArguments {
  @Option(help: "Task: reverse, sort or dates.") var task: Seq2SeqTaskKind = .reverse
  @Option(help: "Shortest source of reverse and sort.") var minLen = 1
  @Option(help: "Longest source of reverse and sort.") var maxLen = 30
  @Option(help: "Cell: rnn_tanh, lstm, gru.") var cell = "gru"
  @Option(help: "Encoder state width H per direction.") var hidden = 64
  @Option(help: "Embedding width.") var embedding = 16
  @Option(help: "Pairs per step.") var batch = 64
  @Option(help: "Adam's learning rate.") var lr: Float = 3e-3
  @Option(help: "Clip the global gradient norm to this.") var clip: Float = 1
  @Option(help: "Optimizer steps per pane.") var steps = 3000
  @Option(help: "Re-measure the accuracy by length every this many steps.") var recordEvery = 500
  @Option(help: "Held-out pairs.") var heldOut = 1000
  @Option(help: "Seed of weights, batches and held-out data (the same in every pane).") var seed: UInt64 = 1
  @Option(help: "Threads the panes train on (1: one after the other).") var threads = 2

  func validate() throws {
    guard let cellType = CellType(rawValue: cell), cellType != .rnnLinear else {
      throw ValidationError("--cell must be rnn_tanh, rnn_relu, lstm or gru")
    }
    guard minLen <= maxLen else { throw ValidationError("need --min-len ≤ --max-len") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    do {
      try settings().validate()
    } catch let error as TrainingConfigError {
      throw ValidationError(error.description)
    }
  }

  /// The settings the flags ask for.
  func settings() -> AttentionLabSettings {
    AttentionLabSettings(
      task: task, lengths: minLen...max(minLen, maxLen), cell: CellType(rawValue: cell) ?? .gru, hidden: hidden,
      embedding: embedding, batchSize: batch, learningRate: lr, clip: clip, steps: steps, recordEvery: recordEvery,
      heldOut: heldOut, seed: seed)
  }

  /// Trains every pane of `lab` to its step budget, the panes on `--threads` and the engine on one
  /// thread each, in chunks of at most 50 steps; `progress` sees the panes after each chunk.
  /// Returns the signal that stopped it early, if one did.
  func train(_ lab: AttentionLabRun, progress: ([AttentionLabPaneSnapshot]) -> Void = { _ in }) -> Int32? {
    EngineThreads.set(1)  // small matrices: the panes share the cores instead
    SignalMonitor.install()
    return stepUntilFinishedOrSignalled(
      { lab.isFinished },
      {
        lab.advance(steps: min(lab.settings.recordEvery, 50), inParallel: threads > 1)
        progress(lab.panesSnapshot)
      })
  }
}
