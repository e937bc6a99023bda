import Foundation
import XCTest

@testable import RNNEngine

final class SafeTensorsReadTests: XCTestCase {
  /// Every fixture lists exactly the keys and shapes of expected.json, with F32 or BF16 as stated.
  func testFixtureKeysAndShapesMatchExpected() throws {
    for (model, expected) in try SafeTensorsTestSupport.expectations() {
      let file = try SafeTensorsFile(
        contentsOf: SafeTensorsTestSupport.fixtureURL(try XCTUnwrap(expected["file"] as? String)))
      let keys = try XCTUnwrap(expected["keys"] as? [String: [Int]])
      XCTAssertEqual(Set(file.names), Set(keys.keys), model)
      let dtype: SafeTensorsDType = expected["dtype"] as? String == "bfloat16" ? .bf16 : .f32
      for (key, shape) in keys {
        let entry = try XCTUnwrap(file.entry(named: key), "\(model): \(key)")
        XCTAssertEqual(entry.shape, shape, "\(model): \(key)")
        XCTAssertEqual(entry.dtype, dtype, "\(model): \(key)")
        XCTAssertEqual(try file.floats(key).count, shape.reduce(1, *), "\(model): \(key)")
      }
      XCTAssertEqual(file.metadata, ["format": "pt"], model)
    }
  }

  /// The bf16 file holds the f32 file's weights rounded to bfloat16 (round to nearest even).
  func testBFloat16FixtureIsTheFloat32FixtureRounded() throws {
    let full = try SafeTensorsFile(contentsOf: SafeTensorsTestSupport.fixtureURL("lstm_embed_2layer.safetensors"))
    let half = try SafeTensorsFile(contentsOf: SafeTensorsTestSupport.fixtureURL("lstm_embed_2layer_bf16.safetensors"))
    var compared = 0
    for name in full.names {
      let exact = try full.floats(name)
      let rounded = try half.floats(name)
      XCTAssertEqual(exact.count, rounded.count, name)
      for (value, bf16) in zip(exact, rounded) {
        // Round-to-nearest-even on the low 16 bits, computed here independently of the reader.
        let bits = value.bitPattern
        let expected = Float(bitPattern: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) & 0xFFFF_0000)
        XCTAssertEqual(bf16, expected, "\(name): \(value)")
        XCTAssertLessThanOrEqual(abs(bf16 - value), abs(value) * 0x1p-8, "\(name): \(value)")
        compared += 1
      }
    }
    XCTAssertGreaterThan(compared, 300)
  }

  /// Known IEEE half bit patterns decode to their values.
  func testHalfFloatDecoding() {
    XCTAssertEqual(SafeTensorsFile.halfToFloat(0x3C00), 1.0)
    XCTAssertEqual(SafeTensorsFile.halfToFloat(0xC000), -2.0)
    XCTAssertEqual(SafeTensorsFile.halfToFloat(0x7BFF), 65504.0)
    XCTAssertEqual(SafeTensorsFile.halfToFloat(0x3555), 0.333251953125)
    XCTAssertEqual(SafeTensorsFile.halfToFloat(0x0001), 5.960464477539063e-8)
    XCTAssertEqual(SafeTensorsFile.halfToFloat(0x03FF), 6.097555160522461e-5)  // largest subnormal
    XCTAssertEqual(SafeTensorsFile.halfToFloat(0x0400), 6.103515625e-5)  // smallest normal
    XCTAssertEqual(SafeTensorsFile.halfToFloat(0x8000).bitPattern, (-0.0 as Float).bitPattern)
    XCTAssertEqual(SafeTensorsFile.halfToFloat(0x7C00), .infinity)
    XCTAssertEqual(SafeTensorsFile.halfToFloat(0xFC00), -.infinity)
    XCTAssertTrue(SafeTensorsFile.halfToFloat(0x7E00).isNaN)
    XCTAssertTrue(SafeTensorsFile.halfToFloat(0x7C01).isNaN)
  }

  /// F16, BF16 and F64 tensors are converted through `floats`; I64 is refused as Float but read as Int64.
  func testDTypeConversions() throws {
    let f16: [UInt8] = [0x00, 0x3C, 0x00, 0xC0]  // 1, -2
    let bf16: [UInt8] = [0x80, 0x3F, 0x40, 0xC0]  // 1, -3
    var f64: [UInt8] = []
    for value in [0.1, -1e300] { withUnsafeBytes(of: value.bitPattern.littleEndian) { f64.append(contentsOf: $0) } }
    var i64: [UInt8] = []
    withUnsafeBytes(of: Int64(-5).littleEndian) { i64.append(contentsOf: $0) }
    let header = """
      {"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[4,8]},\
      "d":{"dtype":"F64","shape":[2],"data_offsets":[8,24]},"n":{"dtype":"I64","shape":[1],"data_offsets":[24,32]}}
      """
    let file = try SafeTensorsFile(
      bytes: SafeTensorsTestSupport.rawFile(header: header, data: f16 + bf16 + f64 + i64), fileName: "mixed.safetensors"
    )
    XCTAssertEqual(try file.floats("h"), [1, -2])
    XCTAssertEqual(try file.floats("b"), [1, -3])
    XCTAssertEqual(try file.floats("d"), [Float(0.1), -.infinity])
    XCTAssertEqual(try file.int64s("n"), [-5])
    XCTAssertThrowsError(try file.floats("n")) { error in
      XCTAssertEqual(
        "\(error)",
        "mixed.safetensors: tensor \"n\" has dtype I64, which cannot be read as Float32 (only F32, F16, BF16 and F64 can)"
      )
    }
    XCTAssertThrowsError(try file.floats("missing")) { error in
      XCTAssertTrue("\(error)".contains("no tensor named \"missing\""), "\(error)")
    }
  }
}
