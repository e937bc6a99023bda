import Foundation
import RNNEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Times training and forward passes on a fixed character-model workload, for `rnnscope bench`.
///
/// Workload: B = 32, T = 100, 256-symbol one-hot input, 256-way softmax at every step, Adam. The
/// one-hot input is fed two ways: as symbol indices, whose input product is a gather of `W_ih`'s
/// rows (what rnnscope trains with), and as a dense 256-wide matrix multiplied by `W_ih`, the
/// products PyTorch runs on the same workload (the like-for-like comparison).
public enum TrainingBenchmark {
  /// Sequences in a batch.
  public static let batchSize = 32
  /// Steps in a sequence.
  public static let length = 100
  /// Symbols in the one-hot input and the softmax.
  public static let vocab = 256
  /// Threads the live session trains on (`rnnscope tui` keeps the other cores for drawing): the
  /// trace's cost and `LiveBenchmark` are timed on these.
  public static let liveSessionThreads = 1

  /// Median throughput of one configuration in one process.
  public struct Result: Sendable, Equatable, Codable {
    /// Cell timed.
    public var cell: CellType
    /// H.
    public var hidden: Int
    /// Whether every layer also reads right to left (`--bidirectional`; the head reads 2H).
    public var bidirectional = false
    /// Threads the products and the batch-split recurrence ran on.
    public var threads: Int
    /// The processor's peak GFLOP/s on `threads` threads, taken just before this configuration.
    public var peakGFLOPS: Double
    /// Tokens (B·T) per second of forward + backward + Adam, the input gathered from `W_ih`.
    public var trainTokensPerSecond: Double
    /// Tokens per second of forward (with loss) only, as `evaluate` runs it, the input gathered.
    public var forwardTokensPerSecond: Double
    /// GFLOP/s of the training step's matrix products (2 × multiply-adds), the input gathered.
    public var trainGFLOPS: Double
    /// GFLOP/s of the forward pass's matrix products, the input gathered.
    public var forwardGFLOPS: Double
    /// Tokens per second of training with the one-hot input as a dense (B·T, 256) matrix.
    public var denseTrainTokensPerSecond: Double
    /// Tokens per second of forward only with the dense input.
    public var denseForwardTokensPerSecond: Double
    /// GFLOP/s of the dense training step's matrix products (the input product included).
    public var denseTrainGFLOPS: Double
    /// Threads the trace's cost was timed on: the live session's training thread.
    public var traceThreads: Int
    /// What a trace adds to the training step that hands it to the background tracer, as a
    /// fraction of a plain step on `traceThreads`: the copy of the weights and the gradient
    /// norms; traces spaced as the live session starts them (`PublishSchedule`).
    public var traceCostRelativeToStep: Double
    /// The tracer's seconds for one trace, on its own thread, as a fraction of a plain step.
    public var tracerRelativeToStep: Double
    /// The same for a session's first trace, whose iterations start from nothing.
    public var firstTracerRelativeToStep: Double
    /// The tracer's seconds for one trace.
    public var traceSeconds: Double
  }

  /// Measures one configuration: the peak, then `steps` timed training steps and forward passes
  /// with each input (after a warm-up) on `threads` threads, then the trace's cost on the live
  /// session's one training thread; reports medians.
  public static func run(
    cell: CellType, hidden: Int, bidirectional: Bool = false, steps: Int = 10, threads: Int
  ) -> Result {
    var random = SeededRandom(seed: 1)
    let (batch, probe) = randomText(random: &random)
    let gathered = makeModel(
      cell: cell, hidden: hidden, bidirectional: bidirectional, input: .oneHot(vocab: vocab), random: &random)
    let dense = makeModel(
      cell: cell, hidden: hidden, bidirectional: bidirectional, input: .dense(features: vocab), random: &random)
    let denseBatch = withDenseInput(batch)

    EngineThreads.set(threads)
    let peak = MachinePeak.measureGFLOPS()
    var adam = Adam(learningRate: 1e-3)
    let trainSeconds = medianSeconds(steps: steps) { gathered.trainStep(batch, optimizer: &adam) }
    let forwardSeconds = medianSeconds(steps: steps) { _ = gathered.evaluate(batch) }
    var denseAdam = Adam(learningRate: 1e-3)
    let denseTrainSeconds = medianSeconds(steps: steps) { dense.trainStep(denseBatch, optimizer: &denseAdam) }
    let denseForwardSeconds = medianSeconds(steps: steps) { _ = dense.evaluate(denseBatch) }

    EngineThreads.set(liveSessionThreads)
    let trace = traceCost(of: gathered, batch: batch, probe: probe, optimizer: &adam, rounds: steps)
    EngineThreads.set(threads)

    // Multiply-adds of the products: recurrence B·H·G·H per step and direction; head B·T·dirs·H·O;
    // the dense input B·T·V·G·H per direction (the gathered input is free).
    let directions = Double(bidirectional ? 2 : 1)
    let gateWidth = Double(cell.gateCount * hidden)
    let tokensPerBatch = Double(batchSize * length)
    let forwardMACs = tokensPerBatch * directions * (Double(hidden) * gateWidth + Double(hidden * vocab))
    let inputMACs = tokensPerBatch * directions * Double(vocab) * gateWidth
    // Backward: dh_{t−1} and dW_hh each match the recurrence; head weight gradient and dY each
    // match the head; the dense input adds dW_ih (no gradient for the input itself).
    let trainMACs = 3 * forwardMACs
    let denseTrainMACs = trainMACs + 2 * inputMACs
    return Result(
      cell: cell, hidden: hidden, bidirectional: bidirectional, threads: threads, peakGFLOPS: peak,
      trainTokensPerSecond: tokensPerBatch / trainSeconds, forwardTokensPerSecond: tokensPerBatch / forwardSeconds,
      trainGFLOPS: 2 * trainMACs / trainSeconds / 1e9, forwardGFLOPS: 2 * forwardMACs / forwardSeconds / 1e9,
      denseTrainTokensPerSecond: tokensPerBatch / denseTrainSeconds,
      denseForwardTokensPerSecond: tokensPerBatch / denseForwardSeconds,
      denseTrainGFLOPS: 2 * denseTrainMACs / denseTrainSeconds / 1e9,
      traceThreads: liveSessionThreads,
      traceCostRelativeToStep: trace.handOffSeconds / trace.plainSeconds,
      tracerRelativeToStep: trace.tracerSeconds / trace.plainSeconds,
      firstTracerRelativeToStep: trace.firstTracerSeconds / trace.plainSeconds, traceSeconds: trace.tracerSeconds)
  }

  /// The median of each figure over `rounds` (one result a process), for `rnnscope bench`.
  public static func median(of rounds: [Result]) -> Result? {
    medianFields(
      of: rounds,
      fields: [
        \.peakGFLOPS, \.trainTokensPerSecond, \.forwardTokensPerSecond, \.trainGFLOPS, \.forwardGFLOPS,
        \.denseTrainTokensPerSecond, \.denseForwardTokensPerSecond, \.denseTrainGFLOPS,
        \.traceCostRelativeToStep, \.tracerRelativeToStep, \.firstTracerRelativeToStep, \.traceSeconds,
      ])
  }

  /// Random text: each sequence's targets are its inputs shifted by one step; the probe is the
  /// batch's first sequence.
  static func randomText(random: inout SeededRandom) -> (batch: Batch, probe: Batch) {
    var inputs: [Int32] = []
    var targets: [Int32] = []
    for _ in 0..<batchSize {
      let text = (0...length).map { _ in Int32(random.int(in: 0..<vocab)) }
      inputs += text.dropLast()
      targets += text.dropFirst()
    }
    let batch = Batch(batchSize: batchSize, length: length, tokens: inputs, targets: .everyStep(targets))
    let probe = Batch(
      batchSize: 1, length: length, tokens: Array(inputs[0..<length]), targets: .everyStep(Array(targets[0..<length])))
    return (batch, probe)
  }

  static func makeModel(
    cell: CellType, hidden: Int, bidirectional: Bool, input: InputEncoding, random: inout SeededRandom
  ) -> RecurrentModel {
    let config = ModelConfig(cell: cell, input: input, hidden: hidden, outputs: vocab, bidirectional: bidirectional)
    return RecurrentModel(config: config, random: &random)
  }

  /// `batch` with its one-hot input as a dense `(B·T, V)` matrix.
  static func withDenseInput(_ batch: Batch) -> Batch {
    Batch(batchSize: batchSize, length: length, features: oneHot(batch.tokens), targets: batch.targets)
  }

  /// The tokens as one-hot rows, `(B·T, V)`.
  private static func oneHot(_ tokens: [Int32]) -> [Float] {
    var features = [Float](repeating: 0, count: tokens.count * vocab)
    for (row, token) in tokens.enumerated() { features[row * vocab + Int(token)] = 1 }
    return features
  }

  /// The trace's cost as the live session pays it: plain steps until the session's schedule says
  /// a trace is due, then the plain step before it and the step that hands the trace to the
  /// background tracer are timed as a pair (the machine's speed drifts over seconds, which a
  /// pair's two steps see alike); plain steps go on while the tracer works, each trace starting
  /// where the last ended. Medians of `rounds` pairs and traces after the first; then a session's
  /// first trace, its iterations started from nothing, on a tracer of its own.
  private static func traceCost(
    of model: RecurrentModel, batch: Batch, probe: Batch, optimizer: inout Adam, rounds: Int
  ) -> (handOffSeconds: Double, tracerSeconds: Double, firstTracerSeconds: Double, plainSeconds: Double) {
    warmUp { model.trainStep(batch, optimizer: &optimizer) }  // on these threads
    let tracer = BackgroundTracer(config: model.config)
    defer { tracer.stop() }
    var schedule = PublishSchedule()
    var plainSteps: [Double] = []
    var handOffs: [Double] = []
    var traces: [Double] = []
    for _ in 0...rounds {
      while !schedule.isDue() { model.trainStep(batch, optimizer: &optimizer) }
      let plain = seconds { model.trainStep(batch, optimizer: &optimizer) }
      let traced = seconds {
        let startingWeights = model.parameters
        model.trainStep(batch, optimizer: &optimizer)
        tracer.start(parameters: startingWeights, gradientNorms: model.gradientNorms(), probe: probe, step: 0)
      }
      while tracer.isBusy { model.trainStep(batch, optimizer: &optimizer) }
      guard let finished = tracer.takeFinished() else { preconditionFailure("the tracer finished no trace") }
      schedule.published(at: Date(), cost: traced - plain + finished.secondsTakenFromTrainer)
      plainSteps.append(plain)
      handOffs.append(traced - plain)
      traces.append(finished.seconds)
    }
    let newcomer = BackgroundTracer(config: model.config)
    defer { newcomer.stop() }
    newcomer.start(parameters: model.parameters, gradientNorms: model.gradientNorms(), probe: probe, step: 0)
    guard let first = newcomer.waitForTrace() else { preconditionFailure("the tracer finished no trace") }
    return (
      Benchmarks.median(handOffs.dropFirst()), Benchmarks.median(traces.dropFirst()), first.seconds,
      Benchmarks.median(plainSteps.dropFirst())
    )
  }

  /// The median seconds of `steps` runs of `body`, after a warm-up and one more run that is
  /// dropped. `scripts/pytorch-bench.py` follows the same rule.
  static func medianSeconds(steps: Int, _ body: () -> Void) -> Double {
    warmUp(body)
    return Benchmarks.median((0...steps).map { _ in seconds(body) }.dropFirst())
  }

  /// Runs `body` at least 3 times and for at least 0.3 s: the first tenths of a second of a run
  /// are slower (buffers, helper threads, the processor's clock).
  private static func warmUp(_ body: () -> Void) {
    var (warmUpSteps, warmUpSeconds) = (0, 0.0)
    while warmUpSteps < 3 || warmUpSeconds < 0.3 {
      warmUpSeconds += seconds(body)
      warmUpSteps += 1
    }
  }

  /// Whether timings read the process's CPU time instead of the wall clock (`bench --cpu-time`):
  /// on one thread, CPU time leaves out the time other processes hold the core.
  nonisolated(unsafe) public static var timesCPU = false

  private static func seconds(_ body: () -> Void) -> Double {
    var start = timespec()
    var end = timespec()
    let clock = timesCPU ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC
    clock_gettime(clock, &start)
    body()
    clock_gettime(clock, &end)
    let wholeSeconds = Double(end.tv_sec - start.tv_sec)
    return wholeSeconds + Double(end.tv_nsec - start.tv_nsec) * 1e-9
  }

}
