#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Times training and forward passes on a fixed character-model workload, for `rnnscope bench`.
///
/// Workload: B = 32, T = 100, 256-symbol one-hot input, 256-way softmax at every step, Adam.
public enum TrainingBenchmark {
  /// Median throughput of one configuration.
  public struct Result: Sendable, Equatable {
    /// Cell measured.
    public var cell: CellType
    /// H.
    public var hidden: Int
    /// Tokens (B·T) per second of forward + backward + Adam.
    public var trainTokensPerSecond: Double
    /// Tokens per second of forward (with loss) only, as `evaluate` runs it.
    public var forwardTokensPerSecond: Double
    /// GFLOP/s of the training step's matrix products (2 × multiply-adds).
    public var trainGFLOPS: Double
    /// GFLOP/s of the forward pass's matrix products.
    public var forwardGFLOPS: Double
    /// What recording the trace of one probe sequence adds to a training step, as a fraction of
    /// the step: the probe rides along with the step (`trainStep(tracing:)`), as in the live session.
    public var traceCostRelativeToStep: Double
    /// The same for a session's first trace, whose iterations start from nothing.
    public var firstTraceCostRelativeToStep: Double
    /// Seconds the trace adds to a step (the share above, unscaled).
    public var traceSeconds: Double
  }

  /// Runs `steps` timed training steps and forward passes (after a warm-up) and reports medians.
  public static func run(cell: CellType, hidden: Int, steps: Int = 10, batchSize: Int = 32, length: Int = 100) -> Result
  {
    let vocab = 256
    var random = SeededRandom(seed: 1)
    let config = ModelConfig(cell: cell, input: .oneHot(vocab: vocab), hidden: hidden, outputs: vocab)
    let model = RecurrentModel(config: config, random: &random)
    // Random text; each sequence's targets are its inputs shifted by one step.
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
    var adam = Adam(learningRate: 1e-3)

    // Warm up for at least 3 steps and 0.3 s: the first tenths of a second of a run measured up to
    // 3× slower on these machines (buffers, helper threads, the processor's own clock).
    var (warmUpSteps, warmUpSeconds) = (0, 0.0)
    while warmUpSteps < 3 || warmUpSeconds < 0.3 {
      warmUpSeconds += seconds { model.trainStep(batch, optimizer: &adam) }
      warmUpSteps += 1
    }
    let trainSeconds = median((0...steps).map { _ in seconds { model.trainStep(batch, optimizer: &adam) } }.dropFirst())
    let forwardSeconds = median((0...steps).map { _ in seconds { _ = model.evaluate(batch) } }.dropFirst())
    // The trace as the live session records it: the probe (the batch's first sequence) riding
    // along with a training step, its iterations starting where the previous trace's ended; then
    // from nothing, as a session's first trace. Each round times a step with the probe and one
    // without, in turn first, and the cost is the median of the rounds' differences: the
    // machine's speed drifts over seconds, which a round's two steps see alike (the difference of
    // the two medians moved by more than the trace's cost from run to run here).
    var plainSteps: [Double] = []
    var traceCosts: [Double] = []
    var firstTraceCosts: [Double] = []
    for round in 0...steps {
      let plainFirst = round % 2 == 0
      var plain = plainFirst ? seconds { model.trainStep(batch, optimizer: &adam) } : 0
      let traced = seconds { _ = model.trainStep(batch, optimizer: &adam, tracing: probe) }
      if !plainFirst { plain = seconds { model.trainStep(batch, optimizer: &adam) } }
      plainSteps.append(plain)
      traceCosts.append(traced - plain)
      guard plainFirst else { continue }
      model.traceStarts = [:]
      firstTraceCosts.append(seconds { _ = model.trainStep(batch, optimizer: &adam, tracing: probe) } - plain)
    }
    let plainSeconds = median(plainSteps.dropFirst())
    let traceSeconds = median(traceCosts.dropFirst())
    let firstTraceSeconds = median(firstTraceCosts.dropFirst())

    // Multiply-adds of the products: input gather is free; recurrence B·H·G·H per step; head B·T·H·O.
    let gateWidth = Double(cell.gateCount * hidden)
    let tokensPerBatch = Double(batchSize * length)
    let forwardMACs = tokensPerBatch * (Double(hidden) * gateWidth + Double(hidden * vocab))
    // Backward: dh_{t−1} and dW_hh each match the recurrence; head weight gradient and dY each match the head.
    let trainMACs = 3 * forwardMACs
    return Result(
      cell: cell, hidden: hidden,
      trainTokensPerSecond: tokensPerBatch / trainSeconds, forwardTokensPerSecond: tokensPerBatch / forwardSeconds,
      trainGFLOPS: 2 * trainMACs / trainSeconds / 1e9, forwardGFLOPS: 2 * forwardMACs / forwardSeconds / 1e9,
      traceCostRelativeToStep: traceSeconds / plainSeconds,
      firstTraceCostRelativeToStep: firstTraceSeconds / plainSeconds,
      traceSeconds: traceSeconds)
  }

  private static func seconds(_ body: () -> Void) -> Double {
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    let wholeSeconds = Double(end.tv_sec - start.tv_sec)
    return wholeSeconds + Double(end.tv_nsec - start.tv_nsec) * 1e-9
  }

  private static func median<S: Sequence>(_ values: S) -> Double where S.Element == Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
  }
}
