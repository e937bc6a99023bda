import XCTest

@testable import RNNEngine

/// The encoder–decoder's passes split the batch into one band of rows per thread: on two threads
/// a batch large enough for two bands must give what one thread gives (the PyTorch fixtures'
/// batches of three never split). Mixed source and target lengths, so the bands' padding masks differ.
final class Seq2SeqThreadBandTests: XCTestCase {
  override func tearDown() {
    BLAS.setThreadCount(ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Loss, logits, α, every parameter gradient and the gradients reaching the encoder, on one
  /// thread and on two, for every attention kind.
  func testTwoThreadBandsGiveWhatOneThreadGives() {
    var random = SeededRandom(seed: 9)
    let pairs = (0..<20).map { _ in
      (
        source: (0..<random.int(in: 1..<12)).map { _ in Int32(random.int(in: 3..<11)) },
        target: (0..<random.int(in: 1..<9)).map { _ in Int32(random.int(in: 3..<10)) }
      )
    }
    let batch = Seq2SeqBatch(pairs: pairs)
    for (cell, attention) in [(CellType.lstm, AttentionKind.dot), (.gru, .general), (.gru, .additive), (.lstm, .none)] {
      let config = Seq2SeqConfig(
        cell: cell, sourceVocabulary: 11, targetVocabulary: 10, embedding: 5, hidden: 6, layers: 2,
        bidirectional: true, attention: attention)
      let model = Seq2SeqModel(config: config, seed: 4)
      func run(threads: Int) -> (record: Seq2SeqRecord, gradients: [Float], paths: Seq2SeqBackward) {
        BLAS.setThreadCount(threads)
        let record = model.forward(batch)
        let paths = model.backward(record)
        return (record, model.gradients, paths)
      }
      let one = run(threads: 1)
      let two = run(threads: 2)
      let name = "\(cell) \(attention)"
      XCTAssertEqual(two.record.loss, one.record.loss, accuracy: 1e-6, name)
      XCTAssertLessThan(largestDifference(two.record.logits.values, one.record.logits.values), 1e-5, "\(name) logits")
      XCTAssertLessThan(largestDifference(two.record.alpha.values, one.record.alpha.values), 1e-6, "\(name) alpha")
      XCTAssertLessThan(largestDifference(two.gradients, one.gradients), 1e-5, "\(name) gradients")
      XCTAssertLessThan(
        largestDifference(two.paths.sourceEmbedded, one.paths.sourceEmbedded), 1e-5, "\(name) dL/dsource")
      XCTAssertLessThan(
        largestDifference(two.paths.encoderFinalState, one.paths.encoderFinalState), 1e-5, "\(name) dL/dh_n")
      XCTAssertGreaterThan(one.gradients.map(abs).max()!, 1e-3, "\(name): the gradients are not all zero")
    }
  }

  private func largestDifference(_ a: [Float], _ b: [Float]) -> Float {
    XCTAssertEqual(a.count, b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
  }
}
