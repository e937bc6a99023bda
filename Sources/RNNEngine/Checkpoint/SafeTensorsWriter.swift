import Foundation

/// Builds a safetensors file from named tensors, stored in the order they are added.
///
/// The header is compact JSON (`__metadata__` first, then the tensors in order) padded with spaces
/// to a multiple of 8 bytes, as the reference implementation writes it, so the data section starts
/// 8-byte aligned.
public struct SafeTensorsWriter: Sendable {
  /// A tensor already encoded as little-endian bytes.
  private struct Tensor: Sendable {
    let name: String
    let dtype: SafeTensorsDType
    let shape: [Int]
    let bytes: Data
  }

  /// Strings stored under `__metadata__` (omitted from the file when empty).
  public var metadata: [String: String]
  private var tensors: [Tensor] = []

  /// An empty file with the given metadata.
  public init(metadata: [String: String] = [:]) {
    self.metadata = metadata
  }

  /// Adds a Float32 tensor (`F32`); `values` are row-major and `shape`'s product must equal their count.
  public mutating func add(_ name: String, shape: [Int], values: [Float]) {
    append(name, .f32, shape, count: values.count, bytes: values.map { $0.bitPattern.littleEndian })
  }

  /// Adds a 64-bit integer tensor (`I64`), e.g. step counters; store `UInt64` words via `Int64(bitPattern:)`.
  public mutating func add(_ name: String, shape: [Int], values: [Int64]) {
    append(name, .i64, shape, count: values.count, bytes: values.map { $0.littleEndian })
  }

  /// The complete file contents.
  public func encoded() -> Data {
    var fields: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0] ?? ""))" }
      fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
    }
    var offset = 0
    for tensor in tensors {
      let shape = tensor.shape.map(String.init).joined(separator: ",")
      let offsets = "\(offset),\(offset + tensor.bytes.count)"
      fields.append(
        "\(jsonString(tensor.name)):{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offsets)]}"
      )
      offset += tensor.bytes.count
    }
    var header = Data("{\(fields.joined(separator: ","))}".utf8)
    header.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

    var file = Data(capacity: 8 + header.count + offset)
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { file.append(contentsOf: $0) }
    file.append(header)
    for tensor in tensors { file.append(tensor.bytes) }
    return file
  }

  /// Writes the file to `url` atomically (see `AtomicFile`).
  public func write(to url: URL) throws {
    try AtomicFile.write(encoded(), to: url)
  }

  private mutating func append<Element>(
    _ name: String, _ dtype: SafeTensorsDType, _ shape: [Int], count: Int, bytes elements: [Element]
  ) {
    precondition(!name.isEmpty && name != "__metadata__", "invalid tensor name \"\(name)\"")
    precondition(!tensors.contains { $0.name == name }, "tensor \"\(name)\" added twice")
    precondition(
      shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == count, "shape \(shape) does not hold \(count) values")
    tensors.append(Tensor(name: name, dtype: dtype, shape: shape, bytes: elements.withUnsafeBytes { Data($0) }))
  }
}

/// `string` as a JSON string literal (quotes, backslashes and control characters escaped).
private func jsonString(_ string: String) -> String {
  var literal = "\""
  for scalar in string.unicodeScalars {
    switch scalar {
    case "\"": literal += "\\\""
    case "\\": literal += "\\\\"
    case "\n": literal += "\\n"
    case "\t": literal += "\\t"
    case "\r": literal += "\\r"
    case _ where scalar.value < 0x20: literal += String(format: "\\u%04x", scalar.value)
    default: literal.unicodeScalars.append(scalar)
    }
  }
  return literal + "\""
}
