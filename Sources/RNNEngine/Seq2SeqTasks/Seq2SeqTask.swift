import Foundation

/// The built-in encoder–decoder tasks; the raw value is what `--task` accepts.
public enum Seq2SeqTaskKind: String, CaseIterable, Codable, Sendable {
  /// Write the source backwards (the attention learns an anti-diagonal).
  case reverse
  /// Write the source's symbols in sorted order (the attention learns a permutation).
  case sort
  /// A date in one of twenty human formats → ISO `1979-05-03`.
  case dates
  /// The user's own `source<TAB>target` lines (`--pairs FILE`).
  case pairs
}

/// A seeded, deterministic source of training pairs plus a fixed held-out set.
public struct Seq2SeqTask: Sendable {
  /// Which task.
  public let kind: Seq2SeqTaskKind
  /// Both vocabularies.
  public let vocabulary: Seq2SeqVocabulary
  /// Pairs never drawn for training, for the metrics.
  public let heldOut: [Seq2SeqPair]
  /// Training pairs of the `pairs` task (empty for generated tasks).
  let training: [Seq2SeqPair]
  /// Source lengths of `reverse` and `sort`.
  public let lengths: ClosedRange<Int>
  /// A source the epoch line translates.
  public let probe: String

  /// Letters of `reverse` (26) and `sort` (the first 10).
  static let alphabet = (0..<26).map { String(UnicodeScalar(UInt8(97 + $0))) }
  static let sortAlphabet = Array(alphabet.prefix(10))

  /// A generated task; `heldOutCount` pairs are drawn once from a stream separate from training's.
  public static func generated(
    _ kind: Seq2SeqTaskKind, lengths: ClosedRange<Int> = 5...30, heldOutCount: Int = 1000, seed: UInt64 = 1
  ) -> Seq2SeqTask {
    precondition(kind != .pairs, "the pairs task reads a file: use Seq2SeqTask.pairs")
    let vocabulary: Seq2SeqVocabulary
    switch kind {
    case .reverse: vocabulary = Seq2SeqVocabulary(source: alphabet, target: alphabet)
    case .sort: vocabulary = Seq2SeqVocabulary(source: sortAlphabet, target: sortAlphabet)
    default:
      let dates = (0..<HumanDate.formatCount).map { HumanDate(year: 1979, month: 1, day: 1).formatted($0) }
      let source = Set((HumanDate.monthNames + HumanDate.weekdayNames).joined() + dates.joined() + "0123456789")
      let lowered = Set(source.map(String.init) + source.map { $0.lowercased() } + source.map { $0.uppercased() })
      vocabulary = Seq2SeqVocabulary(source: lowered.sorted(), target: "0123456789-".map(String.init))
    }
    var task = Seq2SeqTask(
      kind: kind, vocabulary: vocabulary, heldOut: [], training: [], lengths: lengths,
      probe: kind == .dates ? "Thursday, May 3, 1979" : kind == .sort ? "hcjaebdgfi" : "rnnscope")
    var random = SeededRandom(seed: seed ^ 0x5EED_4E1D)
    task = Seq2SeqTask(
      kind: kind, vocabulary: vocabulary, heldOut: (0..<heldOutCount).map { _ in task.draw(heldOut: true, &random) },
      training: [], lengths: lengths, probe: task.probe)
    return task
  }

  /// The `pairs` task: every tenth pair (after a seeded shuffle) is held out.
  public static func pairs(_ pairs: [Seq2SeqPair], vocabulary: Seq2SeqVocabulary? = nil, seed: UInt64 = 1)
    -> Seq2SeqTask
  {
    var random = SeededRandom(seed: seed)
    let shuffled = pairs.shuffled(using: &random)
    let heldOutCount = max(1, shuffled.count / 10)
    return Seq2SeqTask(
      kind: .pairs, vocabulary: vocabulary ?? Seq2SeqVocabulary(pairs: pairs),
      heldOut: Array(shuffled.prefix(heldOutCount)), training: Array(shuffled.dropFirst(heldOutCount)),
      lengths: 1...max(1, pairs.map(\.source.count).max() ?? 1), probe: shuffled[0].source)
  }

  /// One pair from the training distribution (for `dates`, only dates outside the held-out tenth).
  public func draw(_ random: inout SeededRandom) -> Seq2SeqPair { draw(heldOut: false, &random) }

  private func draw(heldOut: Bool, _ random: inout SeededRandom) -> Seq2SeqPair {
    switch kind {
    case .reverse, .sort:
      let symbols = kind == .reverse ? Self.alphabet : Self.sortAlphabet
      let length = random.int(in: lengths.lowerBound..<(lengths.upperBound + 1))
      let source = (0..<length).map { _ in symbols[random.int(in: 0..<symbols.count)] }
      let target = kind == .reverse ? source.reversed() : source.sorted()
      return Seq2SeqPair(source: source.joined(), target: target.joined())
    case .dates:
      let first = HumanDate(year: HumanDate.years.lowerBound, month: 1, day: 1).dayNumber
      let last = HumanDate(year: HumanDate.years.upperBound, month: 12, day: 31).dayNumber
      // A date is held out when its day number is a multiple of 10: training never sees it in any format.
      var day = random.int(in: first..<(last + 1))
      while (day % 10 == 0) != heldOut { day = random.int(in: first..<(last + 1)) }
      let date = HumanDate(dayNumber: day)
      return Seq2SeqPair(source: date.formatted(random.int(in: 0..<HumanDate.formatCount)), target: date.iso)
    case .pairs:
      return training[random.int(in: 0..<training.count)]
    }
  }

  /// A training batch of `size` pairs, as ids.
  public func batch(size: Int, _ random: inout SeededRandom) -> Seq2SeqBatch {
    // Every drawn symbol is in the vocabulary by construction (and the pairs task builds its vocabulary from the file).
    let pairs = (0..<size).map { _ in draw(&random) }
    return try! encode(pairs)
  }

  /// `pairs` as a padded batch, or an error naming a symbol outside the vocabulary.
  public func encode(_ pairs: [Seq2SeqPair]) throws -> Seq2SeqBatch {
    Seq2SeqBatch(
      pairs: try pairs.map {
        (source: try vocabulary.encodeSource($0.source), target: try vocabulary.encodeTarget($0.target))
      })
  }

  /// One line describing the task.
  public var summary: String {
    switch kind {
    case .reverse, .sort: "\(kind.rawValue): \(lengths.lowerBound)–\(lengths.upperBound) symbols"
    case .dates: "dates: \(HumanDate.formatCount) human formats → ISO, held-out dates never trained on"
    case .pairs: "pairs: \(training.count) training, \(heldOut.count) held out"
    }
  }
}
