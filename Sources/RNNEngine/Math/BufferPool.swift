/// Float buffers kept from one training step for the next.
///
/// A step allocates megabytes of record buffers; fresh allocations of that size come straight
/// from the kernel and pay a page fault per 4 KB (about a third of an H = 32 step, measured).
/// `trainStep` hands its buffers back here and the next pass takes them again. Every buffer
/// taken is overwritten completely by its kernel, so stale contents never leak into results.
final class BufferPool {
  private var spare: [Int: [[Float]]] = [:]
  /// When each size was last given back, on a clock that ticks once per `give`.
  private var lastGiven: [Int: Int] = [:]
  private var clock = 0
  /// Floats held in `spare` right now.
  private(set) var heldFloats = 0
  /// Floats taken and not given back yet.
  private var outstanding = 0
  /// The most floats ever outstanding at once: one step's working set.
  private var peakOutstanding = 0

  /// A buffer of exactly `count` floats with unspecified contents.
  func take(_ count: Int) -> [Float] {
    outstanding += count
    peakOutstanding = max(peakOutstanding, outstanding)
    guard let buffer = spare[count]?.popLast() else { return uninitializedFloats(count) }
    heldFloats -= count
    return buffer
  }

  /// Keeps `buffers` for later `take`s, holding at most two steps' worth in all.
  ///
  /// Tasks with variable sequence lengths give back a new set of sizes almost every step; without
  /// the cap the pool would keep every size it ever saw and memory would creep for hours. A step's
  /// worth is the most floats ever out at once: a step gives its buffers back in several calls, so
  /// the largest single call would undercount it and evict buffers the next step needs.
  func give(_ buffers: [[Float]]) {
    clock += 1
    var gift = 0
    for buffer in buffers where !buffer.isEmpty {
      spare[buffer.count, default: []].append(buffer)
      lastGiven[buffer.count] = clock
      gift += buffer.count
    }
    heldFloats += gift
    outstanding = max(outstanding - gift, 0)  // buffers made elsewhere may be given too
    evictLeastRecentlyGiven(keeping: 2 * max(peakOutstanding, gift))
  }

  /// Drops whole sizes, the longest unused first, until the pool holds at most `limit` floats.
  private func evictLeastRecentlyGiven(keeping limit: Int) {
    guard heldFloats > limit else { return }
    for (count, _) in lastGiven.sorted(by: { $0.value < $1.value }) where heldFloats > limit {
      heldFloats -= count * (spare[count]?.count ?? 0)
      spare[count] = nil
      lastGiven[count] = nil
    }
  }
}
