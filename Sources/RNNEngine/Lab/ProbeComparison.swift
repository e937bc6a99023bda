/// The direction experiment's probe compared position by position: which of two models restored
/// each character (the unidirectional one, the bidirectional one, both or neither).
public struct ProbeComparison: Sendable, Equatable {
  /// Who got one position right.
  public enum Mark: Sendable, Equatable {
    /// Both models predicted the target.
    case both
    /// Only the bidirectional model did: where reading the rest of the text helped.
    case onlyBidirectional
    /// Only the unidirectional model did.
    case onlyUnidirectional
    /// Neither did.
    case neither
  }

  /// One mark per probe position.
  public var marks: [Mark]

  /// Compares two models' predicted classes with the targets, position by position (positions
  /// past a shorter prediction count as wrong).
  public init(targets: [Int], unidirectional: [Int], bidirectional: [Int]) {
    func right(_ prediction: [Int], _ position: Int) -> Bool {
      position < prediction.count && prediction[position] == targets[position]
    }
    marks = targets.indices.map { position in
      switch (right(unidirectional, position), right(bidirectional, position)) {
      case (true, true): .both
      case (false, true): .onlyBidirectional
      case (true, false): .onlyUnidirectional
      case (false, false): .neither
      }
    }
  }

  /// Positions only the bidirectional model got right.
  public var onlyBidirectionalCount: Int { count(.onlyBidirectional) }
  /// Positions only the unidirectional model got right.
  public var onlyUnidirectionalCount: Int { count(.onlyUnidirectional) }

  /// How many of `positions` (all when nil) carry `mark`.
  public func count(_ mark: Mark, among positions: [Int]? = nil) -> Int {
    (positions ?? Array(marks.indices)).filter { marks[$0] == mark }.count
  }
}
