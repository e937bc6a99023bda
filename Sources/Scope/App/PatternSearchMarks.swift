/// The Hidden state view's pattern search as the person set it up: the span, threshold and match.
public struct PatternSearchMarks: Sendable, Equatable {
  /// Where `v` started marking a span, while marking (the span runs to the cursor).
  public var anchor: Int?
  /// The probe positions last searched for.
  public var span: Range<Int>?
  /// The threshold asked for with `<` `>`; nil takes the default the search reports.
  public var threshold: Float?
  /// The match chosen with `m` `M`, from 0.
  public var match = 0

  /// Nothing marked.
  public init() {}
}
