import XCTest

@testable import RNNEngine

/// The training step's fused head (`trainingPass`) against `forward` then `backward`.
final class TrainingPassTests: XCTestCase {
  override func tearDown() {
    BLAS.setThreadCount(ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Every head kind and input, one and two layers; enough rows (B·T) for several blocks and chunks.
  private let cases: [(String, ModelConfig, EngineTestSupport.TargetKind)] = [
    (
      "lstm one-hot, every step, masked",
      ModelConfig(cell: .lstm, input: .oneHot(vocab: 7), hidden: 6, layers: 2, outputs: 7), .everyStepMasked
    ),
    (
      "gru embedding, last step",
      ModelConfig(cell: .gru, input: .embedding(vocab: 5, dim: 3), hidden: 4, outputs: 5), .lastStep
    ),
    (
      "rnn dense, every step",
      ModelConfig(cell: .rnnTanh, input: .dense(features: 3), hidden: 5, outputs: 300), .everyStepMasked
    ),
    (
      "lstm regression",
      ModelConfig(cell: .lstm, input: .dense(features: 2), hidden: 4, outputs: 3, head: .regression), .regression
    ),
  ]

  func testMatchesForwardThenBackward() {
    for (name, config, targets) in cases {
      let model = EngineTestSupport.model(config, weightScale: 1)
      let batch = EngineTestSupport.batch(config, batchSize: 23, length: 30, targets: targets)
      let record = model.forward(batch)
      let reference = model.backward(record)
      let expected = model.gradients
      let (fused, fusedBackward) = model.trainingPass(batch, truncation: nil, initialState: nil)
      XCTAssertEqual(fused.loss, record.loss, accuracy: 1e-6 * max(1, abs(record.loss)), name)
      XCTAssertEqual(fused.correct, record.correct, name)
      XCTAssertEqual(fused.counted, record.counted, name)
      let scale = expected.map(abs).max()!
      for (index, (got, want)) in zip(model.gradients, expected).enumerated() where abs(got - want) > 1e-5 * scale {
        XCTFail("\(name): gradient \(index) is \(got), expected \(want)")
        break
      }
      XCTAssertEqual(fusedBackward.dhTotal.count, reference.dhTotal.count, name)
      for (got, want) in zip(fusedBackward.dhTotal[0], reference.dhTotal[0]) {
        XCTAssertEqual(got, want, accuracy: 1e-5 * scale, name)
      }
    }
  }

  func testTheHeadGivesTheSameBitsOnAnyNumberOfThreads() {
    // 3,200 rows: four chunks of blocks. (Products split into bands elsewhere in the step may
    // round differently on another thread count; the head's own sums must not.)
    let config = ModelConfig(cell: .lstm, input: .oneHot(vocab: 64), hidden: 48, outputs: 64)
    let batch = EngineTestSupport.batch(config, batchSize: 32, length: 100, targets: .everyStepMasked)
    let model = EngineTestSupport.model(config, weightScale: 1)
    let record = model.forward(batch)
    let scoring = Scoring(batch: batch, head: config.head, outputs: config.outputs)
    let (offset, rows) = model.headInput(of: record)
    var results: [(loss: Double, correct: Int, grads: [Float], dY: [Float])] = []
    for threads in [1, 2, 3] {
      BLAS.setThreadCount(threads)
      var grads = [Float](repeating: 0, count: model.layout.totalCount)
      var dY = [Float](repeating: 0, count: rows * config.hidden)
      let (loss, correct) = model.parameters.withBase { params in
        record.layers[0].h.withBase { top in
          grads.withMutableBase { grads in
            let packed = PackedHead(model, params: params, rows: 256)
            defer { packed.recycle(into: model.pool) }
            return model.trainHead(
              params: params, grads: grads, y: top + offset, rows: rows, scoring: scoring, dY: &dY, packed: packed)
          }
        }
      }
      results.append((loss, correct, grads, dY))
    }
    for (threads, result) in zip([2, 3], results.dropFirst()) {
      XCTAssertEqual(result.loss, results[0].loss, "\(threads) threads")
      XCTAssertEqual(result.correct, results[0].correct, "\(threads) threads")
      XCTAssertTrue(result.grads == results[0].grads, "\(threads) threads: head gradients differ from one thread's")
      XCTAssertTrue(result.dY == results[0].dY, "\(threads) threads: dY differs from one thread's")
    }
    XCTAssertEqual(Float(results[0].loss) / Float(scoring.counted), record.loss, accuracy: 1e-6)
  }

  func testANonFiniteLossIsReportedAndTheTrainerKeepsItsWeights() throws {
    let config = TrainingConfig(task: .defaults(for: .languageModel), hidden: 8, learningRate: 1e-3, epochs: nil)
    let trainer = Trainer(config: config, task: try config.makeTask())
    let head = trainer.model.layout.entry(named: "head.bias")!
    trainer.model.parameters[head.offset] = .infinity
    let before = trainer.model.parameters
    guard case .diverged(let reason) = trainer.trainStep() else { return XCTFail("an infinite logit must diverge") }
    XCTAssertTrue(reason.contains("loss"), reason)
    XCTAssertTrue(zip(trainer.model.parameters, before).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
  }
}
