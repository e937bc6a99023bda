/// Hochreiter & Schmidhuber's adding problem: add the two marked numbers of a long sequence.
///
/// Each of the `length` steps has two features: a value drawn uniformly from [0, 1) and a marker,
/// 1 at exactly two steps (one in the first half, one in the second) and 0 elsewhere. The target is
/// the sum of the two marked values, scored with mean squared error at the last step. Always
/// answering 1 (the mean sum) scores about 0.167, the bar a model has to beat.
public struct AddingTask: SequenceTask {
  /// Settings for the adding task.
  public struct Config: Sendable, Equatable, Codable {
    /// Steps per sequence (at least 2, so each half has a step).
    public var length: Int
    /// Sequences in the fixed held-out set.
    public var heldOutCount: Int
    /// The seed of the held-out set and the probe, separate from any training seed.
    public var heldOutSeed: UInt64

    /// Settings with sequences of 50 steps.
    public init(length: Int = 50, heldOutCount: Int = 512, heldOutSeed: UInt64 = AddingTask.defaultHeldOutSeed) {
      self.length = length
      self.heldOutCount = heldOutCount
      self.heldOutSeed = heldOutSeed
    }
  }

  /// Features per step: the value and the marker.
  public static let featureCount = 2
  /// The default seed of the held-out set.
  public static let defaultHeldOutSeed: UInt64 = 0x0ADD_5EED_0000_0001

  /// One sequence: `(T, 2)` features and its target sum.
  struct Sequence {
    var features: [Float]
    var sum: Float
  }

  /// The validated settings.
  public let settings: Config
  /// The fixed probe: one sequence drawn from the held-out seed's stream after the held-out set.
  public let probe: TaskProbe
  private let heldOut: [Sequence]

  /// An adding task; throws if the length is below 2 or the held-out size below 1.
  public init(config: Config = Config()) throws(TaskError) {
    if config.length < 2 { throw .lengthTooSmall(setting: "adding sequence length", value: config.length, minimum: 2) }
    if config.heldOutCount < 1 { throw .heldOutCountTooSmall(config.heldOutCount) }
    try TaskLimits.require(config.length, atMost: TaskLimits.sequenceLength, setting: "adding sequence length")
    try TaskLimits.require(config.heldOutCount, atMost: TaskLimits.heldOutCount, setting: "held-out set size")
    self.settings = config
    var rng = SeededRandom(seed: config.heldOutSeed)
    heldOut = (0..<config.heldOutCount).map { _ in Self.makeSequence(length: config.length, rng: &rng) }
    probe = Self.makeProbe(Self.makeSequence(length: config.length, rng: &rng), length: config.length)
  }

  /// Which task this is.
  public var kind: TaskKind { .adding }
  /// The settings, wrapped for saving.
  public var config: TaskConfig { .adding(settings) }
  /// How inputs are encoded.
  public var input: TaskInput { .dense(features: Self.featureCount) }
  /// Size of the output head.
  public var outputs: Int { 1 }
  /// What the output head is scored against.
  public var target: TaskTarget { .regression }

  /// One line describing the task and its data.
  public var summary: String {
    "adding: sum the 2 marked values of \(settings.length) steps (always answering 1 scores MSE 0.167)"
  }

  /// `size` fresh random sequences.
  public func trainingBatch(size: Int, rng: inout SeededRandom) -> Batch {
    Self.makeBatch(
      (0..<size).map { _ in Self.makeSequence(length: settings.length, rng: &rng) }, length: settings.length)
  }

  /// The fixed held-out sequences in batches of at most `size`.
  public func heldOutBatches(size: Int) -> [Batch] {
    heldOut.chunkedForBatches(size: size).map { Self.makeBatch(Array($0), length: settings.length) }
  }

  /// The adding task has no symbols; ids are shown as numbers.
  public func symbolName(_ id: Int) -> String { "\(id)" }
  /// The single regression output.
  public func outputName(_ classId: Int) -> String { "sum" }

  /// The step's value with two decimals, followed by `*` when the step is marked, e.g. `0.42*`.
  public func inputLabel(of batch: Batch, sequence: Int, step: Int) -> String {
    Self.label(features: batch.features, step: sequence * batch.length + step)
  }

  /// Uniform values; one marker in `[0, T/2)`, one in `[T/2, T)`.
  private static func makeSequence(length: Int, rng: inout SeededRandom) -> Sequence {
    var features = [Float](repeating: 0, count: length * featureCount)  // (T, 2)
    for t in 0..<length { features[t * featureCount] = rng.nextUnitFloat() }
    let half = length / 2
    let marked = [rng.int(in: 0..<half), rng.int(in: half..<length)]
    for t in marked { features[t * featureCount + 1] = 1 }
    return Sequence(features: features, sum: marked.reduce(0) { $0 + features[$1 * featureCount] })
  }

  /// Sequences side by side, `(B, T, 2)`, with their sums as `(B, 1)` regression targets.
  private static func makeBatch(_ sequences: [Sequence], length: Int) -> Batch {
    Batch(
      batchSize: sequences.count, length: length, features: sequences.flatMap(\.features),
      targets: .regression(sequences.map(\.sum)))
  }

  private static func makeProbe(_ sequence: Sequence, length: Int) -> TaskProbe {
    let labels = (0..<length).map { label(features: sequence.features, step: $0) }
    let answer = format(sequence.sum, decimals: 3)
    return TaskProbe(
      batch: makeBatch([sequence], length: length), inputLabels: labels, targetLabels: [answer],
      inputText: labels.joined(separator: " "), targetText: answer)
  }

  /// The label of step `step` of flat `(…, 2)` features: its value, `*` if marked.
  private static func label(features: [Float], step: Int) -> String {
    let marked = features[step * featureCount + 1] > 0.5
    return format(features[step * featureCount], decimals: 2) + (marked ? "*" : "")
  }

  /// Fixed-point formatting without Foundation's `String(format:)`.
  static func format(_ value: Float, decimals: Int) -> String {
    var scale = 1
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((Double(value) * Double(scale)).rounded())
    let whole = String(scaled / scale)
    let fraction = String(abs(scaled % scale))
    return whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
  }
}
