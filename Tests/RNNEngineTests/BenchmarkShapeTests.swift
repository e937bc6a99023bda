import XCTest

@testable import RNNEngine

/// The fused training step at the benchmark's shape (B = 32, H = 128, one-hot V = 256, T = 100)
/// against the reference `forward` then `backward`, on one thread and on two: the batch split, the
/// packed kernel and the threaded gradient gather together, which the small PyTorch fixtures
/// never reach. The LSTM only, the cell with the most gates, to keep a debug run to seconds.
final class BenchmarkShapeTests: XCTestCase {
  override func tearDown() {
    BLAS.setThreadCount(ProcessInfo.processInfo.activeProcessorCount)
  }

  func testTheFusedStepMatchesTheReferencePassesAtTheBenchmarksShape() {
    let (batchSize, length, vocab) = (32, 100, 256)
    var random = SeededRandom(seed: 5)
    let tokens = (0..<(batchSize * (length + 1))).map { _ in Int32(random.int(in: 0..<vocab)) }
    // Each sequence's targets are its inputs shifted by one step, as in the benchmark.
    let sequences = (0..<batchSize).map { tokens[($0 * (length + 1))..<(($0 + 1) * (length + 1))] }
    let batch = Batch(
      batchSize: batchSize, length: length, tokens: sequences.flatMap { $0.dropLast() },
      targets: .everyStep(sequences.flatMap { $0.dropFirst() }))
    let config = ModelConfig(cell: .lstm, input: .oneHot(vocab: vocab), hidden: 128, outputs: vocab)
    let model = EngineTestSupport.model(config, weightScale: 1)
    BLAS.setThreadCount(1)
    let record = model.forward(batch)
    let reference = model.backward(record)
    let expected = model.gradients
    let scale = expected.map(abs).max()!
    for threads in [1, 2] {
      BLAS.setThreadCount(threads)
      let name = "LSTM on \(threads) thread(s)"
      let (fused, fusedBackward) = model.trainingPass(batch, truncation: nil, initialState: nil)
      XCTAssertEqual(fused.loss, record.loss, accuracy: 1e-6 * max(1, abs(record.loss)), name)
      XCTAssertEqual(fused.correct, record.correct, name)
      XCTAssertEqual(fused.counted, batchSize * length, name)
      XCTAssertEqual(model.gradients.count, expected.count, name)
      let worst = zip(model.gradients, expected).map { abs($0 - $1) }.max()!
      XCTAssertLessThanOrEqual(worst, 1e-5 * scale, "\(name): largest gradient difference")
      XCTAssertEqual(fusedBackward.dhTotal.count, reference.dhTotal.count, name)
      XCTAssertEqual(fusedBackward.dhTotal[0].count, reference.dhTotal[0].count, name)
      let worstDh = zip(fusedBackward.dhTotal[0], reference.dhTotal[0]).map { abs($0 - $1) }.max()!
      XCTAssertLessThanOrEqual(worstDh, 1e-5 * scale, "\(name): largest dh difference")
    }
  }
}
