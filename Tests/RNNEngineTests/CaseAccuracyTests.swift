import XCTest

@testable import RNNEngine

/// The case task's copy-the-input baseline and accuracy on capitals, against a count by hand.
final class CaseAccuracyTests: XCTestCase {
  private func trainer(task kind: TaskConfig) throws -> Trainer {
    let config = TrainingConfig(task: kind, cell: .gru, hidden: 8, batchSize: 4, epochs: 1, stepsPerEpoch: 2)
    return Trainer(config: config, task: try config.task.makeTask())
  }

  func testCopyBaselineAndCapitalAccuracyCountTheHeldOutPositions() throws {
    let trainer = try trainer(task: .caseCorrection(.init(minLength: 5, maxLength: 20)))
    let cases = try XCTUnwrap(trainer.caseAccuracy())
    // By hand: every scored held-out position, and the capitals with the model's argmax.
    var (scored, copied, capitals, right) = (0, 0, 0, 0)
    for batch in trainer.task.heldOutBatches(size: 64) {
      guard case .everyStep(let targets) = batch.targets else { return XCTFail("per-step targets") }
      let record = trainer.model.forward(batch)
      for b in 0..<batch.batchSize {
        for t in 0..<batch.length where batch.mask.isEmpty || batch.mask[b * batch.length + t] > 0 {
          let target = targets[b * batch.length + t]
          scored += 1
          copied += batch.tokens[b * batch.length + t] == target ? 1 : 0
          guard target >= 65 && target <= 90 else { continue }
          capitals += 1
          let row = (t * batch.batchSize + b) * 256
          let best = (0..<256).max { record.probabilities[row + $0] < record.probabilities[row + $1] }
          right += best == Int(target) ? 1 : 0
        }
      }
    }
    XCTAssertGreaterThan(capitals, 0)
    XCTAssertEqual(cases.copyingInput, Float(copied) / Float(scored), accuracy: 1e-6)
    XCTAssertLessThan(cases.copyingInput, 1, "capitals are not copied")
    XCTAssertGreaterThan(cases.copyingInput, 0.8, "most characters are")
    XCTAssertEqual(cases.onCapitals, Float(right) / Float(capitals), accuracy: 1e-6)
  }

  func testOtherTasksHaveNoCaseAccuracy() throws {
    XCTAssertNil(try trainer(task: .recall(.init(gap: 3))).caseAccuracy())
  }
}
