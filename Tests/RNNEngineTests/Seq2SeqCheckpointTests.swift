import Foundation
import XCTest

@testable import RNNEngine

/// Encoder–decoder weights files: rnnscope's own round-trip, a bare PyTorch state dict opens,
/// and a file of another architecture is one line naming the tensor.
final class Seq2SeqCheckpointTests: XCTestCase {
  private func temporaryFile() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("seq2seq-\(UUID()).safetensors")
  }

  func testWrittenModelReadsBackIdentically() throws {
    let config = Seq2SeqConfig(
      cell: .lstm, sourceVocabulary: 7, targetVocabulary: 6, embedding: 3, hidden: 4, layers: 2, bidirectional: true,
      attention: .additive)
    let model = Seq2SeqModel(config: config, seed: 4)
    let vocabulary = Seq2SeqVocabulary(source: ["a", "b", "c", "d"], target: ["x", "y", "z"])
    let url = temporaryFile()
    defer { try? FileManager.default.removeItem(at: url) }
    try Seq2SeqCheckpoint.write(model, vocabulary: vocabulary, to: url)
    let (read, readVocabulary) = try Seq2SeqCheckpoint.read(url)
    XCTAssertEqual(read.config, config)
    XCTAssertEqual(read.parameters, model.parameters)
    XCTAssertEqual(readVocabulary, vocabulary)
    XCTAssertThrowsError(try Seq2SeqCheckpoint.read(url, attention: .dot)) { error in
      XCTAssertTrue("\(error)".hasSuffix("holds a model with --attention additive, not dot"), "\(error)")
    }
  }

  /// The parity case's PyTorch weights as a bare state dict (no metadata) give PyTorch's loss.
  func testPyTorchStateDictOpensAndGivesPyTorchsLoss() throws {
    let file = try XCTUnwrap(
      Bundle.module.url(forResource: "s2s_gru_general_bi", withExtension: "json", subdirectory: "Fixtures/parity"))
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    let reference = try Seq2SeqParityTests.model(json, name: "s2s_gru_general_bi")
    var writer = SafeTensorsWriter()
    for entry in reference.table.entries {
      writer.add(entry.name, shape: entry.shape, values: try XCTUnwrap(reference.parameter(named: entry.name)))
    }
    let url = temporaryFile()
    defer { try? FileManager.default.removeItem(at: url) }
    try writer.write(to: url)
    XCTAssertThrowsError(try Seq2SeqCheckpoint.read(url)) { error in
      XCTAssertTrue(
        "\(error)".hasSuffix("has no vocabulary; pass --vocab FILE (JSON {\"source\": [...], \"target\": [...]})"))
    }
    let vocabulary = Seq2SeqVocabulary(source: (0..<7).map { "\($0)" }, target: (0..<6).map { "\($0)" })
    let (model, _) = try Seq2SeqCheckpoint.read(url, vocabulary: vocabulary)
    XCTAssertEqual(model.config, reference.config)
    let record = model.forward(try Seq2SeqParityTests.batch(json))
    XCTAssertEqual(record.loss, try XCTUnwrap(json["loss"] as? Double), accuracy: 1e-5)
  }

  func testAnotherArchitectureIsOneLineNamingTheTensor() throws {
    let config = Seq2SeqConfig(
      cell: .gru, sourceVocabulary: 6, targetVocabulary: 6, embedding: 3, hidden: 4, attention: .dot)
    let model = Seq2SeqModel(config: config)
    let vocabulary = Seq2SeqVocabulary(source: ["a", "b", "c"], target: ["a", "b", "c"])
    func bareFile(dropping dropped: String? = nil, reshaping reshaped: String? = nil) throws -> URL {
      var writer = SafeTensorsWriter()
      for entry in model.table.entries where entry.name != dropped {
        let values = model.parameter(named: entry.name)!
        writer.add(entry.name, shape: entry.name == reshaped ? [values.count] : entry.shape, values: values)
      }
      let url = temporaryFile()
      try writer.write(to: url)
      return url
    }
    func message(_ url: URL, attention: AttentionKind? = .dot) -> String {
      defer { try? FileManager.default.removeItem(at: url) }
      do {
        _ = try Seq2SeqCheckpoint.read(url, vocabulary: vocabulary, attention: attention)
        return "opened"
      } catch { return "\(error)" }
    }
    XCTAssertEqual(message(try bareFile()), "opened")
    XCTAssertTrue(
      message(try bareFile(), attention: nil).hasSuffix(
        "has no attention tensors: pass --attention dot or --attention none (both have the same tensors)"))
    XCTAssertTrue(message(try bareFile(dropping: "decoder.bias_hh_l0")).hasSuffix("has no tensor decoder.bias_hh_l0"))
    XCTAssertTrue(
      message(try bareFile(reshaping: "output.weight")).hasSuffix(
        "tensor output.weight has shape [24], this model needs [6, 4]"))
    let wrongVocabulary = Seq2SeqVocabulary(source: ["a"], target: ["a", "b", "c"])
    XCTAssertThrowsError(try Seq2SeqCheckpoint.read(try bareFile(), vocabulary: wrongVocabulary, attention: .dot))
  }
}
