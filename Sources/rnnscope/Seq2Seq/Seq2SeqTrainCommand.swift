import ArgumentParser
import Foundation
import RNNEngine

/// `rnnscope train --task reverse|sort|dates|pairs`: trains an encoder–decoder headless, one line per epoch.
struct Seq2SeqTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an encoder–decoder (reverse, sort, dates, pairs) without the TUI.",
    discussion: """
      One line per epoch with the held-out exact-match accuracy and a probe translated greedily; at \
      the end, exact accuracy by source length. With --out DIR the weights are saved after every epoch \
      to DIR/model.safetensors (PyTorch names; 'rnnscope translate --run DIR' reads them).

      Examples:
        rnnscope train --task dates --attention dot --steps 3000
        rnnscope train --task reverse --attention none --hidden 64 --embedding 16
        rnnscope train --task pairs --pairs words.tsv --out runs/words
      """
  )

  /// The weights file of a run directory.
  static let weightsFileName = "model.safetensors"

  @Option(help: "Task: reverse, sort, dates, or pairs (with --pairs FILE).") var task: Seq2SeqTaskKind
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
  @Option(help: "Training steps in all.") var steps = 3000
  @Option(help: "Steps per epoch line.") var epochSteps = 500
  @Option(help: "Shortest source of reverse and sort.") var minLen = 5
  @Option(help: "Longest source of reverse and sort.") var maxLen = 30
  @Option(help: "Held-out pairs of generated tasks.") var heldOut = 1000
  @Option(help: "Seed of weights, batches and held-out data.") var seed: UInt64 = 1
  @Option(help: "Save the weights here after every epoch (DIR/model.safetensors).") var out: String?

  func validate() throws {
    if (task == .pairs) != (pairs != nil) {
      throw ValidationError("--pairs FILE goes with --task pairs, and only with it")
    }
    guard CellType(rawValue: cell) != nil, cell != "rnn_linear" else {
      throw ValidationError("--cell must be rnn_tanh, rnn_relu, lstm or gru")
    }
    guard optimizer == "adam" || optimizer == "sgd" else { throw ValidationError("--optimizer must be adam or sgd") }
    guard hidden > 0, embedding > 0, layers > 0, batch > 0, steps > 0, epochSteps > 0, heldOut > 0 else {
      throw ValidationError(
        "--hidden, --embedding, --layers, --batch, --steps, --epoch-steps and --held-out must be positive")
    }
    guard minLen >= 1, maxLen >= minLen else { throw ValidationError("need 1 ≤ --min-len ≤ --max-len") }
  }

  func run() throws {
    EngineThreads.set(1)  // the per-step products are small; a second thread only waits for the other core
    let task = try reportingErrorsReturning { try makeTask() }
    let config = Seq2SeqConfig(
      cell: CellType(rawValue: cell)!, sourceVocabulary: task.vocabulary.sourceSize,
      targetVocabulary: task.vocabulary.targetSize, embedding: embedding, hidden: hidden, layers: layers,
      bidirectional: bidirectional, attention: attention)
    let model = Seq2SeqModel(config: config, seed: seed)
    let update: any Optimizer = optimizer == "adam" ? Adam(learningRate: lr) : SGD(learningRate: lr)
    let trainer = Seq2SeqTrainer(
      model: model, task: task, optimizer: update, clip: clip > 0 ? clip : nil, batchSize: batch, seed: seed)
    let directory = out.map { URL(fileURLWithPath: $0) }
    if let directory {
      try reportingErrors { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
    }
    printLine(
      "# \(task.summary); \(cell) H=\(hidden)\(bidirectional ? " bidirectional" : "") E=\(embedding) L=\(layers) attention \(attention.rawValue); \(model.parameters.count) parameters; batch \(batch), \(optimizer) lr \(lr)"
    )
    let epochs = (steps + epochSteps - 1) / epochSteps
    let start = Date()
    var metrics: Seq2SeqMetrics?
    for epoch in 1...epochs {
      var (loss, tokens, stepsDone) = (0.0, 0, 0)
      let epochStart = Date()
      while trainer.step < min(epoch * epochSteps, steps) {
        let result = trainer.trainStep()
        guard result.loss.isFinite else {
          printError(
            "rnnscope: training diverged at step \(trainer.step): loss \(result.loss). Try a lower --lr or --clip 1.")
          throw ExitCode(3)
        }
        (loss, tokens, stepsDone) = (loss + result.loss, tokens + result.tokens, stepsDone + 1)
      }
      let trainSeconds = Date().timeIntervalSince(epochStart)
      let evaluation = try reportingErrorsReturning {
        try Seq2SeqMetrics.evaluate(model, pairs: task.heldOut, vocabulary: task.vocabulary)
      }
      metrics = evaluation
      let probe = try reportingErrorsReturning { try translate(task.probe, model: model, vocabulary: task.vocabulary) }
      printLine(
        String(
          format: "epoch %d/%d step %d loss %.4f tok_acc %.3f exact %.3f tok/s %.0f probe \"%@\" → \"%@\"", epoch,
          epochs,
          trainer.step, loss / Double(max(stepsDone, 1)), evaluation.tokenAccuracy, evaluation.exactAccuracy,
          Double(tokens) / max(trainSeconds, 1e-9), task.probe, probe))
      if let directory {
        try reportingErrors {
          try Seq2SeqCheckpoint.write(
            model, vocabulary: task.vocabulary, to: directory.appendingPathComponent(Self.weightsFileName))
        }
      }
    }
    if let metrics {
      let buckets = metrics.byLength.map { bucket in
        String(
          format: "%d-%d %.0f%% (%d)", bucket.lengths.lowerBound, bucket.lengths.upperBound,
          100 * Double(bucket.exact) / Double(bucket.count), bucket.count)
      }
      printLine("# held-out exact by source length: " + buckets.joined(separator: ", "))
    }
    printLine(String(format: "# %d steps in %.1f s", trainer.step, Date().timeIntervalSince(start)))
  }

  /// The task the flags describe (reading and checking the pairs file).
  private func makeTask() throws -> Seq2SeqTask {
    if let pairs { return Seq2SeqTask.pairs(try PairsFile.load(URL(fileURLWithPath: pairs)), seed: seed) }
    return Seq2SeqTask.generated(task, lengths: minLen...maxLen, heldOutCount: heldOut, seed: seed)
  }
}

/// Greedy translation of `text` (symbols outside the source vocabulary are an error).
func translate(_ text: String, model: Seq2SeqModel, vocabulary: Seq2SeqVocabulary) throws -> String {
  let source = try vocabulary.encodeSource(text)
  let output = model.greedyDecode([source], maxLength: defaultMaxLength(sourceLength: source.count))[0]
  return vocabulary.decodeTarget(output.tokens)
}

/// The longest output decoding allows for a source of this length.
func defaultMaxLength(sourceLength: Int) -> Int { 2 * sourceLength + 10 }
