/// Float buffers kept from one training step for the next.
///
/// A step allocates megabytes of record buffers; fresh allocations of that size come straight
/// from the kernel and pay a page fault per 4 KB (about a third of an H = 32 step, measured).
/// `trainStep` hands its buffers back here and the next pass takes them again. Every buffer
/// taken is overwritten completely by its kernel, so stale contents never leak into results.
final class BufferPool {
  private var spare: [Int: [[Float]]] = [:]

  /// A buffer of exactly `count` floats with unspecified contents.
  func take(_ count: Int) -> [Float] {
    spare[count]?.popLast() ?? uninitializedFloats(count)
  }

  /// Most buffers kept per size (a step of a few layers takes fewer), so the pool cannot grow without
  /// bound when a caller gives back buffers it did not take (e.g. last-step heads).
  private let limitPerSize = 16

  /// Keeps `buffers` for later `take`s (empty ones, and any beyond the limit, are dropped).
  func give(_ buffers: [[Float]]) {
    for buffer in buffers where !buffer.isEmpty && spare[buffer.count, default: []].count < limitPerSize {
      spare[buffer.count, default: []].append(buffer)
    }
  }
}
