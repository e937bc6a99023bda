extension Array where Element == Float {
  /// Calls `body` with a pointer to the elements (never nil, even for an empty array, which is then not read).
  func withBase<R>(_ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
    try body(self)
  }

  /// Calls `body` with a mutable pointer to the elements (never nil; not read when empty).
  mutating func withMutableBase<R>(_ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
    try body(&self)
  }
}

/// A zero-filled scratch buffer of `count` floats that the caller deallocates (`defer`).
func allocateZeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
  let pointer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
  pointer.initialize(repeating: 0, count: Swift.max(count, 1))
  return pointer
}

/// An array of `count` floats left unset, for buffers a kernel overwrites completely
/// (saves zero-filling megabytes every step).
func uninitializedFloats(_ count: Int) -> [Float] {
  [Float](unsafeUninitializedCapacity: count) { _, initializedCount in initializedCount = count }
}
