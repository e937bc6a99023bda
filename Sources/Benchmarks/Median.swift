/// The middle value (the upper of the two middle ones for an even count); 0 when empty.
func median<S: Sequence>(_ values: S) -> Double where S.Element == Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// The first of `results` with each of `fields` replaced by its median over all of them; nil when empty.
func medianFields<R>(of results: [R], fields: [WritableKeyPath<R, Double>]) -> R? {
  guard var combined = results.first else { return nil }
  for field in fields { combined[keyPath: field] = median(results.map { $0[keyPath: field] }) }
  return combined
}

/// Milliseconds `body` takes, on the monotonic clock.
func milliseconds(_ body: () -> Void) -> Double {
  let start = ContinuousClock.now
  body()
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}
