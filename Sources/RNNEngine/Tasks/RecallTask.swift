/// A long-range memory test: remember the first symbol across a gap of distractors, then name it.
///
/// A sequence is one payload symbol (ids 0–7), `gap` distractors drawn uniformly from ids 8–15, and
/// the query symbol (id 16), so it has `gap + 2` steps. The target is the payload's id, scored at the
/// last step only. A plain RNN's gradient has to survive the whole gap to learn this; gated cells
/// manage much longer gaps, which is the point of the task.
public struct RecallTask: SequenceTask {
  /// Settings for the recall task.
  public struct Config: Sendable, Equatable, Codable {
    /// Distractors between the payload and the query (at least 1).
    public var gap: Int
    /// Sequences in the fixed held-out set.
    public var heldOutCount: Int
    /// The seed of the held-out set and the probe, separate from any training seed.
    public var heldOutSeed: UInt64

    /// Settings with a gap of 20 distractors.
    public init(gap: Int = 20, heldOutCount: Int = 512, heldOutSeed: UInt64 = RecallTask.defaultHeldOutSeed) {
      self.gap = gap
      self.heldOutCount = heldOutCount
      self.heldOutSeed = heldOutSeed
    }
  }

  /// Number of payload symbols, ids `0..<payloadCount`; also the number of output classes.
  public static let payloadCount = 8
  /// Number of distractor symbols, ids `payloadCount..<payloadCount + distractorCount`.
  public static let distractorCount = 8
  /// The id of the query symbol that asks for the payload.
  public static let queryID = payloadCount + distractorCount
  /// Input vocabulary: payloads, distractors and the query.
  public static let vocabulary = queryID + 1
  /// The default seed of the held-out set.
  public static let defaultHeldOutSeed: UInt64 = 0x0DD5_EED0_5EC0_0001

  /// The validated settings.
  public let settings: Config
  /// The fixed probe: one sequence drawn from the held-out seed's stream after the held-out set.
  public let probe: TaskProbe
  private let heldOut: [[Int32]]

  /// A recall task; throws if the gap or held-out size is below 1.
  public init(config: Config = Config()) throws(TaskError) {
    if config.gap < 1 { throw .gapTooSmall(config.gap) }
    if config.heldOutCount < 1 { throw .heldOutCountTooSmall(config.heldOutCount) }
    // A sequence is the payload, the gap and the query.
    try TaskLimits.require(config.gap, atMost: TaskLimits.sequenceLength - 2, setting: "recall gap")
    try TaskLimits.require(config.heldOutCount, atMost: TaskLimits.heldOutCount, setting: "held-out set size")
    self.settings = config
    var rng = SeededRandom(seed: config.heldOutSeed)
    heldOut = (0..<config.heldOutCount).map { _ in Self.makeSequence(gap: config.gap, rng: &rng) }
    probe = Self.makeProbe(Self.makeSequence(gap: config.gap, rng: &rng))
  }

  /// Which task this is.
  public var kind: TaskKind { .recall }
  /// The settings, wrapped for saving.
  public var config: TaskConfig { .recall(settings) }
  /// How inputs are encoded.
  public var input: TaskInput { .tokens(vocabulary: Self.vocabulary) }
  /// Size of the output head.
  public var outputs: Int { Self.payloadCount }
  /// What the output head is scored against.
  public var target: TaskTarget { .lastStep }

  /// One line describing the task and its data.
  public var summary: String {
    "recall: remember 1 of \(Self.payloadCount) symbols across \(settings.gap) distractors (\(settings.gap + 2) steps)"
  }

  /// `size` fresh random sequences.
  public func trainingBatch(size: Int, rng: inout SeededRandom) -> Batch {
    Self.makeBatch((0..<size).map { _ in Self.makeSequence(gap: settings.gap, rng: &rng) })
  }

  /// The fixed held-out sequences in batches of at most `size`.
  public func heldOutBatches(size: Int) -> [Batch] {
    heldOut.chunkedForBatches(size: size).map { Self.makeBatch(Array($0)) }
  }

  /// `p0`–`p7` for payloads, `d0`–`d7` for distractors, `?` for the query.
  public func symbolName(_ id: Int) -> String { Self.name(of: id) }

  /// Output classes are the payloads, `p0`–`p7`.
  public func outputName(_ classId: Int) -> String { symbolName(classId) }

  /// Payload, `gap` uniform distractors, query.
  private static func makeSequence(gap: Int, rng: inout SeededRandom) -> [Int32] {
    let payload = Int32(rng.int(in: 0..<payloadCount))
    let distractors = (0..<gap).map { _ in Int32(payloadCount + rng.int(in: 0..<distractorCount)) }
    return [payload] + distractors + [Int32(queryID)]
  }

  /// Sequences side by side, `(B, T)`; the target of each is its first symbol.
  private static func makeBatch(_ sequences: [[Int32]]) -> Batch {
    Batch(
      batchSize: sequences.count, length: sequences.first?.count ?? 0, tokens: sequences.flatMap { $0 },
      targets: .lastStep(sequences.map { $0[0] }))
  }

  private static func makeProbe(_ sequence: [Int32]) -> TaskProbe {
    let names = sequence.map { RecallTask.name(of: Int($0)) }
    let answer = RecallTask.name(of: Int(sequence[0]))
    return TaskProbe(
      batch: makeBatch([sequence]), inputLabels: names, targetLabels: [answer],
      inputText: names.joined(separator: " "), targetText: answer)
  }

  /// Symbol names do not depend on settings, so the probe can be labelled before `self` exists.
  private static func name(of id: Int) -> String {
    switch id {
    case 0..<payloadCount: return "p\(id)"
    case payloadCount..<queryID: return "d\(id - payloadCount)"
    case queryID: return "?"
    default: return "#\(id)"
    }
  }
}
