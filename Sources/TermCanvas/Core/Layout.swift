/// How much of the available length one slot of a `Layout` takes.
public enum Constraint: Sendable, Hashable {
  /// Exactly `n` cells (less if the space runs out).
  case fixed(Int)
  /// A fraction (0…1) of the whole length, rounded down.
  case fraction(Double)
  /// Whatever the fixed and fractional slots leave, shared evenly by all `.remainder` slots.
  case remainder

  /// `percent` percent of the whole length, rounded down.
  public static func percent(_ percent: Int) -> Constraint { .fraction(Double(percent) / 100) }
}

/// Splits a rectangle into rows or columns by simple constraints (no solver).
///
/// ```swift
/// let parts = Layout.rows([.fixed(1), .remainder, .fixed(1)], in: screen)
/// let (header, body, footer) = (parts[0], parts[1], parts[2])
/// ```
/// Fixed and fractional slots are served first, in order, until the space runs
/// out; the rest is shared by the `.remainder` slots (earlier ones get the odd cells).
public enum Layout {
  /// Stacks slots top to bottom; returns one rect per constraint, in order.
  public static func rows(_ constraints: [Constraint], in rect: Rect, spacing: Int = 0) -> [Rect] {
    let sizes = lengths(constraints, total: rect.height, spacing: spacing)
    var y = rect.y
    return sizes.map { size in
      defer { y += size + spacing }
      return Rect(x: rect.x, y: y, width: rect.width, height: size)
    }
  }

  /// Places slots left to right; returns one rect per constraint, in order.
  public static func columns(_ constraints: [Constraint], in rect: Rect, spacing: Int = 0) -> [Rect] {
    let sizes = lengths(constraints, total: rect.width, spacing: spacing)
    var x = rect.x
    return sizes.map { size in
      defer { x += size + spacing }
      return Rect(x: x, y: rect.y, width: size, height: rect.height)
    }
  }

  /// The length of each slot along one axis.
  static func lengths(_ constraints: [Constraint], total: Int, spacing: Int) -> [Int] {
    let gaps = max(0, constraints.count - 1) * max(0, spacing)
    let usable = max(0, total - gaps)
    var remaining = usable
    var sizes = constraints.map { constraint -> Int in
      let wanted: Int
      switch constraint {
      case .fixed(let n): wanted = n
      case .fraction(let f): wanted = Int((Double(usable) * min(max(f, 0), 1)).rounded(.down))
      case .remainder: return 0
      }
      let size = min(max(0, wanted), remaining)
      remaining -= size
      return size
    }
    let remainderSlots = constraints.indices.filter { constraints[$0] == .remainder }
    guard !remainderSlots.isEmpty else { return sizes }
    let share = remaining / remainderSlots.count
    let extra = remaining % remainderSlots.count
    for (order, index) in remainderSlots.enumerated() {
      sizes[index] = share + (order < extra ? 1 : 0)
    }
    return sizes
  }
}
