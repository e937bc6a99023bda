import ArgumentParser
import Benchmarks
import Foundation
import RNNEngine
import TermCanvas

/// `rnnscope bench`: training, forward and rendering speed on this machine (use a release build).
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure training, forward and rendering speed (build with -c release first).",
    discussion: """
      Trains RNN, LSTM and GRU models of hidden size 32, 128 and 512 on batches of 32 sequences \
      of 100 one-hot bytes (256-way output, Adam) on --threads threads and reports median tokens \
      per second and GFLOP/s beside the processor's peak (an FMA loop on the same threads, \
      measured just before each configuration). Each configuration is measured twice: 'gather' \
      feeds the one-hot input as symbol indices, so its input product picks rows of W_ih (what \
      rnnscope trains with); 'dense' feeds it as a 256-wide matrix multiplied by W_ih, the \
      products PyTorch runs (compare it with scripts/pytorch-bench.py). Every timing warms up for \
      at least 3 steps and 0.3 s and drops its first timed step. The live session traces the \
      probe on a background thread from a copy of the weights: 'trace cost' is what handing a \
      trace over adds to the training step, as a share of a step on the live session's one \
      training thread, with traces spaced as the session starts them (the median difference \
      between that step and the plain step before it); 'tracer' is the tracer's time for one \
      trace on its own thread, as a share of a step, and 'first tracer' a session's first \
      trace's, whose iterations start from nothing. Every \
      configuration runs in a fresh process, the configurations in turn for --rounds rounds, and \
      the medians of the rounds are reported. Then renders a 200×60 frame with two heatmaps and \
      two line charts, and times pattern search (the Hidden state view's) over the whole built-in \
      corpus with an LSTM of 128 units on one thread (the TUI searches on its trainer's thread) and on \
      --threads (as rnnscope units runs). With --live, also trains each configuration on the next-byte task for a \
      few seconds on one thread unwatched and then as the TUI watches it (snapshots with a fresh \
      probe trace, its tracer on a thread of its own), and reports how much slower watched \
      training runs and the share of the time the tracer was busy.

      The seq2seq rows train the encoder–decoder with dot attention (GRU and LSTM among --cells, \
      H = 128, embedding 32, vocabularies of 32, batches of 64 pairs of 30 source and 30 target \
      symbols, teacher forcing, Adam) and count a token per target position. The bidirectional \
      rows train the byte workload above with --bidirectional (LSTM among --cells, H = 128). \
      --only picks which rows to measure; scripts/pytorch-bench.py --only takes the same names.

      Examples:
        rnnscope bench
        rnnscope bench --json --cells lstm --hidden 128
        rnnscope bench --threads 1 --rounds 5
        rnnscope bench --live --cells lstm
        rnnscope bench --only seq2seq bidirectional --threads 1
        valgrind --tool=callgrind rnnscope bench --cells lstm --hidden 128 --threads 1 --counted-steps 12 --trace-every 3
      """
  )

  @Flag(help: "Print a JSON list instead of a table.")
  var json = false

  @Option(parsing: .upToNextOption, help: "Cells to measure.")
  var cells: [CellType] = [.rnnTanh, .lstm, .gru]

  @Option(parsing: .upToNextOption, help: "Hidden sizes to measure.")
  var hidden: [Int] = [32, 128, 512]

  @Option(help: "Timed training steps per configuration and round (the median is reported).")
  var steps = 10

  @Option(help: "Rounds over all configurations, each configuration in a fresh process (medians reported).")
  var rounds = 3

  @Option(help: "Threads for the products and the batch-split recurrence (default: the cores available).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Run the recurrence's products on the AVX2 micro-kernel even where AVX-512 exists (to compare).")
  var avx2 = false

  @Flag(help: "Also measure what watching costs: training speed with live snapshots against without.")
  var live = false

  @Flag(help: "Time with the process's CPU time instead of the wall clock (with --threads 1, on a loaded machine).")
  var cpuTime = false

  @Option(parsing: .upToNextOption, help: "Rows to measure: train, seq2seq, bidirectional.")
  var only: [Workload] = Workload.allCases
  @Option(
    help: ArgumentHelp(
      "Only train the first --cells and --hidden configuration for N steps on --threads threads, untimed, for an "
        + "instruction counter such as callgrind.", valueName: "N"))
  var countedSteps: Int?

  @Option(help: ArgumentHelp("With --counted-steps: a first trace, then every K-th step traced.", valueName: "K"))
  var traceEvery: Int?

  @Flag(help: "With --counted-steps: feed the one-hot input as a dense 256-wide matrix.")
  var dense = false

  @Option(help: .hidden)
  var onlyConfiguration: String?

  /// The kinds of rows bench measures.
  enum Workload: String, CaseIterable, ExpressibleByArgument {
    /// The byte workload, unidirectional, every cell and hidden size given.
    case train
    /// The encoder–decoder with dot attention, GRU and LSTM at `Workload.newModelHidden`.
    case seq2seq
    /// The byte workload with `--bidirectional`, LSTM at `Workload.newModelHidden`.
    case bidirectional

    /// H of the seq2seq and bidirectional rows (the issues' size).
    static let newModelHidden = 128

    /// The cells among `cells` this workload measures.
    func cells(among cells: [CellType]) -> [CellType] {
      switch self {
      case .train: cells
      case .seq2seq: cells.filter { $0 == .gru || $0 == .lstm }
      case .bidirectional: cells.filter { $0 == .lstm }
      }
    }
  }

  /// One configuration a fresh process measures: `workload:cell:hidden` on its command line.
  struct Configuration {
    var workload: Workload
    var cell: CellType
    var hidden: Int

    /// The `--only-configuration` argument naming it.
    var argument: String { "\(workload.rawValue):\(cell.rawValue):\(hidden)" }

    /// Parses `argument`'s form, or nil.
    init?(argument: String) {
      let parts = argument.split(separator: ":").map(String.init)
      guard parts.count == 3, let workload = Workload(rawValue: parts[0]), let cell = CellType(rawValue: parts[1]),
        let hidden = Int(parts[2])
      else { return nil }
      self.init(workload: workload, cell: cell, hidden: hidden)
    }

    init(workload: Workload, cell: CellType, hidden: Int) {
      self.workload = workload
      self.cell = cell
      self.hidden = hidden
    }
  }

  /// What a process measuring one configuration prints for the parent, as JSON.
  struct ConfigurationResult: Codable {
    var training: TrainingBenchmark.Result?
    var live: LiveBenchmark.Result?
    var seq2seq: Seq2SeqBenchmark.Result?
  }

  func validate() throws {
    if steps < 1 { throw ValidationError("--steps must be at least 1") }
    if rounds < 1 { throw ValidationError("--rounds must be at least 1") }
    if threads < 1 { throw ValidationError("--threads must be at least 1") }
    if hidden.contains(where: { $0 < 1 || $0 > 4096 }) { throw ValidationError("--hidden sizes must be 1…4096") }
    if let countedSteps, countedSteps < 1 { throw ValidationError("--counted-steps must be at least 1") }
    if let traceEvery, traceEvery < 1 { throw ValidationError("--trace-every must be at least 1") }
    if countedSteps == nil && (traceEvery != nil || dense) {
      throw ValidationError("--trace-every and --dense go with --counted-steps")
    }
  }

  func run() throws {
    let kernel = PackedKernel.select(avx512: !avx2)
    TrainingBenchmark.timesCPU = cpuTime
    if let onlyConfiguration { return try measureOne(onlyConfiguration) }
    if let countedSteps, let cell = cells.first, let size = hidden.first {
      return CountedSteps.run(
        cell: cell, hidden: size, dense: dense, steps: countedSteps, traceEvery: traceEvery, threads: threads)
    }
    if !json {
      printLine(
        "\(BLAS.libraryName), \(kernel) recurrence kernel, \(threads) threads (the trace and --live: "
          + "\(TrainingBenchmark.liveSessionThreads), as the live session trains), "
          + "\(rounds) rounds of a fresh process a configuration, medians")
    }
    let configurations = Workload.allCases.filter(only.contains).flatMap { workload in
      workload.cells(among: cells).flatMap { cell in
        (workload == .train ? hidden : [Workload.newModelHidden]).map {
          Configuration(workload: workload, cell: cell, hidden: $0)
        }
      }
    }
    var roundResults = [[ConfigurationResult]](repeating: [], count: configurations.count)
    for _ in 0..<rounds {
      for (index, configuration) in configurations.enumerated() {
        roundResults[index].append(try measureInFreshProcess(configuration))
      }
    }
    let results = roundResults.compactMap { TrainingBenchmark.median(of: $0.compactMap(\.training)) }
    let liveResults = roundResults.compactMap { LiveBenchmark.median(of: $0.compactMap(\.live)) }
    let seq2seqResults = roundResults.compactMap { Seq2SeqBenchmark.median(of: $0.compactMap(\.seq2seq)) }
    let render = RenderBenchmark.run(width: 200, height: 60, iterations: 200)
    let searches = [PatternSearchBenchmark.run(), PatternSearchBenchmark.run(threads: threads)]
    if json {
      try printJSON(
        results: results, liveResults: liveResults, seq2seqResults: seq2seqResults, render: render, searches: searches,
        kernel: kernel)
    } else {
      printTables(results: results, liveResults: liveResults)
      printSeq2SeqTable(seq2seqResults)
      printLine(
        String(
          format: "render 200x60: %.3f ms per frame, diff of an unchanged frame %.3f ms (medians)",
          render.renderFrameMs, render.diffUnchangedMs))
      for search in searches {
        printLine(
          String(
            format:
              "pattern search, %d bytes, lstm H=%d, %d thread(s): %.1f ms, %.1f ms of processor time (the pass over "
              + "the text %.1f ms, selecting and matching %.1f ms; %d units, %d matches), medians of 3",
            search.positions, search.hidden, search.threads, search.totalMs, search.cpuMs, search.activationsMs,
            search.matchingMs, search.selectedUnits, search.matches))
      }
    }
  }

  /// Measures the configuration `workload:cell:hidden` in this process and prints a `ConfigurationResult`.
  private func measureOne(_ argument: String) throws {
    guard let configuration = Configuration(argument: argument) else {
      throw ValidationError("--only-configuration: expected workload:cell:hidden, got '\(argument)'")
    }
    let (cell, size) = (configuration.cell, configuration.hidden)
    var result = ConfigurationResult()
    switch configuration.workload {
    case .train, .bidirectional:
      let bidirectional = configuration.workload == .bidirectional
      result.training = TrainingBenchmark.run(
        cell: cell, hidden: size, bidirectional: bidirectional, steps: steps, threads: threads)
      result.live = live && !bidirectional ? try LiveBenchmark.run(cell: cell, hidden: size) : nil
    case .seq2seq:
      result.seq2seq = Seq2SeqBenchmark.run(cell: cell, hidden: size, steps: steps, threads: threads)
    }
    let data = try JSONEncoder().encode(result)
    printLine(String(decoding: data, as: UTF8.self))
  }

  /// Runs this program again to measure one configuration, so that no configuration inherits
  /// another's buffers, threads or heap.
  private func measureInFreshProcess(_ configuration: Configuration) throws -> ConfigurationResult {
    let process = Process()
    process.executableURL = Bundle.main.executableURL
    process.arguments =
      ["bench", "--only-configuration", configuration.argument, "--steps", "\(steps)", "--threads", "\(threads)"]
      + (avx2 ? ["--avx2"] : []) + (live ? ["--live"] : []) + (cpuTime ? ["--cpu-time"] : [])
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ValidationError("bench: measuring \(configuration.argument) failed (exit \(process.terminationStatus))")
    }
    return try JSONDecoder().decode(ConfigurationResult.self, from: data)
  }

  private func printTables(results: [TrainingBenchmark.Result], liveResults: [LiveBenchmark.Result]) {
    if !results.isEmpty {
      printLine(
        "cell      hidden  input   train tok/s   forward tok/s   train GFLOP/s   peak GFLOP/s   of peak   trace cost"
          + "   tracer   first tracer"
      )
    }
    for result in results {
      let cell = (result.bidirectional ? "bi-" : "") + result.cell.rawValue
      let configuration = cell.padding(toLength: 9, withPad: " ", startingAt: 0) + String(format: "%6d", result.hidden)
      let peakShare = { (gflops: Double) in result.peakGFLOPS > 0 ? gflops / result.peakGFLOPS * 100 : 0 }
      printLine(
        configuration
          + String(
            format: "  gather %13.0f %15.0f %15.1f %14.0f %8.0f%% %11.1f%% %7.0f%% %13.0f%%",
            result.trainTokensPerSecond,
            result.forwardTokensPerSecond, result.trainGFLOPS, result.peakGFLOPS, peakShare(result.trainGFLOPS),
            result.traceCostRelativeToStep * 100, result.tracerRelativeToStep * 100,
            result.firstTracerRelativeToStep * 100))
      printLine(
        configuration
          + String(
            format: "  dense  %13.0f %15.0f %15.1f %14.0f %8.0f%%", result.denseTrainTokensPerSecond,
            result.denseForwardTokensPerSecond, result.denseTrainGFLOPS, result.peakGFLOPS,
            peakShare(result.denseTrainGFLOPS)))
    }
    guard !liveResults.isEmpty else { return }
    printLine("cell      hidden   unwatched steps/s   watched steps/s   snapshots/s   publishing   tracer   slowdown")
    for result in liveResults {
      printLine(
        result.cell.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + String(format: "%6d", result.hidden)
          + String(
            format: " %19.1f %17.1f %13.1f %11.1f%% %7.0f%% %9.1f%%", result.unwatchedStepsPerSecond,
            result.watchedStepsPerSecond, result.snapshotsPerSecond, result.publishingShare * 100,
            result.tracerShare * 100, result.slowdown * 100))
    }
  }

  /// The seq2seq rows: target tokens per second of training and forward, GFLOP/s beside the peak.
  private func printSeq2SeqTable(_ results: [Seq2SeqBenchmark.Result]) {
    guard !results.isEmpty else { return }
    printLine(
      "seq2seq   hidden  attention  train tok/s   forward tok/s   train GFLOP/s   peak GFLOP/s   of peak")
    for result in results {
      printLine(
        result.cell.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + String(format: "%6d  ", result.hidden)
          + Seq2SeqBenchmark.attention.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
          + String(
            format: " %12.0f %15.0f %15.1f %14.0f %8.0f%%", result.trainTokensPerSecond, result.forwardTokensPerSecond,
            result.trainGFLOPS, result.peakGFLOPS,
            result.peakGFLOPS > 0 ? result.trainGFLOPS / result.peakGFLOPS * 100 : 0))
    }
  }

  private func printJSON(
    results: [TrainingBenchmark.Result], liveResults: [LiveBenchmark.Result],
    seq2seqResults: [Seq2SeqBenchmark.Result], render: RenderBenchmark.Result,
    searches: [PatternSearchBenchmark.Result], kernel: String
  ) throws {
    var objects: [[String: Any]] = []
    for result in results {
      let shared: [String: Any] = [
        "cell": result.cell.rawValue, "hidden": result.hidden, "batch": TrainingBenchmark.batchSize,
        "seq": TrainingBenchmark.length, "threads": result.threads, "rounds": rounds, "blas": BLAS.libraryName,
        "kernel": kernel, "peak_gflops": result.peakGFLOPS, "bidirectional": result.bidirectional,
      ]
      objects.append(
        shared.merging(
          [
            "benchmark": "train", "input": "gather",
            "train_tokens_per_s": result.trainTokensPerSecond, "forward_tokens_per_s": result.forwardTokensPerSecond,
            "gflops": result.trainGFLOPS, "trace_threads": result.traceThreads,
            "trace_cost_fraction": result.traceCostRelativeToStep,
            "tracer_fraction": result.tracerRelativeToStep,
            "first_tracer_fraction": result.firstTracerRelativeToStep, "trace_ms": result.traceSeconds * 1000,
          ], uniquingKeysWith: { $1 }))
      objects.append(
        shared.merging(
          [
            "benchmark": "train_dense", "input": "dense",
            "train_tokens_per_s": result.denseTrainTokensPerSecond,
            "forward_tokens_per_s": result.denseForwardTokensPerSecond, "gflops": result.denseTrainGFLOPS,
          ], uniquingKeysWith: { $1 }))
    }
    objects += liveResults.map { result in
      [
        "benchmark": "live", "cell": result.cell.rawValue, "hidden": result.hidden,
        "threads": TrainingBenchmark.liveSessionThreads,
        "unwatched_steps_per_s": result.unwatchedStepsPerSecond, "watched_steps_per_s": result.watchedStepsPerSecond,
        "snapshots_per_s": result.snapshotsPerSecond, "publishing_fraction": result.publishingShare,
        "tracer_fraction": result.tracerShare, "slowdown_fraction": result.slowdown,
      ]
    }
    objects += seq2seqResults.map { result in
      [
        "benchmark": "seq2seq", "cell": result.cell.rawValue, "hidden": result.hidden,
        "attention": Seq2SeqBenchmark.attention.rawValue, "batch": Seq2SeqBenchmark.batchSize,
        "source_len": Seq2SeqBenchmark.length, "target_len": Seq2SeqBenchmark.length,
        "embedding": Seq2SeqBenchmark.embedding, "vocab": Seq2SeqBenchmark.vocab, "threads": result.threads,
        "rounds": rounds, "blas": BLAS.libraryName, "kernel": kernel, "peak_gflops": result.peakGFLOPS,
        "train_tokens_per_s": result.trainTokensPerSecond, "forward_tokens_per_s": result.forwardTokensPerSecond,
        "gflops": result.trainGFLOPS,
      ]
    }
    objects.append([
      "benchmark": "render", "size": "200x60", "render_frame_ms": render.renderFrameMs,
      "diff_unchanged_ms": render.diffUnchangedMs,
    ])
    objects += searches.map { search in
      [
        "benchmark": "pattern_search", "cell": "lstm", "hidden": search.hidden, "positions": search.positions,
        "threads": search.threads, "total_ms": search.totalMs, "cpu_ms": search.cpuMs,
        "activations_ms": search.activationsMs, "matching_ms": search.matchingMs,
        "selected_units": search.selectedUnits, "matches": search.matches,
      ]
    }
    let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
    printLine(String(decoding: data, as: UTF8.self))
  }
}
