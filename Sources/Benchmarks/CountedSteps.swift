import RNNEngine

/// The benchmark's workload for a fixed number of training steps with no clock, for an
/// instruction counter (`valgrind --tool=callgrind`): counts do not depend on the machine's load
/// as times do. Each kind of step runs in a function of its own, so a counter's inclusive cost of
/// `plainStep`, `tracedStep` and `firstTracedStep` is that kind's total.
public enum CountedSteps {
  /// Trains a fresh model of `cell` and `hidden` (the benchmark's seed and data, one-hot input
  /// gathered, or `dense`) for `steps` steps on `threads` threads. With `traceEvery` k, a session's
  /// first trace comes first and every k-th step then traces the probe, the work the live
  /// session's background tracer does, here inside the step so that a counter sees it there.
  public static func run(cell: CellType, hidden: Int, dense: Bool, steps: Int, traceEvery: Int?, threads: Int) {
    var random = SeededRandom(seed: 1)
    let (batch, probe) = TrainingBenchmark.randomText(random: &random)
    let gathered = TrainingBenchmark.makeModel(
      cell: cell, hidden: hidden, bidirectional: false, input: .oneHot(vocab: TrainingBenchmark.vocab), random: &random)
    let model =
      dense
      ? TrainingBenchmark.makeModel(
        cell: cell, hidden: hidden, bidirectional: false, input: .dense(features: TrainingBenchmark.vocab),
        random: &random)
      : gathered
    let input = dense ? TrainingBenchmark.withDenseInput(batch) : batch
    EngineThreads.set(threads)
    var adam = Adam(learningRate: 1e-3)
    var warmStart = TraceWarmStart()
    if traceEvery != nil { firstTracedStep(model, input, probe: probe, optimizer: &adam, warmStart: &warmStart) }
    for step in 1...max(steps, 1) {
      if let traceEvery, step % traceEvery == 0 {
        tracedStep(model, input, probe: probe, optimizer: &adam, warmStart: &warmStart)
      } else {
        plainStep(model, input, optimizer: &adam)
      }
    }
  }

  @inline(never)
  static func plainStep(_ model: RecurrentModel, _ batch: Batch, optimizer: inout Adam) {
    model.trainStep(batch, optimizer: &optimizer)
  }

  /// A step and the probe's trace, starting where the last one ended.
  @inline(never)
  static func tracedStep(
    _ model: RecurrentModel, _ batch: Batch, probe: Batch, optimizer: inout Adam, warmStart: inout TraceWarmStart
  ) {
    _ = model.trainStep(batch, optimizer: &optimizer, tracing: probe, warmStart: &warmStart)
  }

  /// The first step with a trace, from an empty `warmStart`, which it leaves for the next.
  @inline(never)
  static func firstTracedStep(
    _ model: RecurrentModel, _ batch: Batch, probe: Batch, optimizer: inout Adam, warmStart: inout TraceWarmStart
  ) {
    _ = model.trainStep(batch, optimizer: &optimizer, tracing: probe, warmStart: &warmStart)
  }
}
