import Foundation

extension SafeTensorsFile {
  /// The tensor called `name` widened or rounded to Float32 (F32, F16, BF16 and F64 only).
  public func floats(_ name: String) throws -> [Float] {
    let entry = try requireEntry(name)
    guard let decode = Self.floatDecoder(for: entry.dtype) else {
      throw unreadable(entry, as: "Float32 (only F32, F16, BF16 and F64 can)")
    }
    let start = dataStart + entry.byteRange.lowerBound
    let stride = entry.dtype.byteSize
    return bytes.withUnsafeBytes { raw in
      (0..<entry.elementCount).map { decode(raw, start + stride * $0) }
    }
  }

  /// The I64 tensor called `name` (e.g. step counters or random-generator state in a checkpoint).
  public func int64s(_ name: String) throws -> [Int64] {
    let entry = try requireEntry(name)
    guard entry.dtype == .i64 else { throw unreadable(entry, as: "Int64 (only I64 can)") }
    let start = dataStart + entry.byteRange.lowerBound
    return bytes.withUnsafeBytes { raw in
      (0..<entry.elementCount).map {
        Int64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * $0, as: Int64.self))
      }
    }
  }

  /// Reads one little-endian element of `dtype` at a byte offset as Float32, or nil for non-float types.
  private static func floatDecoder(for dtype: SafeTensorsDType) -> ((UnsafeRawBufferPointer, Int) -> Float)? {
    switch dtype {
    case .f32:
      { raw, offset in
        Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
      }
    case .f16:
      { raw, offset in halfToFloat(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))) }
    case .bf16:
      // bfloat16 is the top half of a Float32, so widening is a shift.
      { raw, offset in
        Float(
          bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))) << 16)
      }
    case .f64:
      { raw, offset in
        Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
      }
    default:
      nil
    }
  }

  /// IEEE 754 binary16 to Float32, exactly (every half is a float), including subnormals, infinities and NaN.
  static func halfToFloat(_ bits: UInt16) -> Float {
    let sign = UInt32(bits & 0x8000) << 16
    let exponent = UInt32(bits >> 10) & 0x1F
    let mantissa = UInt32(bits & 0x03FF)
    switch exponent {
    case 0:
      // Zero or subnormal: mantissa * 2^-24, exact in Float32.
      let magnitude = Float(mantissa) * 0x1p-24
      return sign == 0 ? magnitude : -magnitude
    case 0x1F:
      // Infinity or NaN; the NaN payload moves to the top mantissa bits.
      return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
    default:
      // Normal: re-bias the exponent from 15 to 127.
      return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
    }
  }

  private func requireEntry(_ name: String) throws -> Entry {
    guard let entry = entry(named: name) else {
      let listed = names.prefix(20).map { "\"\($0)\"" }.joined(separator: ", ")
      let more = names.count > 20 ? ", ... (\(names.count) in all)" : ""
      throw SafeTensorsError(file: fileName, problem: "no tensor named \"\(name)\" (the file has \(listed)\(more))")
    }
    return entry
  }

  private func unreadable(_ entry: Entry, as target: String) -> SafeTensorsError {
    SafeTensorsError(
      file: fileName,
      problem: "tensor \"\(entry.name)\" has dtype \(entry.dtype.rawValue), which cannot be read as \(target)")
  }
}
