import RNNEngine

/// Times training and forward passes of the encoder–decoder with attention, for `rnnscope bench`.
///
/// Workload (the encoder–decoder issue's): one-layer GRU or LSTM encoder and decoder with hidden
/// size H, dot attention, embedding 32, vocabularies of 32 symbols, B = 64 pairs of a 30-symbol
/// source and a 30-symbol target (no padding), teacher forcing, cross-entropy at every target
/// position, Adam. A token is a target position: B × T_target per step, every source position read.
public enum Seq2SeqBenchmark {
  /// Pairs in a batch.
  public static let batchSize = 64
  /// Source and target length.
  public static let length = 30
  /// Symbols in each vocabulary (padding, start and end included).
  public static let vocab = 32
  /// Width of both embeddings.
  public static let embedding = 32
  /// The attention score timed.
  public static let attention = AttentionKind.dot

  /// Median throughput of one configuration in one process.
  public struct Result: Sendable, Equatable, Codable {
    /// Cell of encoder and decoder.
    public var cell: CellType
    /// H.
    public var hidden: Int
    /// Threads the products ran on.
    public var threads: Int
    /// The processor's peak GFLOP/s on `threads` threads, taken just before this configuration.
    public var peakGFLOPS: Double
    /// Target tokens (B·T) per second of forward + backward + Adam.
    public var trainTokensPerSecond: Double
    /// Target tokens per second of forward (with loss) only.
    public var forwardTokensPerSecond: Double
    /// GFLOP/s of the training step's products (2 × multiply-adds).
    public var trainGFLOPS: Double
  }

  /// Measures one configuration: the peak, then `steps` timed training steps and forward passes
  /// (after a warm-up) on `threads` threads; reports medians.
  public static func run(cell: CellType, hidden: Int, steps: Int = 10, threads: Int) -> Result {
    let config = Seq2SeqConfig(
      cell: cell, sourceVocabulary: vocab, targetVocabulary: vocab, embedding: embedding, hidden: hidden,
      attention: attention)
    let model = Seq2SeqModel(config: config, seed: 1)
    let batch = randomBatch()
    EngineThreads.set(threads)
    let peak = MachinePeak.measureGFLOPS()
    var adam = Adam(learningRate: 1e-3)
    let trainSeconds = TrainingBenchmark.medianSeconds(steps: steps) {
      model.backward(model.forward(batch))
      adam.update(&model.parameters, gradients: model.gradients)
    }
    let forwardSeconds = TrainingBenchmark.medianSeconds(steps: steps) { _ = model.forward(batch) }
    let tokens = Double(batchSize * length)
    return Result(
      cell: cell, hidden: hidden, threads: threads, peakGFLOPS: peak, trainTokensPerSecond: tokens / trainSeconds,
      forwardTokensPerSecond: tokens / forwardSeconds,
      trainGFLOPS: 2 * 3 * forwardMultiplyAdds(cell: cell, hidden: hidden) / trainSeconds / 1e9)
  }

  /// Multiply-adds of one forward pass's products. Per source position and pair: the encoder's
  /// input and recurrent products `(E + H)·G·H`; per target position and pair: the decoder's
  /// `(E + H + H)·G·H`, the scores and the context `2·S·H`, the output head `H·V`. The backward
  /// pass runs two products for each (the gradients of both operands), so training is 3 × this.
  static func forwardMultiplyAdds(cell: CellType, hidden: Int) -> Double {
    let gateWidth = Double(cell.gateCount * hidden)
    let (h, e, s, v) = (Double(hidden), Double(embedding), Double(length), Double(vocab))
    let encoder = (e + h) * gateWidth
    let decoder = (e + 2 * h) * gateWidth + 2 * s * h + h * v
    return Double(batchSize * length) * (encoder + decoder)
  }

  /// The median of each figure over `rounds` (one result a process), for `rnnscope bench`.
  public static func median(of rounds: [Result]) -> Result? {
    medianFields(
      of: rounds, fields: [\.peakGFLOPS, \.trainTokensPerSecond, \.forwardTokensPerSecond, \.trainGFLOPS])
  }

  /// Random symbols (ids 3 and up) for every position of every source and target, no padding.
  private static func randomBatch() -> Seq2SeqBatch {
    var random = SeededRandom(seed: 1)
    let symbol = { (random: inout SeededRandom) in Int32(random.int(in: 3..<vocab)) }
    let source = (0..<(batchSize * length)).map { _ in symbol(&random) }
    let target = (0..<batchSize).map { _ in (0..<length).map { _ in symbol(&random) } }
    let targetIn = target.flatMap { [Seq2SeqToken.start] + $0.dropLast() }
    return Seq2SeqBatch(
      source: source, sourceLengths: Array(repeating: length, count: batchSize), targetIn: targetIn,
      targetOut: target.flatMap { $0 })
  }
}
