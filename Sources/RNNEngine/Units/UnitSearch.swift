/// What the Hidden state view asks pattern search for: a span of the probe, a threshold, a layer.
public struct UnitSearchRequest: Sendable, Equatable {
  /// The probe positions whose units are selected.
  public var span: Range<Int>
  /// |h| above which a unit is on; nil takes `PatternSearch.defaultThreshold` of the held-out text.
  public var threshold: Float?
  /// The layer whose hidden state is searched, from 0.
  public var layer: Int

  /// A request for the units on throughout `span` of the probe in `layer`.
  public init(span: Range<Int>, threshold: Float? = nil, layer: Int = 0) {
    self.span = span
    self.threshold = threshold
    self.layer = layer
  }
}

/// One unit's strongest places in the held-out text: the "what is this unit" readout.
public struct UnitExtremes: Sendable, Equatable {
  /// Held-out positions where the unit is most positive, strongest first, with h there.
  public var positive: [(position: Int, value: Float)]
  /// Held-out positions where the unit is most negative, strongest first, with h there.
  public var negative: [(position: Int, value: Float)]

  /// Extremes from explicit places.
  public init(positive: [(position: Int, value: Float)], negative: [(position: Int, value: Float)]) {
    self.positive = positive
    self.negative = negative
  }

  public static func == (left: UnitExtremes, right: UnitExtremes) -> Bool {
    left.positive.elementsEqual(right.positive) { $0 == $1 } && left.negative.elementsEqual(right.negative) { $0 == $1 }
  }
}

/// Pattern search's answer for the views: the selected units, where in the held-out text they are on
/// together, and what every unit responds to, with the weights of one training step.
public struct UnitSearchResult: Sendable, Equatable {
  /// The most matches a search lists unless asked for another number.
  public static let defaultMatchLimit = 50
  /// The share of the selected units that must be on together at a match: a long selection
  /// rarely switches on all at once, and the ranking puts the places where all are on first.
  public static let minimumShare = 0.75

  /// What was asked.
  public var request: UnitSearchRequest
  /// The optimizer step whose weights were searched.
  public var step: Int
  /// The threshold used (the request's, or the default).
  public var threshold: Float
  /// The units on throughout the span, in unit order.
  public var selected: [SelectedUnit]
  /// Where the selected units are on together in the held-out text, best first.
  public var matches: [PatternMatch]
  /// The held-out text as the model read it, one printable symbol per position.
  public var text: [String]
  /// Every unit's extremes over the held-out text, indexed by unit.
  public var extremes: [UnitExtremes]
  /// Seconds the search took: the run over the held-out text, selection and matching.
  public var seconds: Double

  /// A result from its parts.
  public init(
    request: UnitSearchRequest, step: Int, threshold: Float, selected: [SelectedUnit], matches: [PatternMatch],
    text: [String], extremes: [UnitExtremes], seconds: Double
  ) {
    self.request = request
    self.step = step
    self.threshold = threshold
    self.selected = selected
    self.matches = matches
    self.text = text
    self.extremes = extremes
    self.seconds = seconds
  }
}
