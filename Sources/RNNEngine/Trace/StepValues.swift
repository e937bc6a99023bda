/// One quantity of a trace at every step, `[T][width]`, held in one flat buffer: `values[t]` is
/// step t's row, `values[t][unit]` one number.
///
/// A trace copies each quantity out of backprop's `(T, B, width)` buffers for one sequence. An
/// array per step made that about a thousand allocations a trace at LSTM-32 (h, c, four gates,
/// dh and dc at 100 steps), which with their release took a fifth of the trace's time there.
public struct StepValues: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
  /// One step's values, indexed from 0, viewing the flat buffer without a copy.
  public struct Row: RandomAccessCollection, Sendable, Equatable {
    fileprivate let storage: ArraySlice<Float>
    /// 0.
    public var startIndex: Int { 0 }
    /// The width.
    public var endIndex: Int { storage.count }
    /// Unit `unit`'s value.
    public subscript(unit: Int) -> Float { storage[storage.startIndex + unit] }
  }

  /// Values per step.
  public let width: Int
  /// `(T, width)`, one step after another.
  public let flat: [Float]

  /// `flat (T, width)`.
  public init(flat: [Float], width: Int) {
    precondition(width > 0 ? flat.count % width == 0 : flat.isEmpty, "flat must hold whole rows of width \(width)")
    (self.flat, self.width) = (flat, width)
  }

  /// From one array per step, all as long as the first.
  public init(_ rows: [[Float]]) {
    let width = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == width }, "every step needs \(width) values")
    self.init(flat: rows.flatMap { $0 }, width: width)
  }

  /// From one array literal per step.
  public init(arrayLiteral rows: [Float]...) { self.init(rows) }

  /// 0.
  public var startIndex: Int { 0 }
  /// T.
  public var endIndex: Int { width > 0 ? flat.count / width : 0 }
  /// Step `step`'s values.
  public subscript(step: Int) -> Row { Row(storage: flat[(step * width)..<((step + 1) * width)]) }
}
