import Foundation
import XCTest

@testable import RNNEngine

/// Compares the bidirectional stack and the encoder–decoder with PyTorch float64 golden vectors
/// (files with `"kind": "bidirectional"` or `"seq2seq"` in the parity folder).
final class Seq2SeqParityTests: XCTestCase {
  private static let tolerance: Float = 1e-5

  func testEveryBidirectionalAndSeq2SeqCaseMatchesPyTorch() throws {
    var kinds: [String: Int] = [:]
    for file in try ParityTests.caseFiles() {
      let json = try XCTUnwrap(
        JSONSerialization.jsonObject(with: try Data(contentsOf: file)) as? [String: Any], file.lastPathComponent)
      let name = file.deletingPathExtension().lastPathComponent
      switch json["kind"] as? String {
      case "bidirectional":
        try checkBidirectional(json, name: name)
        kinds["bidirectional", default: 0] += 1
      case "seq2seq":
        try checkSeq2Seq(json, name: name)
        kinds["seq2seq", default: 0] += 1
      default: continue
      }
    }
    if ProcessInfo.processInfo.environment["RNNSCOPE_PARITY_DIR"] == nil {
      XCTAssertEqual(kinds, ["bidirectional": 2, "seq2seq": 3], "the repo's fixtures hold five such cases")
    }
  }

  /// Compares `actual` with `json[field]` (or a given expected array) element by element.
  private func expect(
    _ actual: [Float], _ expected: Any?, _ label: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let expected = try flatten(expected, field: label)
    XCTAssertEqual(actual.count, expected.count, "\(label): element count", file: file, line: line)
    let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? .infinity
    XCTAssertLessThanOrEqual(worst, Self.tolerance, "\(label): max |Δ| = \(worst)", file: file, line: line)
    worstError = max(worstError, worst)
  }

  private var worstError: Float = 0

  // MARK: Bidirectional tagger

  private func checkBidirectional(_ json: [String: Any], name: String) throws {
    worstError = 0
    let sizes = try XCTUnwrap(json["sizes"] as? [String: Int])
    let (i, h, l, t, b, classes) = (
      sizes["input"]!, sizes["hidden"]!, sizes["layers"]!, sizes["seq"]!, sizes["batch"]!, sizes["classes"]!
    )
    let cell = try XCTUnwrap(CellType(rawValue: try XCTUnwrap(json["cell"] as? String)))
    var table = ParameterTable()
    let stack = RecurrentStack(
      cell: cell, inputWidth: i, hidden: h, layers: l, bidirectional: true, prefix: "", table: &table)
    var parameters = [Float](repeating: 0, count: table.count)
    let params = try XCTUnwrap(json["params"] as? [String: Any])
    for entry in table.entries {
      let values = try flatten(params[entry.name], field: entry.name)
      XCTAssertEqual(values.count, entry.count, "\(name) \(entry.name)")
      parameters.replaceSubrange(entry.offset..<(entry.offset + entry.count), with: values)
    }
    let outWeight = try flatten(params["out.weight"], field: "out.weight")  // (C, 2H)
    let outBias = try flatten(params["out.bias"], field: "out.bias")
    let input = try flatten(json["inputs"], field: "inputs").timeMajor(b, t, i)
    let targets = try flatten(json["targets"], field: "targets").map { Int($0) }  // (B, T)
    let record = stack.forward(parameters: parameters, input: input, lengths: [Int](repeating: t, count: b), length: t)
    let y = record.top.values  // (T, B, 2H)
    let w = 2 * h
    // Head and loss, plainly: logits = y Wᵀ + b, mean cross-entropy over all B·T positions.
    var logits = [Float](repeating: 0, count: t * b * classes)
    var dLogits = logits
    var loss = 0.0
    for row in 0..<(t * b) {
      for k in 0..<classes {
        logits[row * classes + k] = outBias[k] + (0..<w).reduce(0) { $0 + y[row * w + $1] * outWeight[k * w + $1] }
      }
      let target = targets[(row % b) * t + row / b]
      let maximum = logits[(row * classes)..<((row + 1) * classes)].max()!
      let exps = (0..<classes).map { exp(Double(logits[row * classes + $0] - maximum)) }
      let total = exps.reduce(0, +)
      loss += log(total) - Double(logits[row * classes + target] - maximum)
      for k in 0..<classes {
        dLogits[row * classes + k] = Float((exps[k] / total - (k == target ? 1 : 0)) / Double(t * b))
      }
    }
    loss /= Double(t * b)
    var dY = [Float](repeating: 0, count: t * b * w)
    var dOutWeight = [Float](repeating: 0, count: classes * w)
    var dOutBias = [Float](repeating: 0, count: classes)
    for row in 0..<(t * b) {
      for k in 0..<classes {
        let g = dLogits[row * classes + k]
        dOutBias[k] += g
        for j in 0..<w {
          dY[row * w + j] += g * outWeight[k * w + j]
          dOutWeight[k * w + j] += g * y[row * w + j]
        }
      }
    }
    var gradients = [Float](repeating: 0, count: table.count)
    let dInput = parameters.withUnsafeBufferPointer { p in
      gradients.withUnsafeMutableBufferPointer { g in
        stack.backward(
          parameters: p.baseAddress!, gradients: g.baseAddress!, record: record, input: input, dOutput: dY,
          dFinalH: nil,
          dFinalC: nil)
      }
    }
    XCTAssertEqual(loss, try XCTUnwrap(json["loss"] as? Double), accuracy: 1e-5, "\(name) loss")
    try expect(logits.batchFirst(b, t, classes), json["logits"], "\(name) logits")
    try expect(dInput.values.batchFirst(b, t, i), json["grad_inputs"], "\(name) grad_inputs")
    for layer in 0..<l {
      for direction in 0..<2 {
        let index = layer * 2 + direction
        let states = (0..<t).flatMap { position in
          let slot = RecurrentStack.slots(position, forward: direction == 0).state
          return record.h[index].values[(slot * b * h)..<((slot + 1) * b * h)]
        }
        let field = "h_l\(layer)" + (direction == 1 ? "_reverse" : "")
        try expect(Array(states).batchFirst(b, t, h), json[field], "\(name) \(field)")
      }
    }
    let finals = (0..<(l * 2)).flatMap { stack.finalState(record.h[$0], index: $0, record: record).array(b * h) }
    try expect(finals, json["h_n"], "\(name) h_n")
    if cell == .lstm {
      let cells = (0..<(l * 2)).flatMap { stack.finalState(record.c[$0], index: $0, record: record).array(b * h) }
      try expect(cells, json["c_n"], "\(name) c_n")
    }
    let grads = try XCTUnwrap(json["grads"] as? [String: Any])
    for entry in table.entries {
      try expect(
        Array(gradients[entry.offset..<(entry.offset + entry.count)]), grads[entry.name], "\(name) grads.\(entry.name)")
    }
    try expect(dOutWeight, grads["out.weight"], "\(name) grads.out.weight")
    try expect(dOutBias, grads["out.bias"], "\(name) grads.out.bias")
    XCTAssertEqual(grads.count, table.entries.count + 2, "\(name): every gradient compared")
    print("parity \(name): max |Δ| = \(worstError)")
  }

  // MARK: Encoder–decoder

  private func checkSeq2Seq(_ json: [String: Any], name: String) throws {
    worstError = 0
    let model = try Self.model(json, name: name)
    let batch = try Self.batch(json)
    let (s, t, b, d) = (batch.sourceLength, batch.targetLength, batch.batchSize, model.config.decoderHidden)
    let record = model.forward(batch)
    model.backward(record)
    XCTAssertEqual(record.loss, try XCTUnwrap(json["loss"] as? Double), accuracy: 1e-5, "\(name) loss")
    try expect(record.logits.values.batchFirst(b, t, model.config.targetVocabulary), json["logits"], "\(name) logits")
    try expect(record.encoder.top.values.batchFirst(b, s, d), json["enc_out"], "\(name) enc_out")
    let top = record.decoderH[model.config.layers - 1].values
    try expect(Array(top[(b * d)...]).batchFirst(b, t, d), json["dec_h"], "\(name) dec_h")
    try expect(record.context.values.batchFirst(b, t, d), json["context"], "\(name) context")
    try expect(record.alpha.values.batchFirst(b, t, s), json["attention_weights"], "\(name) attention_weights")
    let stack = model.encoder
    let count = model.config.layers * stack.directions
    let h = model.config.hidden
    try expect(
      (0..<count).flatMap { stack.finalState(record.encoder.h[$0], index: $0, record: record.encoder).array(b * h) },
      json["enc_h_n"], "\(name) enc_h_n")
    if model.config.cell == .lstm {
      try expect(
        (0..<count).flatMap { stack.finalState(record.encoder.c[$0], index: $0, record: record.encoder).array(b * h) },
        json["enc_c_n"], "\(name) enc_c_n")
    }
    let grads = try XCTUnwrap(json["grads"] as? [String: Any])
    XCTAssertEqual(Set(grads.keys), Set(model.table.entries.map(\.name)), "\(name): same parameters as PyTorch")
    for entry in model.table.entries {
      try expect(try XCTUnwrap(model.gradient(named: entry.name)), grads[entry.name], "\(name) grads.\(entry.name)")
    }
    print("parity \(name): max |Δ| = \(worstError)")
  }

  /// The case's model with PyTorch's weights loaded.
  static func model(_ json: [String: Any], name: String) throws -> Seq2SeqModel {
    let sizes = try XCTUnwrap(json["sizes"] as? [String: Int])
    let config = Seq2SeqConfig(
      cell: try XCTUnwrap(CellType(rawValue: try XCTUnwrap(json["cell"] as? String))),
      sourceVocabulary: sizes["src_vocab"]!, targetVocabulary: sizes["tgt_vocab"]!, embedding: sizes["embedding"]!,
      hidden: sizes["hidden"]!, layers: sizes["layers"]!,
      bidirectional: try XCTUnwrap(json["bidirectional_encoder"] as? Bool),
      attention: try XCTUnwrap(AttentionKind(rawValue: try XCTUnwrap(json["attention"] as? String))))
    let model = Seq2SeqModel(config: config)
    let params = try XCTUnwrap(json["params"] as? [String: Any])
    XCTAssertEqual(Set(params.keys), Set(model.table.entries.map(\.name)), "\(name): parameter names")
    for (key, value) in params {
      XCTAssertTrue(model.setParameter(named: key, to: try flatten(value, field: key)), "\(name): cannot load \(key)")
    }
    return model
  }

  /// The case's batch.
  static func batch(_ json: [String: Any]) throws -> Seq2SeqBatch {
    func ids(_ field: String) throws -> [Int32] { try flatten(json[field], field: field).map { Int32($0) } }
    return Seq2SeqBatch(
      source: try ids("src"), sourceLengths: try ids("src_lengths").map { Int($0) }, targetIn: try ids("tgt_in"),
      targetOut: try ids("tgt_out"))
  }
}

extension Array where Element == Float {
  /// Batch-first `(B, T, W)` to time-major `(T, B, W)`.
  func timeMajor(_ batchSize: Int, _ length: Int, _ width: Int) -> [Float] {
    var result = [Float](repeating: 0, count: count)
    for b in 0..<batchSize {
      for t in 0..<length {
        for j in 0..<width { result[(t * batchSize + b) * width + j] = self[(b * length + t) * width + j] }
      }
    }
    return result
  }
}

extension UnsafeMutablePointer where Pointee == Float {
  /// The first `count` elements as an array.
  func array(_ count: Int) -> [Float] { Array(UnsafeBufferPointer(start: self, count: count)) }
}
