import ArgumentParser
import Foundation
import RNNEngine
import Terminal

/// `rnnscope train --task reverse|sort|dates|pairs`: trains an encoder–decoder headless, one line per epoch.
struct Seq2SeqTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an encoder–decoder (reverse, sort, dates, pairs) without the TUI.",
    discussion: """
      One line per epoch with the held-out exact-match accuracy and a probe translated greedily; at \
      the end, exact accuracy by source length. With --out DIR the run is recorded as the char \
      model's runs are (run.json, metrics.csv, epochs.jsonl with each epoch's held-out figures, and \
      epoch-NNNN.safetensors after every epoch: PyTorch names, opened by translate, eval, snapshot \
      and inspect; kept while they fit 40 MB, then thinned). --resume DIR continues it bit for bit \
      (--steps N extends it); Ctrl-C stops between steps and keeps every finished epoch.

      Examples:
        rnnscope train --task dates --attention dot --steps 3000
        rnnscope train --task reverse --attention none --hidden 64 --embedding 16
        rnnscope train --task pairs --pairs words.tsv --out runs/words
        rnnscope train --resume runs/words --steps 6000
      """
  )

  @OptionGroup var options: Seq2SeqTrainingOptions
  @Option(help: "Training steps in all (with --resume: extends the run to this many).") var steps: Int?
  @Option(help: "Record the run into this directory (run.json, metrics, an epoch file per epoch).") var out: String?
  @Option(help: "Continue the run recorded in this directory from its last epoch (--steps can extend it).")
  var resume: String?
  @Flag(help: "With --resume: continue even though the pairs file is not the one the run was recorded on.")
  var allowChangedText = false

  /// Steps in all when --steps is not given.
  static let defaultSteps = 3000

  func validate() throws {
    if let resume {
      if out != nil { throw ValidationError("--resume continues the recording in its own directory; drop --out") }
      // The flags' defaults, from a fresh run's parse (which does not come back here).
      let defaults = try Seq2SeqTrainingOptions.parse(["--task", Seq2SeqTaskKind.reverse.rawValue])
      let changed =
        [("--task", options.task != nil), ("--pairs", options.pairs != nil)].filter(\.1).map(\.0)
        + zip(options.settingFlags, defaults.settingFlags).filter { $0.1 != $1.1 }.map(\.0.0)
      guard changed.isEmpty else {
        throw ValidationError(
          "--resume continues the run as it was recorded; drop \(changed.joined(separator: ", ")) "
            + "(only --steps can change, to extend it)")
      }
      return
    }
    if allowChangedText { throw ValidationError("--allow-changed-text goes with --resume DIR") }
    guard options.task != nil else { throw ValidationError("give --task reverse|sort|dates|pairs, or --resume DIR") }
    guard steps ?? 1 > 0 else { throw ValidationError("--steps must be positive") }
  }

  func run() throws {
    EngineThreads.set(1)  // the per-step products are small; a second thread only waits for the other core
    let (trainer, settings, recorder) = try reportingErrorsReturning { try startRun() }
    SignalMonitor.install()
    let config = trainer.model.config
    printLine(
      "# \(trainer.task.summary); \(config.cell.rawValue) H=\(config.hidden)\(config.bidirectional ? " bidirectional" : "") E=\(config.embedding) L=\(config.layers) attention \(config.attention.rawValue); \(trainer.model.parameters.count) parameters; batch \(settings.batchSize), \(settings.optimizer.rawValue) lr \(settings.learningRate)"
    )
    if let recorder { printLine("# recording to \(recorder.directory.path)") }
    let firstEpoch = trainer.step == 0 ? 1 : (settings.epoch(endingAt: trainer.step) ?? 0) + 1
    if firstEpoch > settings.epochs {
      printLine("# the run already took its \(settings.steps) steps; pass --steps N to train further")
    }
    let start = Date()
    var last: Seq2SeqEpochRecord?
    for epoch in firstEpoch..<(settings.epochs + 1) {
      let record = try reportingErrorsReturning {
        do {
          return try trainer.trainEpoch(epoch, settings: settings, recorder: recorder) {
            if let signal = SignalMonitor.takePendingSignal() {
              printError("rnnscope: stopped by signal \(signal) during epoch \(epoch), step \(trainer.step)")
              throw ExitCode(SignalMonitor.exitStatus(for: signal))
            }
          }
        } catch let divergence as Seq2SeqDivergence {
          printError("rnnscope: \(divergence)")
          throw ExitCode(3)
        }
      }
      last = record
      printLine(
        String(
          format: "epoch %d/%d step %d loss %.4f tok_acc %.3f exact %.3f tok/s %.0f probe \"%@\" → \"%@\"", epoch,
          settings.epochs, trainer.step, record.trainLoss, record.tokenAccuracy, record.exactAccuracy,
          record.tokensPerSecond, record.probe, record.probeOutput))
    }
    if let last {
      let buckets = last.byLength.map { bucket in
        String(
          format: "%d-%d %.0f%% (%d)", bucket.first, bucket.last, 100 * Double(bucket.exact) / Double(bucket.count),
          bucket.count)
      }
      printLine("# held-out exact by source length: " + buckets.joined(separator: ", "))
    }
    printLine(String(format: "# %d steps in %.1f s", trainer.step, Date().timeIntervalSince(start)))
  }

  /// The trainer (fresh, or restored for --resume), its settings and the recorder (with --out or --resume).
  private func startRun() throws -> (Seq2SeqTrainer, Seq2SeqRunSettings, Seq2SeqRunRecorder?) {
    if let resume {
      let directory = URL(fileURLWithPath: resume)
      // Locked before reading, so no other process changes the recording under this one.
      if FileManager.default.fileExists(atPath: directory.path) { _ = try RunDirectoryLock.acquire(directory) }
      let run = try Seq2SeqRun.open(directory)
      for note in run.notes { printError("rnnscope: note: \(note)") }
      let (trainer, settings) = try run.resumeTrainer(steps: steps, allowingChangedPairs: allowChangedText)
      printLine(
        trainer.step == 0
          ? "# starting \(run.url.path) again from its run.json (no epoch had finished)"
          : "# resuming \(run.url.path) after step \(trainer.step)")
      let recorder = try Seq2SeqRunRecorder(
        continuing: run, trainer: trainer, settings: settings, programVersion: RNNScope.version)
      return (trainer, settings, recorder)
    }
    let settings = options.settings(steps: steps ?? Self.defaultSteps)
    let task = try settings.makeTask()
    let trainer = settings.makeTrainer(
      model: Seq2SeqModel(config: options.config(for: task), seed: settings.seed), task: task)
    let recorder = try out.map {
      try Seq2SeqRunRecorder(
        directory: URL(fileURLWithPath: $0), trainer: trainer, settings: settings, programVersion: RNNScope.version)
    }
    return (trainer, settings, recorder)
  }
}

/// The longest output decoding allows for a source of this length.
func defaultMaxLength(sourceLength: Int) -> Int { Seq2SeqModel.maximumOutputLength(sourceLength: sourceLength) }
