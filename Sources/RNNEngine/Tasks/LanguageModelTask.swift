/// Next-symbol prediction with teacher forcing: at step t the model reads symbol x_t and must predict x_{t+1}.
///
/// The symbols are bytes (token id = byte value) or, for a model from elsewhere, the characters of an
/// `ImportVocabulary`. Training sequences are random crops of `length + 1` symbols: inputs are the
/// first `length`, targets the last `length`. Every crop has the same length, so there is no padding.
public struct LanguageModelTask: SequenceTask {
  /// Settings for the language-model task.
  public struct Config: Sendable, Equatable, Codable {
    /// Steps per sequence (the crop holds one byte more).
    public var length: Int
    /// The probe text (input is all but its last byte, target all but its first); nil uses the source's default (`TextSource.defaultProbe`).
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
  /// The symbols of the token ids, or nil for bytes.
  public let vocabulary: ImportVocabulary?
  /// The training text as token ids.
  private let trainingTokens: [Int32]
  /// The held-out text as token ids.
  private let heldOutTokens: [Int32]

  /// A language-model task over `source` in `vocabulary` (nil: bytes); throws if a setting or the text cannot work.
  public init(source: TextSource, config: Config = Config(), vocabulary: ImportVocabulary? = nil) throws(TaskError) {
    if config.length < 1 { throw .lengthTooSmall(setting: "sequence length", value: config.length, minimum: 1) }
    if config.heldOutLimit < 1 { throw .heldOutCountTooSmall(config.heldOutLimit) }
    try TaskLimits.require(config.length, atMost: TaskLimits.sequenceLength, setting: "sequence length")
    try TaskLimits.require(config.heldOutLimit, atMost: TaskLimits.heldOutCount, setting: "held-out set size")
    let trainingTokens = try Self.tokens(
      of: source.trainingBytes, in: vocabulary, part: "\(source.name), training part")
    let heldOutTokens = try Self.tokens(of: source.heldOutBytes, in: vocabulary, part: "\(source.name), held-out part")
    try ByteText.requireLength(trainingTokens, needed: config.length + 1, source: source, part: "training")
    try ByteText.requireLength(heldOutTokens, needed: config.length + 1, source: source, part: "held-out")
    let text = Array((config.probeText ?? source.defaultProbe(lectureSentence: Self.defaultProbeText)).utf8)
    try ByteText.validateProbe(text, minimum: 2)
    self.settings = config
    self.source = source
    self.vocabulary = vocabulary
    self.trainingTokens = trainingTokens
    self.heldOutTokens = heldOutTokens
    let probeTokens = try Self.tokens(of: text, in: vocabulary, part: "probe text")
    self.probe = Self.makeProbe(tokens: probeTokens, vocabulary: vocabulary)
  }

  /// The held-out text as token ids.
  public var heldOutText: [Int32] { heldOutTokens }

  /// Which task this is.
  public var kind: TaskKind { .languageModel }
  /// The settings, wrapped for saving.
  public var config: TaskConfig { .languageModel(settings) }
  /// How inputs are encoded.
  public var input: TaskInput { .tokens(vocabulary: outputs) }
  /// Size of the output head: one class per symbol.
  public var outputs: Int { vocabulary?.count ?? ByteText.vocabulary }
  /// What the output head is scored against.
  public var target: TaskTarget { .everyStep }

  /// One line describing the task and its data.
  public var summary: String {
    let symbols = vocabulary.map { "\($0.count)-symbol" } ?? "byte"
    return "next-\(symbols) prediction on \(source.name): crops of \(settings.length) steps"
  }

  /// `size` random crops of `length + 1` training symbols.
  public func trainingBatch(size: Int, rng: inout SeededRandom) -> Batch {
    let text = trainingTokens
    let window = settings.length + 1
    let crops = (0..<size).map { _ in
      let start = rng.int(in: 0..<(text.count - window + 1))
      return text[start..<(start + window)]
    }
    return makeBatch(crops: crops)
  }

  /// Windows of `length + 1` held-out symbols, each starting where the previous one's targets end.
  public func heldOutBatches(size: Int) -> [Batch] {
    let text = heldOutTokens
    let window = settings.length + 1
    let starts = ByteText.windowStarts(
      count: text.count, window: window, stride: settings.length, limit: settings.heldOutLimit)
    let crops = starts.map { text[$0..<($0 + window)] }
    return crops.chunkedForBatches(size: size).map { makeBatch(crops: Array($0)) }
  }

  /// A short readable name for input symbol `id`.
  public func symbolName(_ id: Int) -> String {
    guard let vocabulary else { return ByteText.symbolName(id) }
    return vocabulary.symbols.indices.contains(id) ? Self.name(of: vocabulary.symbols[id]) : "?"
  }
  /// A short readable name for output class `classId`.
  public func outputName(_ classId: Int) -> String { symbolName(classId) }
  /// Predicted symbols as text (invalid UTF-8 shown as U+FFFD).
  public func decode(classIds: [Int]) -> String {
    vocabulary?.text(of: classIds.map { Int32($0) }) ?? ByteText.decode(classIds)
  }

  /// Inputs are each crop but its last symbol, targets each crop but its first.
  private func makeBatch(crops: [ArraySlice<Int32>]) -> Batch {
    let length = settings.length
    var tokens: [Int32] = []  // (B, T)
    var targets: [Int32] = []  // (B, T)
    tokens.reserveCapacity(crops.count * length)
    targets.reserveCapacity(crops.count * length)
    for crop in crops {
      tokens += crop.dropLast()
      targets += crop.dropFirst()
    }
    return Batch(batchSize: crops.count, length: length, tokens: tokens, targets: .everyStep(targets))
  }

  /// `bytes` as token ids: the bytes themselves, or the vocabulary's ids of the UTF-8 text (a character
  /// cut in two by the training/held-out split is left out of both parts).
  private static func tokens(of bytes: [UInt8], in vocabulary: ImportVocabulary?, part: String) throws(TaskError)
    -> [Int32]
  {
    guard let vocabulary else { return bytes.map { Int32($0) } }
    var text = Substring(String(decoding: bytes, as: UTF8.self))
    if text.first == "\u{FFFD}" { text = text.dropFirst() }
    if text.last == "\u{FFFD}" { text = text.dropLast() }
    do {
      return try vocabulary.tokens(of: String(text))
    } catch {
      throw .symbolsNotInVocabulary(part: part, problem: "\(error)")
    }
  }

  /// A vocabulary symbol's name: a byte's name for one-byte symbols (`\n`, `NUL`), the character otherwise.
  private static func name(of symbol: Character) -> String {
    let utf8 = Array(String(symbol).utf8)
    return utf8.count == 1 ? ByteText.symbolName(Int(utf8[0])) : String(symbol)
  }

  private static func makeProbe(tokens: [Int32], vocabulary: ImportVocabulary?) -> TaskProbe {
    let inputs = Array(tokens.dropLast())
    let targets = Array(tokens.dropFirst())
    let batch = Batch(batchSize: 1, length: inputs.count, tokens: inputs, targets: .everyStep(targets))
    let label = { (id: Int32) in
      vocabulary.map { Self.name(of: $0.symbols[Int(id)]) } ?? ByteText.symbolName(Int(id))
    }
    let text = { (ids: [Int32]) in vocabulary?.text(of: ids) ?? String(decoding: ids.map { UInt8($0) }, as: UTF8.self) }
    return TaskProbe(
      batch: batch, inputLabels: inputs.map(label), targetLabels: targets.map(label),
      inputText: text(inputs), targetText: text(targets))
  }
}
