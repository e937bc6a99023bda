import Foundation

/// Blocks of freed `FloatBuffer`s kept for the next buffers of the same size (the next pass's),
/// at most `limit` floats in all, the oldest given up first. Safe to use from any thread.
final class FloatBlockCache: @unchecked Sendable {
  /// The cache every `FloatBuffer` uses.
  static let shared = FloatBlockCache()
  /// Blocks smaller than this come from malloc, which reuses small blocks by itself.
  static let smallest = 1 << 14
  /// Floats held at most: two passes of the benchmark's encoder–decoder.
  static let limit = 1 << 24

  private let lock = NSLock()
  /// Kept blocks, oldest first.
  private var blocks: [(count: Int, pointer: UnsafeMutablePointer<Float>)] = []
  private var held = 0

  /// A kept block of exactly `count` floats (unspecified contents), or nil.
  func take(_ count: Int) -> UnsafeMutablePointer<Float>? {
    guard count >= Self.smallest else { return nil }
    lock.lock()
    defer { lock.unlock() }
    guard let index = blocks.lastIndex(where: { $0.count == count }) else { return nil }
    held -= count
    return blocks.remove(at: index).pointer
  }

  /// Keeps `pointer` for a later `take`, giving up the oldest blocks beyond `limit`; false when
  /// the block is not kept (the caller deallocates it).
  func keep(_ pointer: UnsafeMutablePointer<Float>, count: Int) -> Bool {
    guard count >= Self.smallest, count <= Self.limit else { return false }
    lock.lock()
    defer { lock.unlock() }
    blocks.append((count, pointer))
    held += count
    while held > Self.limit {
      let oldest = blocks.removeFirst()
      held -= oldest.count
      oldest.pointer.deallocate()
    }
    return true
  }
}
