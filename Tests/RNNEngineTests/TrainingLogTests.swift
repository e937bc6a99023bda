import XCTest

@testable import RNNEngine

/// The epoch rows a long run keeps in memory.
final class TrainingLogTests: XCTestCase {
  func testLongRunsKeepAThinnedSetOfEpochRowsAndTheLatest() throws {
    var config = RecordingTestSupport.recallConfig(epochs: 230)
    config.stepsPerEpoch = 1
    let trainer = try RecordingTestSupport.trainer(config)
    var log = TrainingLog()
    var returned: [Int] = []
    for _ in 0..<230 {
      guard case .trained(let stats, let tokens) = trainer.trainStep() else { return XCTFail("diverged") }
      if let summary = log.record(stats, tokens: tokens, of: trainer) { returned.append(summary.epoch) }
    }
    XCTAssertEqual(returned, Array(1...230), "every epoch is still reported as it ends")
    let retention = CheckpointRetention()
    XCTAssertEqual(log.epochs.map(\.epoch), (1...230).filter { retention.keeps(epoch: $0, latest: 230) })
    XCTAssertEqual(log.epochs.prefix(100).map(\.epoch), Array(1...100))
    XCTAssertEqual(log.epochs.last?.epoch, 230)
    XCTAssertLessThan(log.epochs.count, 230)
  }
}
