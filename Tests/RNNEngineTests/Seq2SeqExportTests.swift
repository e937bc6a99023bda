import Foundation
import XCTest

@testable import RNNEngine

/// A model trained and exported in PyTorch (`Samples/seq2seq_pytorch.py export`) scores here as in
/// PyTorch: the mean cross-entropy `rnnscope eval` prints, against PyTorch's, on the same pairs.
final class Seq2SeqExportTests: XCTestCase {
  private let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/seq2seq-export")
  /// PyTorch's mean cross-entropy per target symbol (see the fixture's README).
  private let pytorchLoss = 0.5852775472729261

  func testAPyTorchTrainedModelHasPyTorchsLossWithin1e4() throws {
    let vocabulary = try Seq2SeqVocabulary.load(from: fixture.appendingPathComponent("vocab.json"))
    let (model, _) = try Seq2SeqCheckpoint.read(
      fixture.appendingPathComponent("model.safetensors"), vocabulary: vocabulary, attention: .dot)
    XCTAssertEqual(model.config.cell, .gru)
    let pairs = try PairsFile.load(fixture.appendingPathComponent("pairs.tsv"))
    let loss = try Seq2SeqMetrics.crossEntropy(model, pairs: pairs, vocabulary: vocabulary)
    XCTAssertEqual(loss, pytorchLoss, accuracy: 1e-4)
    // Batches of one and of every pair agree: padding does not move the loss.
    XCTAssertEqual(
      try Seq2SeqMetrics.crossEntropy(model, pairs: pairs, vocabulary: vocabulary, batchSize: 1), loss, accuracy: 1e-6)
  }
}
