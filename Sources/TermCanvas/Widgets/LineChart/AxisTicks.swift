import Foundation

/// Tick positions and labels for chart axes.
public enum AxisTicks {
  /// Round tick values (steps of 1, 2 or 5 × 10ⁿ) inside `range`, at most about `maxCount` of them.
  public static func linear(in range: ClosedRange<Float>, maxCount: Int) -> [Float] {
    let step = niceStep(for: range.upperBound - range.lowerBound, maxCount: maxCount)
    guard step > 0, step.isFinite else { return [range.lowerBound] }
    var ticks: [Float] = []
    var index = (range.lowerBound / step).rounded(.up)
    while index * step <= range.upperBound + step * 1e-4 && ticks.count <= maxCount * 2 {
      ticks.append(index * step)
      index += 1
    }
    return ticks
  }

  /// Powers of ten inside `range` (given in values, not exponents), thinned to at most `maxCount`
  /// by keeping exponents that are multiples of a common step.
  public static func log(in range: ClosedRange<Float>, maxCount: Int) -> [Float] {
    guard range.lowerBound > 0 else { return [] }
    // The tolerance keeps exact powers such as 1e-8 (log10 = -7.9999…) on the axis.
    let low = Int((Foundation.log10(range.lowerBound) - 1e-4).rounded(.up))
    let high = Int((Foundation.log10(range.upperBound) + 1e-4).rounded(.down))
    guard low <= high else { return [] }
    let count = high - low + 1
    let stride = max(1, (count + max(1, maxCount) - 1) / max(1, maxCount))
    return (low...high).filter { $0 % stride == 0 }.map { Foundation.pow(10, Float($0)) }
  }

  /// A log-axis label: `1e-8`, `1e-4`, `0.01`, `0.1`, `1`, `10`, `100`, `1000`, `1e4`.
  public static func logLabel(exponent: Int) -> String {
    switch exponent {
    case -2..<0: return "0." + String(repeating: "0", count: -exponent - 1) + "1"
    case 0...3: return "1" + String(repeating: "0", count: exponent)
    default: return "1e\(exponent)"
    }
  }

  /// A label for `value` on an axis of the given scale whose ticks are `step` apart (linear only).
  public static func label(_ value: Float, scale: AxisScale, step: Float) -> String {
    switch scale {
    case .log10:
      let exponent = Foundation.log10(value)
      if abs(exponent - exponent.rounded()) < 1e-3 { return logLabel(exponent: Int(exponent.rounded())) }
      return format(value, decimals: 2, compact: true)
    case .linear:
      let decimals = step > 0 ? max(0, Int((-Foundation.log10(step)).rounded(.up))) : 2
      return format(value, decimals: min(decimals, 6), compact: false)
    }
  }

  /// The spacing of about `maxCount` round ticks across `span`.
  public static func niceStep(for span: Float, maxCount: Int) -> Float {
    guard span > 0, span.isFinite else { return 0 }
    let raw = span / Float(max(1, maxCount))
    let magnitude = Foundation.pow(10, Foundation.log10(raw).rounded(.down))
    let normalized = raw / magnitude
    let factor: Float = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
    return factor * magnitude
  }

  /// `value` with `decimals` digits after the point (no `-0`); `compact` drops trailing zeros.
  /// Very large or small magnitudes use `1.5e6` notation.
  public static func format(_ value: Float, decimals: Int, compact: Bool) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
    let magnitude = abs(value)
    if magnitude != 0 && (magnitude >= 1e6 || magnitude < 1e-4) {
      return String(format: "%.2g", Double(value))
    }
    var text = String(format: "%.\(decimals)f", Double(value))
    if compact && text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    if text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
    return text
  }
}
