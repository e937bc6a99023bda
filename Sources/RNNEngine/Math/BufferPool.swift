/// Float buffers kept from one training step for the next.
///
/// A step allocates megabytes of record buffers; fresh allocations of that size come straight
/// from the kernel and pay a page fault per 4 KB (see docs/performance.md).
/// `trainStep` hands its buffers back here and the next pass takes them again. Every buffer
/// taken is overwritten completely by its kernel, so stale contents never leak into results.
final class BufferPool {
  private var spare: [Int: [[Float]]] = [:]
  /// When each size was last given back, on a clock that ticks once per `give`.
  private var lastGiven: [Int: Int] = [:]
  private var clock = 0
  /// Floats held in `spare` right now.
  private(set) var heldFloats = 0
  /// Floats taken since the last `endStep`.
  private var takenThisStep = 0
  /// The most floats one step has taken: a step's worth.
  private var largestStep = 0

  /// A buffer of exactly `count` floats with unspecified contents.
  func take(_ count: Int) -> [Float] {
    takenThisStep += count
    guard let buffer = spare[count]?.popLast() else { return uninitializedFloats(count) }
    heldFloats -= count
    return buffer
  }

  /// Keeps `buffers` for later `take`s, holding at most two steps' worth in all.
  ///
  /// Tasks with variable sequence lengths give back a new set of sizes almost every step; without
  /// the cap the pool would keep every size it ever saw and memory would creep for hours. A step's
  /// worth is what the largest step took between two `endStep`s: a step gives its buffers back in
  /// several calls, so the largest single call would undercount it and evict buffers the next
  /// step needs, and counting what is out at once would count forever the buffers that probes
  /// take and keep.
  func give(_ buffers: [[Float]]) {
    clock += 1
    var gift = 0
    for buffer in buffers where !buffer.isEmpty {
      spare[buffer.count, default: []].append(buffer)
      lastGiven[buffer.count] = clock
      gift += buffer.count
    }
    heldFloats += gift
    evictLeastRecentlyGiven(keeping: 2 * max(largestStep, takenThisStep, gift))
  }

  /// Marks the end of a step (training or evaluation): what it took since the last mark is one
  /// step's worth.
  func endStep() {
    largestStep = max(largestStep, takenThisStep)
    takenThisStep = 0
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
