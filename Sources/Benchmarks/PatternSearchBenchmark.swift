import Foundation
import RNNEngine

/// Times pattern search as the Hidden state view runs it, over the whole built-in corpus: the
/// model's pass over the text (`unitActivations`), then selecting the units of a span and matching them.
public enum PatternSearchBenchmark {
  /// Median timings in milliseconds.
  public struct Result: Sendable, Hashable {
    /// H, the model's hidden units (an LSTM).
    public var hidden: Int
    /// The engine's threads during the search.
    public var threads: Int
    /// Positions searched (bytes of the corpus).
    public var positions: Int
    /// The model's pass over the text.
    public var activationsMs: Double
    /// Selecting the span's units and finding where they are on together.
    public var matchingMs: Double
    /// Both, the search a person waits for.
    public var totalMs: Double
    /// Processor time of the searching thread for both: what `totalMs` is on an idle machine.
    public var cpuMs: Double
    /// Units the span selected and places matched (the last repeat's), so the work is visible.
    public var selectedUnits: Int
    public var matches: Int
  }

  /// The span searched for: a double quote, on which some units of even an untrained model
  /// respond, so the selection is not empty and matching does its full work.
  public static let span = "\""

  /// Searches the built-in corpus `repeats` times with a seeded LSTM of `hidden` units on `threads`
  /// threads: the live session's one (the TUI searches on the trainer's thread), or a machine's
  /// cores (as `rnnscope units` runs).
  public static func run(hidden: Int = 128, repeats: Int = 3, threads: Int = TrainingBenchmark.liveSessionThreads)
    -> Result
  {
    EngineThreads.set(threads)
    let tokens = BuiltinCorpus.bytes.map { Int32($0) }
    var random = SeededRandom(seed: 1)
    let model = RecurrentModel(
      config: ModelConfig(cell: .lstm, input: .oneHot(vocab: ByteText.vocabulary), hidden: hidden, outputs: 256),
      initialization: InitOptions(), random: &random)
    let needle = Array(span.utf8).map { Int32($0) }
    let start = (0...(tokens.count - needle.count)).first { Array(tokens[$0..<($0 + needle.count)]) == needle } ?? 0
    var result = Result(
      hidden: hidden, threads: threads, positions: tokens.count, activationsMs: 0, matchingMs: 0, totalMs: 0, cpuMs: 0,
      selectedUnits: 0,
      matches: 0)
    var (passes, matchings, processorTimes): ([Double], [Double], [Double]) = ([], [], [])
    for _ in 0..<max(1, repeats) {
      var activations = UnitActivations(positions: 0, units: 0, values: [])
      var matching = 0.0
      let processorTime = threadCPUMilliseconds {
        passes.append(milliseconds { activations = model.unitActivations(of: tokens) })
        matching = milliseconds {
          let threshold = PatternSearch.defaultThreshold(activations)
          let selected = PatternSearch.selectUnits(
            in: activations, span: start..<(start + needle.count), threshold: threshold)
          let found = PatternSearch.matches(
            of: selected, in: activations, threshold: threshold, minimumShare: UnitSearchResult.minimumShare,
            minimumLength: max(1, needle.count / 2),
            limit: UnitSearchResult.defaultMatchLimit)
          (result.selectedUnits, result.matches) = (selected.count, found.count)
        }
      }
      matchings.append(matching)
      processorTimes.append(processorTime)
    }
    result.activationsMs = median(passes)
    result.matchingMs = median(matchings)
    result.totalMs = median(zip(passes, matchings).map { $0 + $1 })
    result.cpuMs = median(processorTimes)
    return result
  }
}
