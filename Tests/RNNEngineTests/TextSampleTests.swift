import Foundation
import XCTest

@testable import RNNEngine

/// The language model's text sample: primed with the probe's start, seeded, redrawn after each epoch
/// and on a temperature change, on the trainer thread and in replays.
final class TextSampleTests: XCTestCase {
  private typealias Support = RecordingTestSupport

  func testSampleReadsTheProbesFirstWordsAndIsTheSameForTheSameWeightsAndTemperature() throws {
    let trainer = try Support.trainer(Support.languageModelConfig(epochs: 2))
    let sample = try XCTUnwrap(trainer.textSample(temperature: 1))
    XCTAssertEqual(
      sample.prime, "\"The pendulum has been ", "the probe's start, cut after its last space within 24 bytes")
    XCTAssertEqual(sample.temperature, 1)
    XCTAssertEqual(sample.step, 0)
    XCTAssertEqual(trainer.textSample(temperature: 1), sample, "seeded with the run's seed")
    XCTAssertNotEqual(trainer.textSample(temperature: 0.1)?.generated, sample.generated)
  }

  func testSampleIsTextGenerationFromThePrimeWithTheRunsSeed() throws {
    let config = Support.languageModelConfig(epochs: 2)
    let trainer = try Support.trainer(config)
    var rng = SeededRandom(seed: config.seed)
    let prime = trainer.samplePrime
    let expected = try TextGeneration.sample(
      from: trainer.model, prime: prime, length: Trainer.sampleLength, temperature: 0.7, topK: nil, rng: &rng)
    XCTAssertEqual(expected.count, 200)
    XCTAssertEqual(
      trainer.textSample(temperature: 0.7)?.generated, trainer.task.decode(classIds: expected.map(Int.init)))
  }

  func testSamplingLeavesTrainingUntouched() throws {
    let config = Support.languageModelConfig(epochs: 2)
    let plain = try Support.trainer(config)
    let sampled = try Support.trainer(config)
    _ = sampled.textSample(temperature: 1)
    var log = TrainingLog()
    log.resample(sampled, temperature: 2)
    XCTAssertEqual(
      Support.bits(try Support.train(plain, steps: 6, recorder: nil)),
      Support.bits(try Support.train(sampled, steps: 6, recorder: nil)))
  }

  func testOnlyLanguageModelsWriteSamples() throws {
    let trainer = try Support.trainer(Support.recallConfig(epochs: 1))
    XCTAssertNil(trainer.textSample(temperature: 1))
    var log = TrainingLog()
    log.resample(trainer, temperature: 1)
    XCTAssertNil(log.sample)
  }

  func testLogRedrawsTheSampleAfterEachEpochAtTheLastTemperature() throws {
    let trainer = try Support.trainer(Support.languageModelConfig(epochs: 2))
    var log = TrainingLog()
    log.resample(trainer, temperature: 0.5)
    XCTAssertEqual(log.sample?.step, 0)
    for _ in 0..<trainer.stepsPerEpoch {
      guard case .trained(let stats, let tokens) = trainer.trainStep() else { return XCTFail("training diverged") }
      log.record(stats, tokens: tokens, of: trainer)
    }
    XCTAssertEqual(log.sample?.step, trainer.stepsPerEpoch, "redrawn when the epoch ended")
    XCTAssertEqual(log.sample?.temperature, 0.5)
    XCTAssertEqual(log.sample, trainer.textSample(temperature: 0.5))
    XCTAssertEqual(TrainingSnapshot(trainer: trainer, status: .paused, log: log).sample, log.sample)
  }

  func testSessionWritesASampleAtOnceAndAgainWhenTheTemperatureChanges() throws {
    let config = Support.languageModelConfig(epochs: 2)
    let session = TrainingSession(config: config, task: try config.task.makeTask(), startPaused: true)
    session.start()
    defer { session.stop() }
    let first = try XCTUnwrap(SessionTestSupport.waitForSnapshot(of: session) { $0.sample != nil })
    XCTAssertEqual(first.sample?.temperature, 1)
    XCTAssertEqual(first.sample?.step, 0, "paused before any step, the sample is already there")
    session.send(.setSampleTemperature(0.4))
    let changed = try XCTUnwrap(SessionTestSupport.waitForSnapshot(of: session) { $0.sample?.temperature == 0.4 })
    XCTAssertEqual(changed.step, 0, "a new temperature takes no training step")
    XCTAssertEqual(changed.sample, try Support.trainer(config).textSample(temperature: 0.4))
  }

  func testReplayedEpochWritesItsSampleAtTheAskedTemperature() throws {
    let trainer = try Support.trainer(Support.languageModelConfig(epochs: 2))
    let directory = Support.runDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let recorder = try RunRecorder(directory: directory, trainer: trainer, programVersion: "test")
    try Support.train(trainer, steps: 2 * trainer.stepsPerEpoch, recorder: recorder)
    let run = try RunDirectory(directory)
    let task = try run.task()
    let replayed = try run.replaySnapshot(epoch: 2, task: task, sampleTemperature: 1.5)
    XCTAssertEqual(replayed.sample, trainer.textSample(temperature: 1.5), "epoch 2's weights are the trainer's last")
    XCTAssertEqual(try run.replaySnapshot(epoch: 1, task: task).sample?.temperature, 1)
  }
}
