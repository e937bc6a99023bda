/// Next-byte prediction with teacher forcing: at step t the model reads byte x_t and must predict x_{t+1}.
///
/// Training sequences are random crops of `length + 1` bytes: inputs are the first `length`, targets
/// the last `length`. Every crop has the same length, so there is no padding.
public struct LanguageModelTask: SequenceTask {
  /// Settings for the language-model task.
  public struct Config: Sendable, Equatable, Codable {
    /// Steps per sequence (the crop holds one byte more).
    public var length: Int
    /// The probe text (input is all but its last byte, target all but its first); nil uses a corpus sentence.
    public var probeText: String?
    /// The most held-out windows to evaluate on.
    public var heldOutLimit: Int

    /// Settings with crops of 100 steps.
    public init(length: Int = 100, probeText: String? = nil, heldOutLimit: Int = 256) {
      self.length = length
      self.probeText = probeText
      self.heldOutLimit = heldOutLimit
    }
  }

  /// A sentence of the built-in corpus, used as the probe unless the user gives one.
  public static let defaultProbeText = BuiltinCorpus.probeSentence

  /// The validated settings.
  public let settings: Config
  /// The text the crops come from.
  public let source: TextSource
  /// The fixed probe (built from `settings.probeText`).
  public let probe: TaskProbe

  /// A language-model task over `source`; throws if a setting or the text cannot work.
  public init(source: TextSource, config: Config = Config()) throws(TaskError) {
    if config.length < 1 { throw .lengthTooSmall(setting: "sequence length", value: config.length, minimum: 1) }
    if config.heldOutLimit < 1 { throw .heldOutCountTooSmall(config.heldOutLimit) }
    try TaskLimits.require(config.length, atMost: TaskLimits.sequenceLength, setting: "sequence length")
    try TaskLimits.require(config.heldOutLimit, atMost: TaskLimits.heldOutCount, setting: "held-out set size")
    try ByteText.requireLength(source.trainingBytes, needed: config.length + 1, source: source, part: "training")
    try ByteText.requireLength(source.heldOutBytes, needed: config.length + 1, source: source, part: "held-out")
    let text = Array((config.probeText ?? Self.defaultProbeText).utf8)
    try ByteText.validateProbe(text, minimum: 2)
    self.settings = config
    self.source = source
    self.probe = Self.makeProbe(text: text)
  }

  /// Which task this is.
  public var kind: TaskKind { .languageModel }
  /// The settings, wrapped for saving.
  public var config: TaskConfig { .languageModel(settings) }
  /// How inputs are encoded.
  public var input: TaskInput { .tokens(vocabulary: ByteText.vocabulary) }
  /// Size of the output head.
  public var outputs: Int { ByteText.vocabulary }
  /// What the output head is scored against.
  public var target: TaskTarget { .everyStep }

  /// One line describing the task and its data.
  public var summary: String {
    "next-byte prediction on \(source.name): crops of \(settings.length) steps"
  }

  /// `size` random crops of `length + 1` training bytes.
  public func trainingBatch(size: Int, rng: inout SeededRandom) -> Batch {
    let text = source.trainingBytes
    let window = settings.length + 1
    let crops = (0..<size).map { _ in
      let start = rng.int(in: 0..<(text.count - window + 1))
      return text[start..<(start + window)]
    }
    return makeBatch(crops: crops)
  }

  /// Windows of `length + 1` held-out bytes, each starting where the previous one's targets end.
  public func heldOutBatches(size: Int) -> [Batch] {
    let text = source.heldOutBytes
    let window = settings.length + 1
    let starts = ByteText.windowStarts(
      count: text.count, window: window, stride: settings.length, limit: settings.heldOutLimit)
    let crops = starts.map { text[$0..<($0 + window)] }
    return crops.chunkedForBatches(size: size).map { makeBatch(crops: Array($0)) }
  }

  /// A short readable name for input symbol `id`.
  public func symbolName(_ id: Int) -> String { ByteText.symbolName(id) }
  /// A short readable name for output class `classId`.
  public func outputName(_ classId: Int) -> String { ByteText.symbolName(classId) }
  /// Predicted bytes as text (invalid UTF-8 shown as U+FFFD).
  public func decode(classIds: [Int]) -> String { ByteText.decode(classIds) }

  /// Inputs are each crop but its last byte, targets each crop but its first.
  private func makeBatch(crops: [ArraySlice<UInt8>]) -> Batch {
    let length = settings.length
    var tokens: [Int32] = []  // (B, T)
    var targets: [Int32] = []  // (B, T)
    tokens.reserveCapacity(crops.count * length)
    targets.reserveCapacity(crops.count * length)
    for crop in crops {
      tokens += crop.dropLast().map { Int32($0) }
      targets += crop.dropFirst().map { Int32($0) }
    }
    return Batch(batchSize: crops.count, length: length, tokens: tokens, targets: .everyStep(targets))
  }

  private static func makeProbe(text: [UInt8]) -> TaskProbe {
    let inputs = Array(text.dropLast())
    let targets = Array(text.dropFirst())
    let batch = Batch(
      batchSize: 1, length: inputs.count, tokens: inputs.map { Int32($0) },
      targets: .everyStep(targets.map { Int32($0) }))
    return TaskProbe(
      batch: batch,
      inputLabels: inputs.map { ByteText.symbolName(Int($0)) },
      targetLabels: targets.map { ByteText.symbolName(Int($0)) },
      inputText: String(decoding: inputs, as: UTF8.self),
      targetText: String(decoding: targets, as: UTF8.self))
  }
}
