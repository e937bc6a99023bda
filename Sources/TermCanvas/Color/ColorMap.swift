/// Maps numbers to colours by interpolating between control points.
///
/// ```swift
/// let map = ColorMap.diverging          // tanh states in [-1, 1]
/// let color = map.color(for: 0.7)       // a light red
/// ```
/// Values outside the domain are clamped; NaN and ±Inf get `nonFiniteColor`.
public struct ColorMap: Sendable, Hashable {
  /// Whether the map runs one way (low→high) or away from a midpoint in both directions.
  public enum Kind: Sendable, Hashable {
    /// Low to high, e.g. gate activations in [0, 1].
    case sequential
    /// Negative–neutral–positive around the domain's midpoint, e.g. tanh states in [-1, 1].
    case diverging
  }

  /// One colour at a position in 0…1 along the map.
  public struct Stop: Sendable, Hashable {
    /// Position along the map, 0…1.
    public var position: Float
    /// Colour at that position.
    public var color: RGB

    /// Creates a stop.
    public init(_ position: Float, _ color: RGB) {
      self.position = position
      self.color = color
    }
  }

  /// The value range mapped onto the stops (the midpoint is the neutral value of a diverging map).
  public let domain: ClosedRange<Float>
  /// Sequential or diverging.
  public let kind: Kind
  /// Colour of NaN and ±Inf.
  public let nonFiniteColor: RGB
  /// Control points, sorted by position.
  public let stops: [Stop]
  /// Precomputed colours so that `color(for:)` is a clamp and a table read.
  private let table: [RGB]

  /// 2¹⁰ + 1 entries, so the midpoint and quarter points of the map are exact.
  private static let tableSize = 1025

  /// Creates a map from control points (at least one; positions in 0…1).
  public init(stops: [Stop], domain: ClosedRange<Float>, kind: Kind, nonFiniteColor: RGB = .magenta) {
    let sorted = stops.sorted { $0.position < $1.position }
    self.stops = sorted
    self.domain = domain
    self.kind = kind
    self.nonFiniteColor = nonFiniteColor
    self.table = (0..<Self.tableSize).map { index in
      Self.interpolate(sorted, at: Float(index) / Float(Self.tableSize - 1))
    }
  }

  /// The same map over a different value range (e.g. `-3...3` for pre-activations).
  public func withDomain(_ domain: ClosedRange<Float>) -> ColorMap {
    ColorMap(stops: stops, domain: domain, kind: kind, nonFiniteColor: nonFiniteColor)
  }

  /// Where `value` lies along the map, 0…1 (clamped; NaN and ±Inf give `nil`).
  public func position(of value: Float) -> Float? {
    guard value.isFinite else { return nil }
    let span = domain.upperBound - domain.lowerBound
    guard span > 0 else { return 0.5 }
    return min(max((value - domain.lowerBound) / span, 0), 1)
  }

  /// The colour for `value`.
  public func color(for value: Float) -> RGB {
    guard let t = position(of: value) else { return nonFiniteColor }
    return table[Int(t * Float(Self.tableSize - 1) + 0.5)]
  }

  /// How strongly `value` stands out, 0…1: the position for a sequential map,
  /// the distance from the midpoint for a diverging one (for monochrome shading).
  public func intensity(for value: Float) -> Float {
    guard let t = position(of: value) else { return 1 }
    switch kind {
    case .sequential: return t
    case .diverging: return abs(2 * t - 1)
    }
  }

  /// Linear interpolation between the two stops around `t`.
  private static func interpolate(_ stops: [Stop], at t: Float) -> RGB {
    guard let first = stops.first, let last = stops.last else { return .gray }
    if t <= first.position { return first.color }
    if t >= last.position { return last.color }
    for (lower, upper) in zip(stops, stops.dropFirst()) where t <= upper.position {
      let span = upper.position - lower.position
      return lower.color.mixed(with: upper.color, span > 0 ? (t - lower.position) / span : 0)
    }
    return last.color
  }
}
