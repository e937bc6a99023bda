/// The lecture's case-correction demo: the model reads lowercased text one byte at a time and must
/// output each byte with its correct case.
///
/// Training sequences are random crops of `minLength...maxLength` bytes of the training text. A batch
/// is padded to its longest crop with NUL bytes (input 0, target 0) exactly as the demo does, so an
/// untrained model first learns to predict NUL; `maskPadding` drops the padding from the loss instead.
public struct CaseCorrectionTask: SequenceTask {
  /// Settings for the case-correction task.
  public struct Config: Sendable, Equatable, Codable {
    /// Shortest training crop, in bytes.
    public var minLength: Int
    /// Longest training crop, in bytes; held-out windows have this length.
    public var maxLength: Int
    /// Whether padding steps get mask 0 (the demo scores them, so the default is false).
    public var maskPadding: Bool
    /// The probe's correctly cased text; nil uses the source's default (`TextSource.defaultProbe`).
    public var probeText: String?
    /// The most held-out windows to evaluate on.
    public var heldOutLimit: Int

    /// Settings with the demo's defaults: crops of 10 to 100 bytes, padding scored.
    public init(
      minLength: Int = 10, maxLength: Int = 100, maskPadding: Bool = false, probeText: String? = nil,
      heldOutLimit: Int = 256
    ) {
      self.minLength = minLength
      self.maxLength = maxLength
      self.maskPadding = maskPadding
      self.probeText = probeText
      self.heldOutLimit = heldOutLimit
    }
  }

  /// The lecture's test sentence, correctly cased; the probe's input is its lowercase.
  public static let defaultProbeText =
    #"upon his pale face. "It may be so, or it may not, Mr. Holmes," said he, "but if you are so very sharp"#

  /// The validated settings.
  public let settings: Config
  /// The text the crops come from.
  public let source: TextSource
  /// The fixed probe (built from `settings.probeText`).
  public let probe: TaskProbe

  /// A case-correction task over `source`; throws if a setting or the text cannot work.
  public init(source: TextSource, config: Config = Config()) throws(TaskError) {
    if config.minLength < 1 { throw .lengthTooSmall(setting: "minimum length", value: config.minLength, minimum: 1) }
    if config.maxLength < 1 { throw .lengthTooSmall(setting: "maximum length", value: config.maxLength, minimum: 1) }
    if config.minLength > config.maxLength { throw .minLengthAboveMax(min: config.minLength, max: config.maxLength) }
    if config.heldOutLimit < 1 { throw .heldOutCountTooSmall(config.heldOutLimit) }
    try TaskLimits.require(config.maxLength, atMost: TaskLimits.sequenceLength, setting: "maximum length")
    try TaskLimits.require(config.heldOutLimit, atMost: TaskLimits.heldOutCount, setting: "held-out set size")
    try ByteText.requireLength(source.trainingBytes, needed: config.maxLength, source: source, part: "training")
    try ByteText.requireLength(source.heldOutBytes, needed: config.maxLength, source: source, part: "held-out")
    let cased = Array((config.probeText ?? source.defaultProbe(lectureSentence: Self.defaultProbeText)).utf8)
    try ByteText.validateProbe(cased, minimum: 1)
    self.settings = config
    self.source = source
    self.probe = Self.makeProbe(cased: cased)
  }

  /// Which task this is.
  public var kind: TaskKind { .caseCorrection }
  /// The settings, wrapped for saving.
  public var config: TaskConfig { .caseCorrection(settings) }
  /// How inputs are encoded.
  public var input: TaskInput { .tokens(vocabulary: ByteText.vocabulary) }
  /// Size of the output head.
  public var outputs: Int { ByteText.vocabulary }
  /// What the output head is scored against.
  public var target: TaskTarget { .everyStep }

  /// One line describing the task and its data.
  public var summary: String {
    "case correction on \(source.name): crops of \(settings.minLength)-\(settings.maxLength) bytes"
      + (settings.maskPadding ? ", padding masked" : ", padding scored")
  }

  /// `size` random crops of the training text, padded with NUL to the longest one.
  public func trainingBatch(size: Int, rng: inout SeededRandom) -> Batch {
    let text = source.trainingBytes
    let crops = (0..<size).map { _ in
      let length = rng.int(in: settings.minLength..<(settings.maxLength + 1))
      let start = rng.int(in: 0..<(text.count - length + 1))
      return Array(text[start..<(start + length)])
    }
    return makeBatch(casedCrops: crops)
  }

  /// Windows of `maxLength` bytes tiling the held-out text (at most `heldOutLimit`), so no padding.
  public func heldOutBatches(size: Int) -> [Batch] {
    let text = source.heldOutBytes
    let starts = ByteText.windowStarts(
      count: text.count, window: settings.maxLength, stride: settings.maxLength, limit: settings.heldOutLimit)
    let crops = starts.map { Array(text[$0..<($0 + settings.maxLength)]) }
    return crops.chunkedForBatches(size: size).map { makeBatch(casedCrops: Array($0)) }
  }

  /// A short readable name for input symbol `id`.
  public func symbolName(_ id: Int) -> String { ByteText.symbolName(id) }
  /// A short readable name for output class `classId`.
  public func outputName(_ classId: Int) -> String { ByteText.symbolName(classId) }
  /// Predicted bytes as text (invalid UTF-8 shown as U+FFFD).
  public func decode(classIds: [Int]) -> String { ByteText.decode(classIds) }

  /// Inputs are the lowercased crops, targets the crops; both padded with NUL to the longest crop.
  private func makeBatch(casedCrops crops: [[UInt8]]) -> Batch {
    let length = crops.map(\.count).max() ?? 0
    var tokens = [Int32](repeating: Int32(ByteText.padding), count: crops.count * length)  // (B, T)
    var targets = tokens  // (B, T)
    var mask = settings.maskPadding ? [Float](repeating: 0, count: crops.count * length) : []  // (B, T)
    for (b, crop) in crops.enumerated() {
      for (t, (lower, cased)) in zip(ByteText.lowercasedASCII(crop), crop).enumerated() {
        tokens[b * length + t] = Int32(lower)
        targets[b * length + t] = Int32(cased)
        if settings.maskPadding { mask[b * length + t] = 1 }
      }
    }
    return Batch(batchSize: crops.count, length: length, tokens: tokens, targets: .everyStep(targets), mask: mask)
  }

  private static func makeProbe(cased: [UInt8]) -> TaskProbe {
    let lower = ByteText.lowercasedASCII(cased)
    let batch = Batch(
      batchSize: 1, length: cased.count, tokens: lower.map { Int32($0) }, targets: .everyStep(cased.map { Int32($0) }))
    return TaskProbe(
      batch: batch,
      inputLabels: lower.map { ByteText.symbolName(Int($0)) },
      targetLabels: cased.map { ByteText.symbolName(Int($0)) },
      inputText: String(decoding: lower, as: UTF8.self),
      targetText: String(decoding: cased, as: UTF8.self))
  }
}
