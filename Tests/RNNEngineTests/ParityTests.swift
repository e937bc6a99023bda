import Foundation
import XCTest

@testable import RNNEngine

/// Compares forward values and every gradient with PyTorch float64 golden vectors.
final class ParityTests: XCTestCase {
  /// Fields that describe a case rather than hold a value to compare.
  private static let metadataFields: Set<String> = [
    "case", "cell", "num_layers", "sizes", "seed", "input_kind", "weight_init", "dtype", "layout",
    "gate_order", "shapes", "float32_reference", "self_checks_max_abs_diff", "name", "kind", "generator",
  ]
  /// Fields that are the case's inputs (used to build and run the model).
  private static let inputFields: Set<String> = ["params", "inputs", "targets"]
  private static let tolerance: Float = 1e-5

  func testEveryParityCaseMatchesPyTorch() throws {
    let files = try Self.caseFiles()
    XCTAssertFalse(files.isEmpty, "no parity cases found")
    for file in files {
      let data = try Data(contentsOf: file)
      let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], file.lastPathComponent)
      if json["kind"] as? String == "seq2seq" { continue }  // the encoder-decoder's cases, not a RecurrentModel's
      let parityCase = try ParityCase(json: json, name: file.deletingPathExtension().lastPathComponent)
      try check(parityCase, encoding: .dense(features: parityCase.inputWidth), json: json)
      if parityCase.name.hasSuffix("onehot") {
        try check(parityCase, encoding: .oneHot(vocab: parityCase.inputWidth), json: json)
      }
    }
  }

  /// Runs one case through the engine and compares every field it knows.
  private func check(_ parityCase: ParityCase, encoding: InputEncoding, json: [String: Any]) throws {
    let label = "\(parityCase.name) [\(encoding)]"
    let model = try parityCase.makeModel(input: encoding)
    let batch = try parityCase.batch(for: encoding)
    let record = model.forward(batch)
    let backward = model.backward(record)
    let b = parityCase.batchSize
    let t = parityCase.length
    let h = parityCase.hidden
    let directions = model.config.directions
    // Recurrence `parsed`'s per-step buffer (T(+1), B, H) from `first`, by input position, batch-first.
    func positions(_ values: [Float], _ parsed: FieldName, first: Int = 0) throws -> [Float] {
      let inOrder =
        parsed.reverse
        ? LayerInput.reversed(values, offset: first, length: t, stepSize: b * h) : Array(values[first...])
      return inOrder.batchFirst(b, t, h)
    }

    var checked = 0
    func expect(_ actual: [Float], _ field: String, file: StaticString = #filePath, line: UInt = #line) throws {
      let expected = try flatten(json[field], field: field)
      XCTAssertEqual(actual.count, expected.count, "\(label) \(field): element count", file: file, line: line)
      let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? .infinity
      XCTAssertLessThanOrEqual(worst, Self.tolerance, "\(label) \(field): max |Δ| = \(worst)", file: file, line: line)
      checked += 1
    }

    for field in json.keys.sorted() {
      if Self.metadataFields.contains(field) || Self.inputFields.contains(field) { continue }
      let parsed = FieldName(field)
      switch parsed.base {
      case "loss":
        XCTAssertEqual(Double(record.loss), try XCTUnwrap(json[field] as? Double), accuracy: 1e-5, "\(label) loss")
        checked += 1
      case "logits": try expect(record.logits.batchFirst(b, t, record.config.outputs), field)
      case "grad_logits": try expect(backward.dLogits.batchFirst(b, t, record.config.outputs), field)
      case "grad_y": try expect(backward.dTopOutputs.batchFirst(b, t, directions * h), field)
      case "h0": try expect(record.layers.flatMap { Array($0.h[0..<(b * h)]) }, field)
      case "c0": try expect(record.layers.flatMap { Array($0.c[0..<(b * h)]) }, field)
      case "h_n": try expect(record.finalState.h.flatMap { $0 }, field)
      case "c_n": try expect(record.finalState.c.flatMap { $0 }, field)
      case "h": try expect(positions(record.layers[try parsed.recurrence(directions)].h, parsed, first: b * h), field)
      case "c": try expect(positions(record.layers[try parsed.recurrence(directions)].c, parsed, first: b * h), field)
      case "gru_hn_pre": try expect(record.layers[try parsed.layer()].hnPre.batchFirst(b, t, h), field)
      case "grad_h_total": try expect(backward.dhTotal[try parsed.layer()].batchFirst(b, t, h), field)
      case "grad_c_total": try expect(backward.dcTotal[try parsed.layer()].batchFirst(b, t, h), field)
      case "grad_inputs":
        if case .oneHot = encoding { continue }  // one-hot inputs have no input gradient
        try expect(backward.dInputs, field)
      case "grads":
        let grads = try XCTUnwrap(json[field] as? [String: Any], "\(label) grads")
        for (name, value) in grads {
          let engineName = ParityCase.engineName(name)
          let actual = try XCTUnwrap(model.gradient(named: engineName), "\(label) no gradient \(engineName)")
          let expected = try flatten(value, field: name)
          let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? .infinity
          XCTAssertEqual(actual.count, expected.count, "\(label) grads.\(name) count")
          XCTAssertLessThanOrEqual(worst, Self.tolerance, "\(label) grads.\(name): max |Δ| = \(worst)")
          checked += 1
        }
      default:
        if let gate = parsed.gateName {
          let names = record.config.cell.gateNames
          let block = try XCTUnwrap(names.firstIndex(of: gate), "\(label): unknown gate \(gate)")
          let gates = record.layers[try parsed.layer()].gates
          let blockValues = stride(from: 0, to: gates.count, by: names.count * h).flatMap {
            gates[($0 + block * h)..<($0 + (block + 1) * h)]
          }
          try expect(blockValues.batchFirst(b, t, h), field)
        } else {
          XCTFail("\(label): parity field '\(field)' is not known to the test; add a check for it")
        }
      }
    }
    XCTAssertGreaterThan(checked, 10, "\(label): too few fields compared")
  }

  /// The parity folder's JSON files: `RNNSCOPE_PARITY_DIR`, or the repo's fixtures.
  static func caseFiles() throws -> [URL] {
    let directory: URL
    if let path = ProcessInfo.processInfo.environment["RNNSCOPE_PARITY_DIR"] {
      directory = URL(fileURLWithPath: path)
    } else {
      directory = try XCTUnwrap(Bundle.module.resourceURL).appendingPathComponent("Fixtures/parity")
    }
    return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "json" }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
  }
}

/// A parity field name split into its base, gate, layer and direction: `gate_f_l0` → base
/// `gate_f`, gate `f`, layer 0; `h_l1_reverse` → base `h`, layer 1, the reverse direction.
private struct FieldName {
  var base: String
  var layerIndex: Int?
  var gateName: String?
  var reverse = false

  init(_ field: String) {
    base = field
    if field.hasSuffix("_reverse") {
      reverse = true
      base = String(field.dropLast("_reverse".count))
    }
    let field = base
    if let range = field.range(of: "_l", options: .backwards), let layer = Int(field[range.upperBound...]) {
      base = String(field[..<range.lowerBound])
      layerIndex = layer
    }
    if base.hasPrefix("gate_") { gateName = String(base.dropFirst("gate_".count)) }
  }

  func layer() throws -> Int { try XCTUnwrap(layerIndex, "field \(base) has no layer suffix") }

  /// The engine's recurrence of this field's layer and direction in a model of `directions` directions.
  func recurrence(_ directions: Int) throws -> Int { try layer() * directions + (reverse ? 1 : 0) }
}

/// One golden case, parsed.
private struct ParityCase {
  var name: String
  var cell: CellType
  var layers: Int
  var inputWidth: Int
  var hidden: Int
  var classes: Int
  var bidirectional: Bool
  var batchSize: Int
  var length: Int
  var params: [String: [Float]]
  var inputs: [Float]  // (B, T, I)
  var targets: [Int32]  // (B, T)

  init(json: [String: Any], name: String) throws {
    self.name = name
    cell = try XCTUnwrap(CellType(rawValue: try XCTUnwrap(json["cell"] as? String)), "\(name): unknown cell")
    let rawParams = try XCTUnwrap(json["params"] as? [String: Any])
    params = try rawParams.mapValues { try flatten($0, field: name) }
    layers =
      rawParams.keys.compactMap { key in
        key.range(of: "_l", options: .backwards).flatMap { Int(key[$0.upperBound...]) }
      }.max().map { $0 + 1 } ?? 0
    let sizes = try XCTUnwrap(json["sizes"] as? [String: Int])
    inputWidth = try XCTUnwrap(sizes["input"])
    hidden = try XCTUnwrap(sizes["hidden"])
    classes = try XCTUnwrap(sizes["classes"])
    bidirectional = json["kind"] as? String == "bidirectional"
    batchSize = try XCTUnwrap(sizes["batch"])
    length = try XCTUnwrap(sizes["seq"])
    inputs = try flatten(json["inputs"], field: "inputs")
    targets = try flatten(json["targets"], field: "targets").map { Int32($0) }
  }

  static func engineName(_ name: String) -> String {
    name.hasPrefix("out.") ? "head." + name.dropFirst("out.".count) : "rnn." + name
  }

  func makeModel(input: InputEncoding) throws -> RecurrentModel {
    let config = ModelConfig(
      cell: cell, input: input, hidden: hidden, layers: layers, outputs: classes, bidirectional: bidirectional)
    let model = RecurrentModel(config: config)
    for (key, values) in params {
      XCTAssertTrue(model.setParameter(named: Self.engineName(key), to: values), "\(name): cannot load \(key)")
    }
    return model
  }

  func batch(for encoding: InputEncoding) throws -> Batch {
    guard case .oneHot = encoding else {
      return Batch(batchSize: batchSize, length: length, features: inputs, targets: .everyStep(targets))
    }
    let tokens = try stride(from: 0, to: inputs.count, by: inputWidth).map { start -> Int32 in
      let row = inputs[start..<(start + inputWidth)]
      XCTAssertEqual(row.reduce(0, +), 1, "\(name): input is not one-hot")
      return Int32(try XCTUnwrap(row.firstIndex(of: 1)) - start)
    }
    return Batch(batchSize: batchSize, length: length, tokens: tokens, targets: .everyStep(targets))
  }
}

/// Flattens nested JSON arrays of numbers (or one number) into row-major Floats.
func flatten(_ value: Any?, field: String) throws -> [Float] {
  switch value {
  case let number as NSNumber: return [number.floatValue]
  case let array as [Any]: return try array.flatMap { try flatten($0, field: field) }
  default: throw ParityError.notNumeric(field)
  }
}

private enum ParityError: Error { case notNumeric(String) }

extension Array where Element == Float {
  /// Time-major `(T, B, W)` to batch-first `(B, T, W)`.
  func batchFirst(_ batchSize: Int, _ length: Int, _ width: Int) -> [Float] {
    var result = [Float](repeating: 0, count: count)
    for t in 0..<length {
      for b in 0..<batchSize {
        for j in 0..<width { result[(b * length + t) * width + j] = self[(t * batchSize + b) * width + j] }
      }
    }
    return result
  }
}
