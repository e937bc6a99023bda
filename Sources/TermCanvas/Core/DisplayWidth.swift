/// How many terminal columns text occupies (a small `wcwidth`).
///
/// East Asian wide and fullwidth characters and emoji take 2 columns; combining
/// marks, format characters and variation selectors take 0; everything else 1.
/// Ambiguous-width characters (`·`, `░`, box drawing) count as 1, as in
/// non-CJK locales.
public enum DisplayWidth {
  /// Columns taken by one Unicode scalar: 0, 1 or 2 (control characters count 0).
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v >= 0x20 && v < 0x7F { return 1 }  // ASCII fast path
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    if v == 0x00AD { return 1 }  // soft hyphen is visible in terminals
    if isZeroWidth(v) { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    return isWide(v) ? 2 : 1
  }

  /// Columns taken by one grapheme: the width of its base scalar, or 2 when
  /// an emoji presentation selector (U+FE0F) makes a text symbol wide.
  public static func of(_ character: Character) -> Int {
    var scalars = character.unicodeScalars.makeIterator()
    guard let first = scalars.next() else { return 0 }
    let base = of(first)
    if first.value < 0x7F && character.utf8.count == 1 { return base }
    var width = base
    for scalar in character.unicodeScalars {
      if scalar.value == 0xFE0F && width > 0 { return 2 }
      if width == 0 { width = of(scalar) }
    }
    return width
  }

  /// Columns taken by a string, grapheme by grapheme.
  public static func of(_ string: String) -> Int {
    var total = 0
    for character in string { total += of(character) }
    return total
  }

  /// Invisible scalars not covered by the general-category check.
  private static func isZeroWidth(_ v: UInt32) -> Bool {
    (0x1160...0x11FF).contains(v)  // Hangul medial vowels and final consonants join the syllable
      || (0x200B...0x200F).contains(v)  // zero width space, joiners, direction marks
      || (0xFE00...0xFE0F).contains(v)  // variation selectors
      || (0xE0100...0xE01EF).contains(v)
  }

  /// East Asian Wide (W) and Fullwidth (F) ranges, plus emoji shown wide by default.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
    0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
    0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
    0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
    0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
    0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
    0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
    0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
    0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
    0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
    0x1F1E6...0x1F1FF, 0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
    0x1F7E0...0x1F7EB, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
    0x30000...0x3FFFD,
  ]

  /// Binary search over the sorted `wideRanges`.
  private static func isWide(_ v: UInt32) -> Bool {
    if v < 0x1100 { return false }
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
      let mid = (low + high) / 2
      let range = wideRanges[mid]
      if v < range.lowerBound {
        high = mid - 1
      } else if v > range.upperBound {
        low = mid + 1
      } else {
        return true
      }
    }
    return false
  }
}
