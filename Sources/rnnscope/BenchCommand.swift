import ArgumentParser
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
      of 100 one-hot bytes (256-way output, Adam) and reports median tokens per second, GFLOP/s \
      (also as a share of the processor's peak, measured first with an FMA loop on every thread) \
      and what recording the probe trace adds to a training step, as a share of it: the probe \
      riding along with the step, as in the live session (the median difference between a step \
      with it and one without, timed in pairs), and a session's first trace; then renders a 200×60 frame with two heatmaps and two line \
      charts. With --live, also trains each configuration on the next-byte task for a few seconds \
      unwatched and then as the TUI watches it (snapshots with a fresh probe trace), and reports \
      how much slower watched training runs.

      Examples:
        rnnscope bench
        rnnscope bench --json --cells lstm --hidden 128
        rnnscope bench --live --cells lstm
      """
  )

  @Flag(help: "Print a JSON list instead of a table.")
  var json = false

  @Option(parsing: .upToNextOption, help: "Cells to measure.")
  var cells: [CellType] = [.rnnTanh, .lstm, .gru]

  @Option(parsing: .upToNextOption, help: "Hidden sizes to measure.")
  var hidden: [Int] = [32, 128, 512]

  @Option(help: "Timed training steps per configuration (the median is reported).")
  var steps = 10

  @Option(help: "Threads for the products and the batch-split recurrence (default: one per core).")
  var threads: Int?

  @Flag(help: "Run the recurrence's products on the AVX2 micro-kernel even where AVX-512 exists (to compare).")
  var avx2 = false

  @Flag(help: "Also measure what watching costs: training speed with live snapshots against without.")
  var live = false

  func validate() throws {
    if steps < 1 { throw ValidationError("--steps must be at least 1") }
    if hidden.contains(where: { $0 < 1 || $0 > 4096 }) { throw ValidationError("--hidden sizes must be 1…4096") }
  }

  func run() throws {
    if let threads { EngineThreads.set(threads) }
    let kernel = PackedKernel.select(avx512: !avx2)
    let peak = MachinePeak.measureGFLOPS()
    if !json {
      printLine(
        "\(BLAS.libraryName), \(kernel) recurrence kernel, \(threads.map { "\($0) threads" } ?? "one thread per core")")
      printLine(String(format: "peak %.0f GFLOP/s (vector FMA chains on every thread, measured)", peak))
    }
    let results = measureEach(
      header: "cell      hidden   train tok/s   forward tok/s   train GFLOP/s   of peak   trace cost   first trace",
      measure: { TrainingBenchmark.run(cell: $0, hidden: $1, steps: steps) },
      row: { result in
        String(
          format: " %13.0f %15.0f %15.1f %8.0f%% %11.1f%% %12.1f%%", result.trainTokensPerSecond,
          result.forwardTokensPerSecond, result.trainGFLOPS, peak > 0 ? result.trainGFLOPS / peak * 100 : 0,
          result.traceCostRelativeToStep * 100, result.firstTraceCostRelativeToStep * 100)
      })
    let liveResults =
      try live
      ? measureEach(
        header: "cell      hidden   unwatched steps/s   watched steps/s   snapshots/s   publishing   slowdown",
        measure: { try LiveBenchmark.run(cell: $0, hidden: $1) },
        row: { result in
          String(
            format: " %19.1f %17.1f %13.1f %11.1f%% %9.1f%%", result.unwatchedStepsPerSecond,
            result.watchedStepsPerSecond, result.snapshotsPerSecond, result.publishingShare * 100,
            result.slowdown * 100)
        }) : []
    let render = RenderBenchmark.run(width: 200, height: 60, iterations: 200)
    if json {
      var objects: [[String: Any]] = results.map { result in
        [
          "benchmark": "train", "cell": result.cell.rawValue, "hidden": result.hidden, "batch": 32, "seq": 100,
          "train_tokens_per_s": result.trainTokensPerSecond, "forward_tokens_per_s": result.forwardTokensPerSecond,
          "gflops": result.trainGFLOPS, "trace_cost_fraction": result.traceCostRelativeToStep,
          "first_trace_cost_fraction": result.firstTraceCostRelativeToStep, "trace_ms": result.traceSeconds * 1000,
          "blas": BLAS.libraryName,
          "kernel": kernel, "peak_gflops": peak,
        ]
      }
      objects += liveResults.map { result in
        [
          "benchmark": "live", "cell": result.cell.rawValue, "hidden": result.hidden,
          "unwatched_steps_per_s": result.unwatchedStepsPerSecond, "watched_steps_per_s": result.watchedStepsPerSecond,
          "snapshots_per_s": result.snapshotsPerSecond, "publishing_fraction": result.publishingShare,
          "slowdown_fraction": result.slowdown,
        ]
      }
      objects.append([
        "benchmark": "render", "size": "200x60", "render_frame_ms": render.renderFrameMs,
        "diff_unchanged_ms": render.diffUnchangedMs,
      ])
      let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
      printLine(String(decoding: data, as: UTF8.self))
    } else {
      printLine(
        String(
          format: "render 200x60: %.3f ms per frame, diff of an unchanged frame %.3f ms (medians)",
          render.renderFrameMs, render.diffUnchangedMs))
    }
  }

  /// Runs `measure` for every cell and size; unless `--json`, prints `header` and a line per
  /// result: the cell, the size and `row(result)`.
  private func measureEach<Result>(
    header: String, measure: (CellType, Int) throws -> Result, row: (Result) -> String
  ) rethrows -> [Result] {
    if !json { printLine(header) }
    var results: [Result] = []
    for cell in cells {
      for size in hidden {
        let result = try measure(cell, size)
        results.append(result)
        if !json {
          printLine(
            cell.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + String(format: "%6d", size) + row(result))
        }
      }
    }
    return results
  }
}
