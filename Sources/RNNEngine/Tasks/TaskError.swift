/// A task setting that cannot work; each description is one line saying what is wrong and the value given.
public enum TaskError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A length setting below 1.
  case lengthTooSmall(setting: String, value: Int, minimum: Int)
  /// A minimum crop length above the maximum.
  case minLengthAboveMax(min: Int, max: Int)
  /// A recall gap below 1 (the query would follow the payload directly).
  case gapTooSmall(Int)
  /// A probe with no characters (or too few to form an input and a target).
  case probeTooShort(count: Int, minimum: Int)
  /// A probe longer than the UI can show.
  case probeTooLong(count: Int, limit: Int)
  /// A probe byte the task's vocabulary cannot take (NUL is reserved for padding).
  case probeByteNotAllowed(byte: UInt8, offset: Int)
  /// A text part too short for one sequence of the configured length.
  case textTooShort(source: String, part: String, count: Int, needed: Int)
  /// A non-positive held-out set size.
  case heldOutCountTooSmall(Int)
  /// A length or count above `TaskLimits`.
  case settingTooLarge(setting: String, value: Int, maximum: Int)
  /// A text with a character the model's vocabulary lacks.
  case symbolsNotInVocabulary(part: String, problem: String)
  /// A probe given as text to a task that does not read text.
  case probeNotText(TaskKind)

  /// The one-line message shown to the user.
  public var description: String {
    switch self {
    case .lengthTooSmall(let setting, let value, let minimum):
      return "\(setting) must be at least \(minimum) (got \(value))"
    case .minLengthAboveMax(let min, let max):
      return "minimum length \(min) is greater than maximum length \(max)"
    case .gapTooSmall(let gap):
      return "recall gap must be at least 1 (got \(gap)): the query needs distractors before it"
    case .probeTooShort(let count, let minimum):
      return "probe text has \(count) bytes; it needs at least \(minimum)"
    case .probeTooLong(let count, let limit):
      return "probe text has \(count) bytes; the limit is \(limit)"
    case .probeByteNotAllowed(let byte, let offset):
      let hex = String(byte, radix: 16, uppercase: true)
      return "probe text has byte 0x\(hex.count < 2 ? "0" + hex : hex) at offset \(offset), which the task cannot use"
        + (byte == 0 ? " (NUL is reserved for padding)" : "")
    case .textTooShort(let source, let part, let count, let needed):
      return
        "\(source): the \(part) part has \(count) bytes, but one sequence needs \(needed); use a longer text or shorter sequences"
    case .heldOutCountTooSmall(let count):
      return "held-out set size must be at least 1 (got \(count))"
    case .settingTooLarge(let setting, let value, let maximum):
      return "\(setting) must be at most \(maximum) (got \(value))"
    case .symbolsNotInVocabulary(let part, let problem):
      return "\(part): \(problem); the text must be written in the model's symbols"
    case .probeNotText(let kind):
      return "the \(kind.rawValue) task does not read text, so a piece of text cannot be its probe"
    }
  }
}
