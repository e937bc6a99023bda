extension Array {
  /// The array cut into consecutive pieces of at most `size` elements (held-out sets into batches).
  func chunkedForBatches(size: Int) -> [ArraySlice<Element>] {
    precondition(size > 0, "chunk size must be positive")
    return Swift.stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
  }
}
