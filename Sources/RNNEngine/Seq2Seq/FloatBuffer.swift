/// A zero-filled block of floats owned by a record, addressed by pointer arithmetic in the passes.
///
/// Large blocks come from `FloatBlockCache`: a pass allocates tens of megabytes, and fresh blocks of
/// that size come from the kernel a page fault per 4 KB.
public final class FloatBuffer: @unchecked Sendable {
  /// The first element.
  let pointer: UnsafeMutablePointer<Float>
  /// Number of floats.
  public let count: Int

  /// `count` zeros.
  convenience init(_ count: Int) {
    self.init(count, zeroed: true)
  }

  /// `count` floats of unspecified contents, for a buffer its pass writes completely before
  /// reading it (saves zero-filling megabytes a pass).
  convenience init(overwritten count: Int) {
    self.init(count, zeroed: false)
  }

  private init(_ count: Int, zeroed: Bool) {
    self.count = count
    if let block = FloatBlockCache.shared.take(count) {
      pointer = block
      if zeroed { pointer.update(repeating: 0, count: count) }
    } else {
      pointer = allocateZeroed(count)
    }
  }

  deinit {
    if !FloatBlockCache.shared.keep(pointer, count: count) { pointer.deallocate() }
  }

  /// A copy of the contents.
  public var values: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

  /// Sets every element to 0.
  func zero() { pointer.update(repeating: 0, count: count) }

  /// Element `index`.
  public subscript(index: Int) -> Float { pointer[index] }
}
