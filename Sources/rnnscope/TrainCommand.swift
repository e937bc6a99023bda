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

      Examples:
        rnnscope train --task case --cell rnn_tanh --hidden 32 --lr 0.001 --batch 32 --epochs 10
        rnnscope train --task recall --gap 50 --cell gru --epochs 100 --clip 1
      """
  )

  @OptionGroup var training: TrainingOptions

  func run() throws {
    let task = try training.makeTask()
    let trainer = Trainer(config: training.trainingConfig(defaultEpochs: 10), task: task)
    SignalMonitor.install()
    let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
    let epochs = trainer.config.epochs ?? 10
    printLine("# \(task.summary); \(describe(trainer)); \(trainer.stepsPerEpoch) steps per epoch")
    var epochLoss = 0.0, epochTokens = 0
    var epochStart = Date()
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
        epochTokens += tokens
      }
      progress.show(epoch: trainer.epoch, of: epochs, step: trainer.stepInEpoch, of: trainer.stepsPerEpoch, loss: epochLoss / Double(max(trainer.stepInEpoch, 1)))
      guard trainer.stepInEpoch == 0 else { continue }
      progress.clear()
      let heldOut = trainer.evaluateHeldOut()
      let seconds = Date().timeIntervalSince(epochStart)
      var line = "epoch \(trainer.epoch - 1)/\(epochs) loss \(fixed(epochLoss / Double(trainer.stepsPerEpoch), 4))"
      line += " val_loss \(fixed(Double(heldOut.loss), 4))"
      if let accuracy = heldOut.accuracy { line += " val_acc \(fixed(Double(accuracy), 3))" }
      line += " tok/s \(Int(Double(epochTokens) / max(seconds, 1e-9)))"
      if task.kind.readsText { line += " probe \(quoted(trainer.decodedProbe(trainer.probeTrace())))" }
      printLine(line)
      epochLoss = 0
      epochTokens = 0
      epochStart = Date()
    }
  }

  private func describe(_ trainer: Trainer) -> String {
    let config = trainer.config
    var text = "\(config.cell.rawValue) \(config.layers)x\(config.hidden) \(config.optimizer.rawValue) lr \(config.learningRate)"
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
