extension Seq2SeqTaskKind {
  /// What a generated task expects for `source`: reversed, sorted, or the ISO date; nil for the
  /// pairs task and for text that is no date.
  public func target(for source: String) -> String? {
    switch self {
    case .reverse: String(source.reversed())
    case .sort: String(source.sorted())
    case .dates: HumanDate.parse(source)?.iso
    case .pairs: nil
    }
  }
}
