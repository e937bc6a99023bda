import Foundation
import XCTest

@testable import RNNEngine

final class RecordingRoundTripTests: XCTestCase {
  private typealias Support = RecordingTestSupport

  func testOneCheckpointRestoresItsRunsTaskAndTrainerOnItsOwn() throws {
    let config = Support.recallConfig(epochs: 2)
    let trainer = try Support.trainer(config)
    let directory = Support.runDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let recorder = try RunRecorder(directory: directory, trainer: trainer, programVersion: "1")
    try Support.train(trainer, steps: 8, recorder: recorder)
    let checkpoint = try XCTUnwrap(try RunDirectory(directory).epochs.last).checkpoint
    let restored = try Trainer(restoringRunOf: SafeTensorsFile(contentsOf: checkpoint))
    XCTAssertEqual(restored.config, config)
    XCTAssertEqual(restored.task.config, config.task)
    XCTAssertEqual(restored.step, 8)
    XCTAssertEqual(Support.bits(restored.model.parameters), Support.bits(trainer.model.parameters))
  }

  func testRecordedRunReadsBackExactly() throws {
    let config = Support.recallConfig(epochs: 3)
    let trainer = try Support.trainer(config)
    let directory = Support.runDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let recorder = try RunRecorder(directory: directory, trainer: trainer, programVersion: "9.8.7")
    let losses = try Support.train(trainer, steps: 12, recorder: recorder)

    let run = try RunDirectory(directory)
    XCTAssertEqual(run.notes, [])
    XCTAssertEqual(run.epochs.map(\.number), [1, 2, 3])
    XCTAssertEqual(run.config, config)
    XCTAssertEqual(run.info?.config, config)
    XCTAssertEqual(run.info?.seed, 0xF00D_FACE_1234_5678)
    XCTAssertEqual(run.info?.programVersion, "9.8.7")
    XCTAssertEqual(run.info?.vocabulary, "\(RecallTask.vocabulary) task symbols")
    XCTAssertEqual(run.info?.stepsPerEpoch, 4)
    XCTAssertEqual(run.info?.model, trainer.model.config)

    let model = try run.model(epoch: 3)
    XCTAssertEqual(Support.bits(model.parameters), Support.bits(trainer.model.parameters))
    XCTAssertEqual(model.config, trainer.model.config)
    XCTAssertNotEqual(Support.bits(try run.model(epoch: 1).parameters), Support.bits(trainer.model.parameters))
    XCTAssertEqual(
      Support.bits(try RecurrentModel.load(contentsOf: directory).parameters), Support.bits(trainer.model.parameters))

    XCTAssertEqual(run.metrics.map(\.step), Array(1...12))
    XCTAssertEqual(run.metrics.map(\.epoch), [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3])
    XCTAssertEqual(Support.bits(run.metrics.map(\.loss)), Support.bits(losses))
    XCTAssertTrue(run.metrics.allSatisfy { $0.learningRate == config.learningRate && $0.gradientNorm > 0 })
    XCTAssertTrue(run.metrics.contains { $0.clipped }, "clip 0.5 should bite on an untrained LSTM")

    XCTAssertEqual(run.epochRecords.map(\.epoch), [1, 2, 3])
    for (record, epoch) in zip(run.epochRecords, 0..<3) {
      let mean = losses[(4 * epoch)..<(4 * epoch + 4)].reduce(0.0) { $0 + Double($1) } / 4
      XCTAssertEqual(record.trainLoss, Float(mean))
      XCTAssertEqual(record.heldOutPositions, 64)
      XCTAssertNotNil(record.heldOutAccuracy)
    }
    XCTAssertTrue(run.summary.contains("finished epochs: 1, 2, 3"), run.summary)
  }

  func testCheckpointHoldsTheOptimizerAndRandomState() throws {
    let trainer = try Support.trainer(Support.recallConfig(epochs: 1))
    try Support.train(trainer, steps: 3, recorder: nil)
    let file = try SafeTensorsFile(bytes: try trainer.checkpoint().encoded(), fileName: "c.safetensors")
    XCTAssertTrue(CheckpointFormat.isCheckpoint(file))
    XCTAssertEqual(try file.int64s("trainer.step"), [3])
    XCTAssertEqual(try file.int64s("optimizer.adam.step"), [3])
    XCTAssertEqual(try file.int64s("trainer.random_state").map { UInt64(bitPattern: $0) }, trainer.random.state)
    let adam = try XCTUnwrap(trainer.optimizer as? Adam)
    XCTAssertEqual(Support.bits(try file.floats("optimizer.adam.m")), Support.bits(adam.m))
    XCTAssertEqual(Support.bits(try file.floats("optimizer.adam.v")), Support.bits(adam.v))
    // The model tensors keep PyTorch names, so the weights import like any state_dict.
    let imported = try ImportedRecurrentModel(file: file)
    XCTAssertEqual(imported.cell, .lstm)
    XCTAssertEqual(imported.hidden, 8)
  }

  func testRecorderRefusesADirectoryThatHoldsARecording() throws {
    let trainer = try Support.trainer(Support.recallConfig(epochs: 1))
    let directory = Support.runDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try RunRecorder(directory: directory, trainer: trainer, programVersion: "1")
    XCTAssertThrowsError(try RunRecorder(directory: directory, trainer: trainer, programVersion: "1")) { error in
      XCTAssertTrue("\(error)".contains("already holds a recording"), "\(error)")
    }
  }

  func testDefaultDirectoryNamesTimeTaskAndCell() throws {
    let root = Support.runDirectory()
    let date = try XCTUnwrap(ISO8601DateFormatter().date(from: "2024-03-05T06:07:08Z"))
    let url = RunRecorder.defaultDirectory(for: Support.recallConfig(epochs: 1), under: root, date: date)
    let name = url.lastPathComponent
    XCTAssertTrue(name.hasSuffix("-recall-lstm"), name)
    XCTAssertEqual(name.count, "yyyyMMdd-HHmmss-recall-lstm".count, name)
    XCTAssertTrue(name.hasPrefix("2024030"), name)
  }
}
