/// Named tensors laid out one after another in a single flat buffer, in PyTorch's state-dict order.
///
/// The optimisers and clipping work on one `[Float]`; this table says which slice is which tensor
/// (`encoder.weight_ih_l0_reverse` → offset, shape), for loading, saving and the parity tests.
public struct ParameterTable: Sendable {
  /// One tensor's name, shape and place in the buffer.
  public struct Entry: Sendable, Equatable {
    /// PyTorch state-dict name.
    public let name: String
    /// PyTorch shape, outermost first.
    public let shape: [Int]
    /// Index of the first element in the flat buffer.
    public let offset: Int
    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
  }

  /// Every tensor, in the order they were added.
  public private(set) var entries: [Entry] = []
  /// Total number of floats.
  public private(set) var count = 0

  /// Appends a tensor and returns its offset.
  @discardableResult
  mutating func add(_ name: String, shape: [Int]) -> Int {
    let entry = Entry(name: name, shape: shape, offset: count)
    entries.append(entry)
    count += entry.count
    return entry.offset
  }

  /// The tensor called `name`, if any.
  public func entry(named name: String) -> Entry? { entries.first { $0.name == name } }
}
