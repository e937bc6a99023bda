import ArgumentParser
import Foundation
import RNNEngine
import Terminal

/// `rnnscope train`: headless training with one line per epoch.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train without the TUI, printing one line per epoch.",
    discussion: """
      On a terminal a progress bar runs during each epoch; piped, each epoch is one line:
        epoch 3/10 loss 0.9519 val_loss 0.9102 val_acc 0.712 tok/s 812345 probe "upon his pale…"

      tok/s counts every position the network processes (batch × sequence length a step), scored or not.

      Every run is recorded (run.json, metrics.csv, epochs.jsonl, a checkpoint per epoch) into \
      runs/<yyyyMMdd-HHmmss>-<task>-<cell>, or --out DIR; --resume DIR continues it bit for bit, \
      on the text it was recorded on. One process records into a directory at a time.

      Examples:
        rnnscope train --task case --cell rnn_tanh --hidden 32 --lr 0.001 --batch 32 --epochs 10
        rnnscope train --task recall --gap 50 --cell gru --epochs 100 --clip 1

      Encoder–decoder tasks have their own flags: rnnscope train --task reverse|sort|dates|pairs --help
      """
  )

  @OptionGroup var training: TrainingOptions

  @OptionGroup var recording: RecordingOptions

  @Option(
    help:
      "Continue the recorded run in this directory from its last finished epoch (other training flags are refused; --epochs can extend it)."
  )
  var resume: String?

  @Flag(
    help:
      "With --resume: continue even though the text file is not the one the run was recorded on (the steps per epoch stay the recorded ones)."
  )
  var allowChangedText = false

  func validate() throws {
    if resume != nil, recording.out != nil {
      throw ValidationError("--resume continues the recording in its own directory; drop --out")
    }
    if allowChangedText, resume == nil { throw ValidationError("--allow-changed-text goes with --resume DIR") }
    let contradicting = training.changedFlags.filter { $0 != "--epochs" }
    if resume != nil, !contradicting.isEmpty {
      throw ValidationError(
        "--resume continues the recording as it was made; drop \(contradicting.joined(separator: ", ")) "
          + "(only --epochs can change, to extend it)")
    }
  }

  func run() throws {
    let (trainer, recorder) = try reportingErrorsReturning { try startRun() }
    SignalMonitor.install()
    let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
    let epochs = trainer.config.epochs ?? 10
    printLine("# \(trainer.task.summary); \(describe(trainer)); \(trainer.stepsPerEpoch) steps per epoch")
    if let recorder { printLine("# recording to \(recorder.directory.path)") }
    if trainer.isFinished {
      printLine("# the run already finished its \(epochs) epochs; pass --epochs N to train further")
    }
    var log = TrainingLog()
    var epochLoss = 0.0
    while !trainer.isFinished {
      if let signal = SignalMonitor.takePendingSignal() {
        progress.clear()
        printError("rnnscope: stopped by signal \(signal) during epoch \(trainer.epoch), step \(trainer.step)")
        throw ExitCode(SignalMonitor.exitStatus(for: signal))
      }
      switch trainer.trainStep() {
      case .diverged(let reason):
        progress.clear()
        printError("rnnscope: training diverged at step \(trainer.step + 1): \(reason). Try a lower --lr or --clip 1.")
        throw ExitCode(3)
      case .trained(let stats, let tokens):
        epochLoss += Double(stats.loss)
        try reportingErrors { try recorder?.recordStep(stats, tokens: tokens, of: trainer) }
        if let summary = log.record(stats, tokens: tokens, of: trainer) {
          try reportingErrors { try recorder?.finishEpoch(summary, of: trainer) }
          progress.clear()
          printLine(line(for: summary, of: epochs, readsText: trainer.config.task.kind.readsText))
          epochLoss = 0
        } else {
          progress.show(
            epoch: trainer.epoch, of: epochs, step: trainer.stepInEpoch, of: trainer.stepsPerEpoch,
            loss: epochLoss / Double(trainer.stepInEpoch))
        }
      }
    }
    if let task = trainer.task as? CaseCorrectionTask {
      let accuracy = CaseAccuracy(of: trainer.model, on: task)
      printLine(
        "# held-out accuracy \(fixed(accuracy.overall, 4)), on word-initial capitals "
          + "\(fixed(accuracy.onWordInitialCapitals, 4)) (\(accuracy.wordInitialCorrect) of \(accuracy.wordInitialCapitals))"
      )
    }
  }

  /// The trainer (fresh, or restored for --resume) and the recorder, unless --no-record.
  private func startRun() throws -> (Trainer, RunRecorder?) {
    if let resume {
      let directory = URL(fileURLWithPath: resume)
      // Locked before reading, so no other process changes the recording under this one.
      if !recording.noRecord, FileManager.default.fileExists(atPath: directory.path) {
        _ = try RunDirectoryLock.acquire(directory)
      }
      let run = try RunDirectory(directory)
      for note in run.notes { printError("rnnscope: note: \(note)") }
      let trainer = try run.resumeTrainer(epochs: training.epochs, allowingChangedText: allowChangedText)
      if run.epochs.isEmpty {
        printLine("# starting \(run.url.path) again from its run.json (no epoch had finished)")
      } else {
        printLine("# resuming \(run.url.path) after epoch \(trainer.step / trainer.stepsPerEpoch)")
      }
      let recorder =
        recording.noRecord ? nil : try RunRecorder(continuing: run, trainer: trainer, programVersion: RNNScope.version)
      return (trainer, recorder)
    }
    let config = training.trainingConfig(defaultEpochs: 10)
    let trainer = Trainer(config: config, task: try training.makeTask())
    guard let directory = recording.directory(for: config) else { return (trainer, nil) }
    return (trainer, try RunRecorder(directory: directory, trainer: trainer, programVersion: RNNScope.version))
  }

  /// The epoch's row, in the form scripts read: `epoch 3/10 loss … val_loss … val_acc … tok/s … probe "…"`.
  private func line(for summary: EpochSummary, of epochs: Int, readsText: Bool) -> String {
    var line = "epoch \(summary.epoch)/\(epochs) loss \(fixed(Double(summary.trainLoss), 4))"
    line += " val_loss \(fixed(Double(summary.heldOut.loss), 4))"
    if let accuracy = summary.heldOut.accuracy { line += " val_acc \(fixed(Double(accuracy), 3))" }
    line += " tok/s \(Int(summary.tokensPerSecond))"
    if readsText { line += " probe \(quoted(summary.probeOutput))" }
    return line
  }

  private func describe(_ trainer: Trainer) -> String {
    let config = trainer.config
    var text =
      "\(config.cell.rawValue) \(config.layers)x\(config.hidden) \(config.optimizer.rawValue) lr \(config.learningRate)"
    if config.bidirectional == true { text += " bidirectional" }
    text += " batch \(config.batchSize) seed \(config.seed)"
    if let clip = config.clip { text += " clip \(clip)" }
    return text
  }
}

/// A number with a fixed count of decimals.
func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

/// A string in double quotes with control characters and quotes escaped, one line whatever it holds.
func quoted(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\0": result += "\\0"
    case _ where scalar.value < 32: result += "\\x" + String(scalar.value, radix: 16)
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result + "\""
}
