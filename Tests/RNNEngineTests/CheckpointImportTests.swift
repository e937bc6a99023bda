import Foundation
import XCTest

@testable import RNNEngine

final class CheckpointImportTests: XCTestCase {
  // MARK: Fixtures from PyTorch

  /// Cell, sizes, input kind and prefixes are inferred as expected.json records them, and every canonical
  /// tensor carries the values of the PyTorch key it came from.
  func testFixturesAreRecognisedAsExpected() throws {
    for (model, expected) in try SafeTensorsTestSupport.expectations() {
      let file = try SafeTensorsFile(
        contentsOf: SafeTensorsTestSupport.fixtureURL(try XCTUnwrap(expected["file"] as? String)))
      let imported = try ImportedRecurrentModel(file: file)
      let prefixes = try XCTUnwrap(expected["prefixes"] as? [String: Any])
      let layers = try XCTUnwrap(expected["layers"] as? Int)
      let hidden = try XCTUnwrap(expected["hidden"] as? Int)
      let vocab = try XCTUnwrap(expected["vocab"] as? Int)
      XCTAssertEqual(imported.cell.rawValue, expected["cell"] as? String, model)
      XCTAssertEqual(imported.layers, layers, model)
      let bidirectional = expected["bidirectional"] as? Bool ?? false
      XCTAssertEqual(imported.bidirectional, bidirectional, model)
      XCTAssertEqual(imported.hidden, hidden, model)
      XCTAssertEqual(imported.outputs, vocab, model)
      if let dimension = expected["embedding"] as? Int {
        XCTAssertEqual(imported.input, .embedding(vocabulary: vocab, dimension: dimension), model)
      } else {
        XCTAssertEqual(imported.input, .oneHot(vocabulary: vocab), model)
      }
      XCTAssertEqual(imported.recurrentPrefix, prefixes["recurrent"] as? String, model)
      XCTAssertEqual(imported.embeddingPrefix, prefixes["embedding"] as? String, model)
      XCTAssertEqual(imported.outputPrefix, prefixes["output"] as? String, model)
      XCTAssertEqual(imported.unusedKeys, [], model)
      XCTAssertFalse(imported.biasesWereMissing, model)

      // Canonical order and names, each with its source tensor's shape and values.
      let recurrent = try XCTUnwrap(prefixes["recurrent"] as? String)
      let output = try XCTUnwrap(prefixes["output"] as? String)
      var sources: [(canonical: String, key: String)] = []
      if let embedding = prefixes["embedding"] as? String {
        sources.append(("embedding.weight", "\(embedding).weight"))
      }
      for layer in 0..<layers {
        for suffix in bidirectional ? ["", "_reverse"] : [""] {
          for role in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] {
            sources.append(("rnn.\(role)_l\(layer)\(suffix)", "\(recurrent).\(role)_l\(layer)\(suffix)"))
          }
        }
      }
      sources += [("head.weight", "\(output).weight"), ("head.bias", "\(output).bias")]
      XCTAssertEqual(imported.tensors.map(\.name), sources.map(\.canonical), model)
      let keys = try XCTUnwrap(expected["keys"] as? [String: [Int]])
      for (tensor, source) in zip(imported.tensors, sources) {
        XCTAssertEqual(tensor.shape, keys[source.key], "\(model): \(source.key)")
        XCTAssertEqual(tensor.values, try file.floats(source.key), "\(model): \(source.key)")
      }
    }
  }

  func testInspectListsEveryTensorAndTheModel() throws {
    let file = try SafeTensorsFile(contentsOf: SafeTensorsTestSupport.fixtureURL("lstm_embed_2layer_bf16.safetensors"))
    let text = ImportedRecurrentModel.inspect(file)
    let lines = text.split(separator: "\n").map(String.init)
    for entry in file.entries {
      XCTAssertTrue(
        lines.contains { $0.contains(entry.name + " ") && $0.contains("BF16") && $0.contains("\(entry.shape)") },
        "no line for \(entry.name) in\n\(text)")
    }
    XCTAssertTrue(text.contains("metadata format = pt"), text)
    XCTAssertTrue(text.contains("model: lstm, 2 layers, hidden 24, 256 outputs"), text)
    XCTAssertTrue(text.contains("input: embedding 256 x 8 from \"encoder\""), text)
  }

  // MARK: Synthetic state dicts

  private func gruLayer(_ prefix: String, input: Int = 5, hidden: Int = 2) -> [(String, [Int])] {
    [
      ("\(prefix)weight_ih_l0", [3 * hidden, input]), ("\(prefix)weight_hh_l0", [3 * hidden, hidden]),
      ("\(prefix)bias_ih_l0", [3 * hidden]), ("\(prefix)bias_hh_l0", [3 * hidden]),
    ]
  }

  /// A file with tensors of the given shapes, each filled with 0, 1, 2, ... (so values can be traced).
  private func file(_ pairs: [(String, [Int])]) throws -> SafeTensorsFile {
    var writer = SafeTensorsWriter()
    for (name, shape) in pairs { writer.add(name, shape: shape, values: (0..<shape.reduce(1, *)).map(Float.init)) }
    return try SafeTensorsFile(bytes: writer.encoded(), fileName: "synthetic.safetensors")
  }

  private func assertImportFails(
    _ file: SafeTensorsFile, options: ImportedRecurrentModel.Options = .init(), _ fragments: [String],
    line: UInt = #line
  ) {
    XCTAssertThrowsError(try ImportedRecurrentModel(file: file, options: options), line: line) { error in
      let text = "\(error)"
      XCTAssertTrue(text.hasPrefix("synthetic.safetensors: "), text, line: line)
      for fragment in fragments {
        XCTAssertTrue(text.contains(fragment), "\"\(text)\" lacks \"\(fragment)\"", line: line)
      }
    }
  }

  func testNestedPrefixOneHotInputAndHeadFoundByShape() throws {
    let imported = try ImportedRecurrentModel(
      file: file(
        gruLayer("model.encoder.rnn.") + [("model.out.weight", [5, 2]), ("model.out.bias", [5]), ("step", [1])]))
    XCTAssertEqual(imported.cell, .gru)
    XCTAssertEqual(imported.recurrentPrefix, "model.encoder.rnn")
    XCTAssertEqual(imported.input, .oneHot(vocabulary: 5))
    XCTAssertEqual(imported.outputPrefix, "model.out")
    XCTAssertEqual(imported.unusedKeys, ["step"])
    XCTAssertEqual(imported.tensors.last?.values, [0, 1, 2, 3, 4])
  }

  func testKeysWithoutAnyPrefix() throws {
    let imported = try ImportedRecurrentModel(file: file(gruLayer("") + [("fc.weight", [5, 2]), ("fc.bias", [5])]))
    XCTAssertEqual(imported.recurrentPrefix, "")
    XCTAssertEqual(imported.tensors.map(\.name).first, "rnn.weight_ih_l0")
  }

  func testTwoRecurrentModulesAreAmbiguousUntilOneIsNamed() throws {
    let twoModules = try file(gruLayer("a.") + gruLayer("b.") + [("fc.weight", [5, 2]), ("fc.bias", [5])])
    assertImportFails(twoModules, ["several recurrent modules (\"a\", \"b\")"])
    let chosen = try ImportedRecurrentModel(file: twoModules, options: .init(recurrentPrefix: "b."))
    XCTAssertEqual(chosen.recurrentPrefix, "b")
    assertImportFails(
      twoModules, options: .init(recurrentPrefix: "c"), ["no recurrent weights under prefix \"c\"", "\"a\", \"b\""])
  }

  func testTwoPossibleHeadsAreAmbiguousUntilOneIsNamed() throws {
    let twoHeads = try file(
      gruLayer("rnn.") + [("x.weight", [5, 2]), ("x.bias", [5]), ("y.weight", [7, 2]), ("y.bias", [7])])
    assertImportFails(twoHeads, ["several possible output layers", "\"x.weight\" [5, 2]", "\"y.weight\" [7, 2]"])
    XCTAssertEqual(try ImportedRecurrentModel(file: twoHeads, options: .init(outputPrefix: "y")).outputs, 7)
    assertImportFails(twoHeads, options: .init(outputPrefix: "rnn"), ["output layer \"rnn\" does not fit"])
  }

  func testMissingHeadAndMissingRecurrentWeightsNameTheKeys() throws {
    assertImportFails(
      try file(gruLayer("rnn.") + [("fc.weight", [5, 3])]), ["no output layer found", "\"fc.weight\" [5, 3]"])
    assertImportFails(
      try file([("fc.weight", [5, 3]), ("fc.bias", [5])]), ["no recurrent weights found", "\"fc.bias\" [5]"])
  }

  func testEmbeddingIsFoundByShapeAndCheckedWhenNamed() throws {
    let pairs = [("emb.weight", [30, 5])] + gruLayer("gru.") + [("head.weight", [30, 2]), ("head.bias", [30])]
    let imported = try ImportedRecurrentModel(file: file(pairs))
    XCTAssertEqual(imported.input, .embedding(vocabulary: 30, dimension: 5))
    XCTAssertEqual(imported.tensors.first?.name, "embedding.weight")
    assertImportFails(
      try file(pairs), options: .init(embeddingPrefix: "head"),
      ["embedding \"head.weight\" has shape [30, 2]", "(V, 5)"])
    let twoTables = [("a.weight", [30, 5]), ("b.weight", [40, 5])] + pairs.dropFirst()
    assertImportFails(try file(Array(twoTables)), ["several possible embeddings"])
  }

  func testLayersAreCheckedForCompletenessAndShape() throws {
    let lstm: [(String, [Int])] = [
      ("lstm.weight_ih_l0", [8, 3]), ("lstm.weight_hh_l0", [8, 2]), ("lstm.bias_ih_l0", [8]), ("lstm.bias_hh_l0", [8]),
      ("lstm.weight_ih_l1", [8, 2]), ("lstm.bias_ih_l1", [8]), ("lstm.bias_hh_l1", [8]),
      ("fc.weight", [3, 2]), ("fc.bias", [3]),
    ]
    assertImportFails(try file(lstm), ["layer 1 of \"lstm\" has no \"lstm.weight_hh_l1\""])
    var wrongShape = lstm
    wrongShape.append(("lstm.weight_hh_l1", [8, 3]))
    assertImportFails(try file(wrongShape), ["\"lstm.weight_hh_l1\" has shape [8, 3]", "imply [8, 2]"])
    var complete = lstm
    complete.append(("lstm.weight_hh_l1", [8, 2]))
    let imported = try ImportedRecurrentModel(file: file(complete))
    XCTAssertEqual(imported.cell, .lstm)
    XCTAssertEqual(imported.layers, 2)
    XCTAssertEqual(
      imported.tensors.map(\.name),
      [
        "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
        "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1", "head.weight", "head.bias",
      ])
  }

  func testUnsupportedLayoutsAreRefused() throws {
    assertImportFails(
      try file([("r.weight_ih_l0", [4, 3]), ("r.weight_hh_l0", [4, 2]), ("fc.weight", [3, 2]), ("fc.bias", [3])]),
      ["\"r.weight_hh_l0\" has shape [4, 2]: 2 gates per unit"])
    assertImportFails(
      try file(gruLayer("g.") + [("g.weight_ih_l0_reverse", [6, 5]), ("fc.weight", [3, 4]), ("fc.bias", [3])]),
      ["layer 0 of \"g\" has no \"g.weight_hh_l0_reverse\""])
  }

  func testPlainRNNCanBeReluAndBiasesMayBeAbsent() throws {
    let pairs: [(String, [Int])] = [
      ("rnn.weight_ih_l0", [2, 3]), ("rnn.weight_hh_l0", [2, 2]), ("fc.weight", [3, 2]), ("fc.bias", [3]),
    ]
    XCTAssertEqual(try ImportedRecurrentModel(file: file(pairs)).cell, .rnnTanh)
    let relu = try ImportedRecurrentModel(file: file(pairs), options: .init(plainRNNCell: .rnnRelu))
    XCTAssertEqual(relu.cell, .rnnRelu)
    XCTAssertTrue(relu.biasesWereMissing)
    XCTAssertEqual(relu.tensors.first { $0.name == "rnn.bias_hh_l0" }?.values, [0, 0])
  }

  func testNonFloatWeightsAreRefusedAsSafeTensorsErrors() throws {
    var writer = SafeTensorsWriter()
    writer.add("rnn.weight_ih_l0", shape: [2, 3], values: [Int64](repeating: 1, count: 6))
    writer.add("rnn.weight_hh_l0", shape: [2, 2], values: [Float](repeating: 1, count: 4))
    writer.add("fc.weight", shape: [3, 2], values: [Float](repeating: 1, count: 6))
    writer.add("fc.bias", shape: [3], values: [Float](repeating: 1, count: 3))
    let file = try SafeTensorsFile(bytes: writer.encoded(), fileName: "ints.safetensors")
    XCTAssertThrowsError(try ImportedRecurrentModel(file: file)) { error in
      XCTAssertTrue(error is SafeTensorsError)
      XCTAssertTrue("\(error)".contains("\"rnn.weight_ih_l0\" has dtype I64"), "\(error)")
    }
  }
}
