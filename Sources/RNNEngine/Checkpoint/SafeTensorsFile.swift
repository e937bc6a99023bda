import Foundation

/// A safetensors file read into memory and checked against its own header; tensors are decoded by name on request.
///
/// Layout: an 8-byte little-endian header length N, N bytes of JSON header
/// `{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ..., "__metadata__": {..}}`,
/// then the data section, which the tensors' `data_offsets` (relative to its start) tile exactly.
/// Nothing in the file is trusted: every claim in the header is checked against the real byte count
/// before anything is allocated or read, and every problem becomes a `SafeTensorsError`.
public struct SafeTensorsFile: Sendable {
  /// One tensor as the header describes it.
  public struct Entry: Sendable, Equatable {
    /// The tensor's key, e.g. `rnn.weight_ih_l0`.
    public let name: String
    /// The stored element type.
    public let dtype: SafeTensorsDType
    /// Dimensions, row-major.
    public let shape: [Int]
    /// Where the tensor's bytes lie within the data section (the header's `data_offsets`).
    public let byteRange: Range<Int>

    /// Number of elements (the product of `shape`).
    public var elementCount: Int { byteRange.count / dtype.byteSize }
  }

  /// The largest header accepted, as in the reference implementation; a longer claim is hostile or corrupt.
  public static let maximumHeaderLength = 100_000_000

  /// The file's name, used in every error message.
  public let fileName: String
  /// Every tensor, in data-section order.
  public let entries: [Entry]
  /// The header's `__metadata__` strings (empty when absent).
  public let metadata: [String: String]

  /// The whole file; tensors are decoded from it lazily.
  let bytes: Data
  /// Offset of the data section within `bytes` (8 + header length).
  let dataStart: Int
  /// Position of each tensor in `entries`, by name.
  private let indexByName: [String: Int]

  /// Reads and validates the file at `url`.
  public init(contentsOf url: URL) throws {
    let fileName = url.lastPathComponent
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw SafeTensorsError(file: fileName, problem: "no such file (\(url.path))")
    }
    guard !isDirectory.boolValue else {
      throw SafeTensorsError(file: fileName, problem: "is a directory, not a safetensors file")
    }
    let bytes: Data
    do {
      bytes = try Data(contentsOf: url)
    } catch {
      throw SafeTensorsError(file: fileName, problem: "cannot read the file (\(error.localizedDescription))")
    }
    try self.init(bytes: bytes, fileName: fileName)
  }

  /// Validates `bytes` as a safetensors file called `fileName` (the name is only used in errors).
  public init(bytes: Data, fileName: String) throws {
    let fail = { (problem: String) in SafeTensorsError(file: fileName, problem: problem) }
    let fileSize = bytes.count
    guard fileSize > 0 else { throw fail("file is empty") }
    guard fileSize >= 8 else {
      throw fail("file is \(fileSize) bytes, too short for the 8-byte header length")
    }
    let claimedHeaderLength = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    guard claimedHeaderLength >= 2 else {
      throw fail("header length \(claimedHeaderLength) is too small (a JSON object needs at least 2 bytes)")
    }
    guard claimedHeaderLength <= UInt64(fileSize - 8) else {
      throw fail(
        "header length \(claimedHeaderLength) runs beyond the end of the \(fileSize)-byte file (truncated, or not safetensors)"
      )
    }
    guard claimedHeaderLength <= UInt64(Self.maximumHeaderLength) else {
      throw fail("header length \(claimedHeaderLength) exceeds the \(Self.maximumHeaderLength)-byte limit")
    }
    let headerLength = Int(claimedHeaderLength)
    let headerBytes = bytes.withUnsafeBytes { Data($0[8..<(8 + headerLength)]) }
    let header = try SafeTensorsHeader(
      json: headerBytes, dataSectionSize: fileSize - 8 - headerLength, fail: fail)

    self.fileName = fileName
    self.entries = header.entries
    self.metadata = header.metadata
    self.bytes = bytes
    self.dataStart = 8 + headerLength
    self.indexByName = Dictionary(uniqueKeysWithValues: header.entries.enumerated().map { ($1.name, $0) })
  }

  /// The tensor called `name`, if the file has one.
  public func entry(named name: String) -> Entry? {
    indexByName[name].map { entries[$0] }
  }

  /// Tensor names in data-section order.
  public var names: [String] { entries.map(\.name) }
}
