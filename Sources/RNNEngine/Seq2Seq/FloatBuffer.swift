/// A zero-filled block of floats owned by a record, addressed by pointer arithmetic in the passes.
public final class FloatBuffer: @unchecked Sendable {
  /// The first element.
  let pointer: UnsafeMutablePointer<Float>
  /// Number of floats.
  public let count: Int

  /// `count` zeros.
  init(_ count: Int) {
    self.count = count
    pointer = allocateZeroed(count)
  }

  deinit { pointer.deallocate() }

  /// A copy of the contents.
  public var values: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

  /// Sets every element to 0.
  func zero() { pointer.update(repeating: 0, count: count) }

  /// Element `index`.
  public subscript(index: Int) -> Float { pointer[index] }
}
