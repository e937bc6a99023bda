import Foundation

/// Number formatting shared by the views: short and readable in a narrow column.
enum Format {
  /// A number in at most ~7 characters: `0.0123`, `12.5`, `3.2e-07`, `1.2e+05`.
  static func compact(_ value: Float) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
    let magnitude = abs(value)
    switch magnitude {
    case 0: return "0"
    case 1e5..., ..<1e-3: return String(format: "%.1e", value)
    case 100...: return String(format: "%.0f", value)
    case 10...: return String(format: "%.1f", value)
    case 1...: return String(format: "%.2f", value)
    default: return String(format: "%.4f", value)
    }
  }

  /// `value` with exactly `decimals` digits after the point.
  static func fixed(_ value: Float, decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
  }

  /// A count with k/M suffixes: `812k`, `1.2M`.
  static func count(_ value: Double) -> String {
    if value >= 1e6 { return String(format: "%.1fM", value / 1e6) }
    if value >= 1e4 { return String(format: "%.0fk", value / 1e3) }
    return String(format: "%.0f", value)
  }

  /// An integer with thousands separated by commas: `90,880`.
  static func thousands(_ value: Int) -> String {
    var digits = String(value.magnitude)
    for position in stride(from: digits.count - 3, to: 0, by: -3) {
      digits.insert(",", at: digits.index(digits.startIndex, offsetBy: position))
    }
    return (value < 0 ? "-" : "") + digits
  }

  /// A fraction as a percentage: `71.2%`.
  static func percent(_ fraction: Float) -> String { String(format: "%.1f%%", fraction * 100) }
}
