import ArgumentParser
import Foundation
import RNNEngine

/// The flags that define an encoder–decoder run: task, model, optimizer and schedule, shared by
/// `train` and `tui` with `--task reverse|sort|dates|pairs`.
struct Seq2SeqTrainingOptions: ParsableArguments {
  @Option(help: "Task: reverse, sort, dates, or pairs (with --pairs FILE).") var task: Seq2SeqTaskKind?
  @Option(help: "Tab-separated source<TAB>target lines, UTF-8 (the pairs task).") var pairs: String?
  @Option(help: "Attention: none (c = h_n, RNNenc), dot, general, additive.") var attention: AttentionKind = .dot
  @Option(help: "Cell: rnn_tanh, lstm, gru.") var cell: String = "gru"
  @Option(help: "Encoder state width H (the decoder's is H, or 2H with --bidirectional).") var hidden = 64
  @Option(help: "Embedding width of source and target symbols.") var embedding = 16
  @Option(help: "Layers of encoder and decoder.") var layers = 1
  @Flag(help: "Read the source in both directions.") var bidirectional = false
  @Option(help: "Optimizer: adam or sgd.") var optimizer = "adam"
  @Option(help: "Learning rate.") var lr: Float = 3e-3
  @Option(help: "Clip the global gradient norm to this (0: no clipping).") var clip: Float = 1
  @Option(help: "Pairs per step.") var batch = 64
  @Option(help: "Steps per epoch (an epoch ends with the held-out set scored and the probe translated).")
  var epochSteps = 500
  @Option(help: "Shortest source of reverse and sort.") var minLen = 5
  @Option(help: "Longest source of reverse and sort.") var maxLen = 30
  @Option(help: "Held-out pairs of generated tasks.") var heldOut = 1000
  @Option(help: "Seed of weights, batches and held-out data.") var seed: UInt64 = 1

  /// Checks the flags; a run needs `--task` (`train --resume` is the one command that does without).
  func validate() throws {
    if (task == .pairs) != (pairs != nil) {
      throw ValidationError("--pairs FILE goes with --task pairs, and only with it")
    }
    guard CellType(rawValue: cell) != nil, cell != "rnn_linear" else {
      throw ValidationError("--cell must be rnn_tanh, rnn_relu, lstm or gru")
    }
    guard TrainingConfig.OptimizerKind(rawValue: optimizer) != nil else {
      throw ValidationError("--optimizer must be adam or sgd")
    }
    guard hidden > 0, embedding > 0, layers > 0, batch > 0, epochSteps > 0, heldOut > 0 else {
      throw ValidationError("--hidden, --embedding, --layers, --batch, --epoch-steps and --held-out must be positive")
    }
    guard minLen >= 1, maxLen >= minLen else { throw ValidationError("need 1 ≤ --min-len ≤ --max-len") }
  }

  /// The run's settings for `steps` steps in all (`--task` must be given).
  func settings(steps: Int) -> Seq2SeqRunSettings {
    Seq2SeqRunSettings(
      task: task ?? .reverse, minLength: minLen, maxLength: maxLen, heldOut: heldOut, pairsPath: pairs,
      optimizer: TrainingConfig.OptimizerKind(rawValue: optimizer) ?? .adam, learningRate: lr,
      clip: clip > 0 ? clip : nil, batchSize: batch, steps: steps, stepsPerEpoch: epochSteps, seed: seed)
  }

  /// The task the flags describe (reading and checking the pairs file).
  func makeTask() throws -> Seq2SeqTask { try settings(steps: 1).makeTask() }

  /// The model's shape on `task`'s vocabularies.
  func config(for task: Seq2SeqTask) -> Seq2SeqConfig {
    Seq2SeqConfig(
      cell: CellType(rawValue: cell)!, sourceVocabulary: task.vocabulary.sourceSize,
      targetVocabulary: task.vocabulary.targetSize, embedding: embedding, hidden: hidden, layers: layers,
      bidirectional: bidirectional, attention: attention)
  }

  /// A trainer with a fresh seeded model of the flags' shape on `task`.
  func makeTrainer(for task: Seq2SeqTask) -> Seq2SeqTrainer {
    settings(steps: 1).makeTrainer(model: Seq2SeqModel(config: config(for: task), seed: seed), task: task)
  }

  /// The flags a recorded run fixes, with their values: `--resume` refuses any that differ from the defaults.
  var settingFlags: [(String, String)] {
    [
      ("--attention", attention.rawValue),
      ("--cell", cell), ("--hidden", "\(hidden)"), ("--embedding", "\(embedding)"), ("--layers", "\(layers)"),
      ("--bidirectional", "\(bidirectional)"), ("--optimizer", optimizer), ("--lr", "\(lr)"), ("--clip", "\(clip)"),
      ("--batch", "\(batch)"), ("--epoch-steps", "\(epochSteps)"), ("--min-len", "\(minLen)"),
      ("--max-len", "\(maxLen)"), ("--held-out", "\(heldOut)"), ("--seed", "\(seed)"),
    ]
  }
}
