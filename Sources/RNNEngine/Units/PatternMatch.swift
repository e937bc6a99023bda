/// A place in the text where the selected units are on together.
public struct PatternMatch: Sendable, Equatable {
  /// The positions of the run.
  public var range: Range<Int>
  /// Mean share of the selected units on over the run (1 = all of them everywhere).
  public var selectedOn: Double
  /// Mean share of the other units on over the run (0 = none of them).
  public var othersOn: Double
  /// `selectedOn − othersOn`, what matches are ranked by.
  public var score: Double { selectedOn - othersOn }
}
