import Foundation

/// The checked contents of a safetensors JSON header.
///
/// Every claim is validated against the real size of the data section, in an order that never
/// computes with an unchecked number: dtype, then shape (overflow-checked), then offsets, then the
/// tiling of the data section by all tensors together (no overlaps, no holes, nothing left over).
struct SafeTensorsHeader {
  /// Tensors sorted by position in the data section.
  let entries: [SafeTensorsFile.Entry]
  /// The `__metadata__` strings.
  let metadata: [String: String]

  /// The most tensors a file may hold: recurrent models have a few dozen, large PyTorch models a few thousand.
  static let maximumTensorCount = 20_000

  /// Parses `json`, failing with `fail(problem)` on the first problem found.
  init(json: Data, dataSectionSize: Int, fail: (String) -> SafeTensorsError) throws {
    // Every tensor is a JSON object, so counting braces bounds the tensor count before parsing,
    // which takes kilobytes per tensor.
    let objectCount = json.reduce(0) { $0 + ($1 == UInt8(ascii: "{") ? 1 : 0) }
    guard objectCount <= Self.maximumTensorCount else {
      throw fail(
        "header holds \(objectCount) JSON objects; rnnscope reads files of at most \(Self.maximumTensorCount) tensors")
    }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: json)
    } catch {
      let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
      throw fail("header is not valid JSON (\(reason))")
    }
    guard let fields = object as? [String: Any] else { throw fail("header is not a JSON object") }

    var metadata: [String: String] = [:]
    var entries: [SafeTensorsFile.Entry] = []
    // Sorted so the same broken file always reports the same first problem.
    for name in fields.keys.sorted() {
      let value = fields[name] ?? NSNull()
      if name == "__metadata__" {
        metadata = try Self.metadata(value, fail: fail)
      } else {
        entries.append(try Self.entry(name, value, dataSectionSize: dataSectionSize, fail: fail))
      }
    }
    entries.sort {
      ($0.byteRange.lowerBound, $0.byteRange.upperBound) < ($1.byteRange.lowerBound, $1.byteRange.upperBound)
    }
    try Self.checkTiling(entries, dataSectionSize: dataSectionSize, fail: fail)
    self.entries = entries
    self.metadata = metadata
  }

  private static func metadata(_ value: Any, fail: (String) -> SafeTensorsError) throws -> [String: String] {
    guard let fields = value as? [String: Any] else { throw fail("__metadata__ is not a JSON object") }
    var metadata: [String: String] = [:]
    for (key, value) in fields {
      guard let string = value as? String else { throw fail("__metadata__ value for \"\(key)\" is not a string") }
      metadata[key] = string
    }
    return metadata
  }

  private static func entry(
    _ name: String, _ value: Any, dataSectionSize: Int, fail: (String) -> SafeTensorsError
  ) throws -> SafeTensorsFile.Entry {
    let tensor = "tensor \"\(name)\""
    guard let fields = value as? [String: Any] else { throw fail("\(tensor) is not a JSON object") }
    guard let dtypeName = fields["dtype"] as? String else { throw fail("\(tensor) has no \"dtype\" string") }
    guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
      throw fail("\(tensor) has unknown dtype \"\(dtypeName)\"")
    }
    guard let shape = nonNegativeIntegers(fields["shape"]) else {
      throw fail("\(tensor) has no \"shape\" list of non-negative integers")
    }
    guard let offsets = nonNegativeIntegers(fields["data_offsets"]), offsets.count == 2 else {
      throw fail("\(tensor) has no \"data_offsets\" pair of non-negative integers")
    }
    let (begin, end) = (offsets[0], offsets[1])
    guard begin <= end else { throw fail("\(tensor) has data_offsets [\(begin), \(end)] with begin after end") }
    guard end <= dataSectionSize else {
      throw fail("\(tensor) has data_offsets [\(begin), \(end)] beyond the \(dataSectionSize)-byte data section")
    }
    var byteCount = dtype.byteSize
    for dimension in shape {
      let (product, overflow) = byteCount.multipliedReportingOverflow(by: dimension)
      guard !overflow else { throw fail("\(tensor) has shape \(shape), too large to address") }
      byteCount = product
    }
    guard byteCount == end - begin else {
      throw fail(
        "\(tensor) has shape \(shape) of \(dtype.rawValue) (\(byteCount) bytes) but data_offsets [\(begin), \(end)] hold \(end - begin) bytes"
      )
    }
    return SafeTensorsFile.Entry(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
  }

  /// `value` as a list of integers ≥ 0, or nil if it is anything else (fractions, negatives, > Int.max, strings).
  private static func nonNegativeIntegers(_ value: Any?) -> [Int]? {
    guard let list = value as? [Any] else { return nil }
    var integers: [Int] = []
    for element in list {
      guard let integer = element as? Int, integer >= 0 else { return nil }
      integers.append(integer)
    }
    return integers
  }

  /// The format requires the tensors to tile the data section: each starts where the previous ended.
  private static func checkTiling(
    _ entries: [SafeTensorsFile.Entry], dataSectionSize: Int, fail: (String) -> SafeTensorsError
  ) throws {
    var covered = 0
    var previous: SafeTensorsFile.Entry?
    for entry in entries {
      let range = entry.byteRange
      if range.lowerBound < covered, let previous {
        let earlier = "\"\(previous.name)\" [\(previous.byteRange.lowerBound), \(previous.byteRange.upperBound)]"
        throw fail("tensors \(earlier) and \"\(entry.name)\" [\(range.lowerBound), \(range.upperBound)] overlap")
      }
      if range.lowerBound > covered {
        throw fail(
          "data section bytes [\(covered), \(range.lowerBound)) belong to no tensor (a hole before \"\(entry.name)\")")
      }
      covered = range.upperBound
      previous = entry
    }
    if covered != dataSectionSize {
      throw fail(
        "data section bytes [\(covered), \(dataSectionSize)) come after the last tensor and belong to no tensor")
    }
  }
}
