/// A calendar date written the ways people write it, for the `dates` task (human text → ISO).
public struct HumanDate: Sendable, Equatable, Hashable {
  /// Year (the task uses 1950…2049, so two-digit years are unambiguous), month 1…12, day 1…31.
  public var year: Int, month: Int, day: Int

  /// A date (not checked; see `isValid`).
  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// First and last year the task draws, so `79` means 1979 and `21` means 2021.
  public static let years = 1950...2049

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]
  static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

  /// Days since 1970-01-01 (proleptic Gregorian; Hinnant's days_from_civil).
  public var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date `dayNumber` days after 1970-01-01 (Hinnant's civil_from_days).
  public init(dayNumber: Int) {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * mp + 2) / 5 + 1
    month = mp < 10 ? mp + 3 : mp - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Whether the day exists in its month and year.
  public var isValid: Bool {
    guard (1...12).contains(month), day >= 1 else { return false }
    return HumanDate(dayNumber: dayNumber) == self
  }

  /// Weekday index, 0 = Monday.
  public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 }  // 1970-01-01 was a Thursday

  /// `1979-05-03`.
  public var iso: String { "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day))" }

  // MARK: Formats

  /// How many human formats `formatted(_:)` knows.
  public static let formatCount = 20

  /// The date in human format `format` (0 ..< formatCount), with or without a weekday.
  public func formatted(_ format: Int) -> String {
    let monthName = Self.monthNames[month - 1]
    let short = String(monthName.prefix(3))
    let weekdayName = Self.weekdayNames[weekday]
    let shortWeekday = String(weekdayName.prefix(3))
    let (d, dd, mm, yy, ordinal) = (
      "\(day)", Self.twoDigits(day), Self.twoDigits(month), Self.twoDigits(year % 100), "\(day)" + Self.suffix(day)
    )
    switch format {
    case 0: return "\(d) \(monthName) \(year)"
    case 1: return "\(d) \(monthName), \(year)"
    case 2: return "\(monthName) \(d), \(year)"
    case 3: return "\(short.lowercased()) \(ordinal) \(yy)"
    case 4: return "\(dd)/\(mm)/\(year)"
    case 5: return "\(d)/\(month)/\(yy)"
    case 6: return "\(weekdayName), \(monthName) \(d), \(year)"
    case 7: return "\(weekdayName) \(d) \(monthName) \(year)"
    case 8: return "\(shortWeekday.lowercased()) \(d) \(short.lowercased()) \(year)"
    case 9: return "\(year).\(mm).\(dd)"
    case 10: return "\(d).\(month).\(year)"
    case 11: return "\(monthName) \(d) \(year)"
    case 12: return "\(d) \(short.lowercased()) \(yy)"
    case 13: return "\(monthName.uppercased()) \(d), \(year)"
    case 14: return "\(ordinal) of \(monthName) \(year)"
    case 15: return "\(shortWeekday), \(dd) \(short) \(year)"
    case 16: return "\(dd)-\(short)-\(year)"
    case 17: return "\(monthName) \(ordinal), \(year)"
    case 18: return "the \(ordinal) of \(monthName.lowercased()), \(year)"
    default: return "\(weekdayName), \(d) \(monthName) \(yy)"
    }
  }

  // MARK: Parsing

  /// Reads a date written in any of the formats back (checking a written weekday), or nil.
  public static func parse(_ text: String) -> HumanDate? {
    var cleaned = text.lowercased()
    for separator in [",", "/", ".", "-"] { cleaned = cleaned.replacingOccurrences(of: separator, with: " ") }
    var words = cleaned.split(separator: " ").map(String.init).filter { $0 != "the" && $0 != "of" }
    var weekday: Int?
    if let index = words.firstIndex(where: { word in weekdayNames.contains { matches(word, $0) } }) {
      weekday = weekdayNames.firstIndex { matches(words[index], $0) }
      words.remove(at: index)
    }
    var month: Int?
    if let index = words.firstIndex(where: { word in monthNames.contains { matches(word, $0) } }) {
      month = monthNames.firstIndex { matches(words[index], $0) }.map { $0 + 1 }
      words.remove(at: index)
    }
    let numbers = words.map { word in Int(word.filter(\.isNumber)) }
    guard numbers.allSatisfy({ $0 != nil }) else { return nil }
    let values = numbers.map { $0! }
    var date: HumanDate
    if let month {
      guard values.count == 2 else { return nil }
      date = HumanDate(year: fullYear(values[1], digits: words[1].count), month: month, day: values[0])
    } else {
      guard values.count == 3 else { return nil }
      date =
        words[0].count == 4
        ? HumanDate(year: values[0], month: values[1], day: values[2])
        : HumanDate(year: fullYear(values[2], digits: words[2].count), month: values[1], day: values[0])
    }
    guard date.isValid, weekday == nil || weekday == date.weekday else { return nil }
    return date
  }

  /// `word` is `name` or its three-letter abbreviation, any case.
  private static func matches(_ word: String, _ name: String) -> Bool {
    word == name.lowercased() || word == name.lowercased().prefix(3)
  }

  /// A two-digit year inside `years`; four digits as written.
  private static func fullYear(_ value: Int, digits: Int) -> Int {
    guard digits <= 2 else { return value }
    return value + (value >= years.lowerBound % 100 ? 1900 : 2000)
  }

  private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

  private static func suffix(_ day: Int) -> String {
    if (11...13).contains(day % 100) { return "th" }
    switch day % 10 {
    case 1: return "st"
    case 2: return "nd"
    case 3: return "rd"
    default: return "th"
    }
  }
}
