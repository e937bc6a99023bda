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

  @OptionGroup var options: Seq2SeqTrainingOptions
  @Option(help: "Training steps in all.") var steps = 3000
  @Option(help: "Save the weights here after every epoch (DIR/model.safetensors).") var out: String?

  func validate() throws {
    guard steps > 0 else { throw ValidationError("--steps must be positive") }
  }

  func run() throws {
    EngineThreads.set(1)  // the per-step products are small; a second thread only waits for the other core
    let task = try reportingErrorsReturning { try options.makeTask() }
    let trainer = options.makeTrainer(for: task)
    let model = trainer.model
    let epochSteps = options.epochSteps
    let directory = out.map { URL(fileURLWithPath: $0) }
    if let directory {
      try reportingErrors { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
    }
    printLine(options.header(task: task, parameters: model.parameters.count))
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
            "rnnscope: training diverged at step \(trainer.step + 1): loss \(result.loss). Try a lower --lr or --clip 1."
          )
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
}

/// Greedy translation of `text` (symbols outside the source vocabulary are an error).
func translate(_ text: String, model: Seq2SeqModel, vocabulary: Seq2SeqVocabulary) throws -> String {
  let source = try vocabulary.encodeSource(text)
  let output = model.greedyDecode([source], maxLength: defaultMaxLength(sourceLength: source.count))[0]
  return vocabulary.decodeTarget(output.tokens)
}

/// The longest output decoding allows for a source of this length.
func defaultMaxLength(sourceLength: Int) -> Int { Seq2SeqProbe.maxLength(sourceLength: sourceLength) }
