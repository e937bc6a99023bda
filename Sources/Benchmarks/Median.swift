import Foundation

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

/// Milliseconds of processor time the calling thread spends in `body`: close to the wall time on an
/// idle machine when `body` runs on this thread alone, and unaffected by other processes.
func threadCPUMilliseconds(_ body: () -> Void) -> Double {
  func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
  }
  let start = now()
  body()
  return now() - start
}
