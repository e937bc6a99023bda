import Foundation
import XCTest

@testable import RNNEngine

/// Mutated copies of small real recordings (run.json, metrics.csv, epochs.jsonl, checkpoints) either
/// open — and then every epoch `RunDirectory` lists loads, replays and resumes, or fails with a
/// one-line error — or are refused with a one-line `RecordingError`. Never a crash.
///
/// Quick default: 150 cases; `RNNSCOPE_FUZZ_CASES=N` for more (see `ReliabilityFuzzSupport`).
final class ReliabilityRunDirectoryFuzzTests: XCTestCase {
  private typealias Fuzz = ReliabilityFuzzSupport
  private typealias Support = RecordingTestSupport
  private var root: URL!

  override func setUpWithError() throws {
    root = try SafeTensorsTestSupport.temporaryDirectory()
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: root)
  }

  func testMutatedRunDirectoriesNeverCrash() throws {
    let caseCount = Fuzz.caseCount(quickDefault: 150)
    let seed = Fuzz.seed
    let originals = try [Support.recallConfig(epochs: 2), Support.languageModelConfig(epochs: 2)].map(recordedFiles)
    var random = SeededRandom(seed: seed)
    var outcomes = (opened: 0, refused: 0, replayed: 0)
    let directory = root.appendingPathComponent("run")
    for caseIndex in 0..<caseCount {
      var files = originals[random.int(in: 0..<originals.count)]
      let applied = (0..<(1 + random.int(in: 0..<3))).map { _ in mutate(&files, &random) }
      let context = "case \(caseIndex) (seed \(seed)): \(applied.joined(separator: "; "))"
      try? FileManager.default.removeItem(at: directory)
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      for (name, bytes) in files { try Data(bytes).write(to: directory.appendingPathComponent(name)) }

      let run: RunDirectory
      do {
        run = try RunDirectory(directory)
      } catch {
        Fuzz.assertClear(error, context)
        XCTAssertTrue(error is RecordingError, "\(context): \(error)")
        outcomes.refused += 1
        continue
      }
      outcomes.opened += 1
      for note in run.notes { XCTAssertFalse(note.contains("\n"), "\(context): note \(note)") }
      XCTAssertTrue(run.summary.hasPrefix(directory.path), context)
      if try useEveryEpoch(of: run, context: context) { outcomes.replayed += 1 }
    }
    print(
      "run directory fuzz: \(caseCount) cases, \(outcomes.opened) opened, \(outcomes.refused) refused, "
        + "\(outcomes.replayed) replayed and resumed")
    XCTAssertGreaterThan(outcomes.opened, caseCount / 4)
    XCTAssertGreaterThan(outcomes.replayed, caseCount / 10)
  }

  /// Sizes a hand-edited checkpoint may claim: each is refused with a message, not trusted with memory.
  func testHostileSizesInCheckpointConfigsAreRefused() throws {
    let config = Support.recallConfig(epochs: 1)
    let trainer = try Support.trainer(config)
    let directory = root.appendingPathComponent("hostile")
    let recorder = try RunRecorder(directory: directory, trainer: trainer, programVersion: "1")
    try Support.train(trainer, steps: trainer.stepsPerEpoch, recorder: recorder)
    let checkpoint = directory.appendingPathComponent(RunFiles.checkpoint(epoch: 1))
    let edits: [(key: String, from: String, to: String)] = [
      ("model_config", #""hidden":8"#, #""hidden":1099511627776"#),
      ("model_config", #""hidden":8"#, #""hidden":-1"#),
      ("training_config", #""hidden":8"#, #""hidden":1099511627776"#),
      ("training_config", #""batchSize":8"#, #""batchSize":1000000000"#),
      ("training_config", #""gap":5"#, #""gap":1000000000"#),
      ("training_config", #""heldOutCount":64"#, #""heldOutCount":1000000000"#),
    ]
    for edit in edits {
      var writer = try trainer.checkpoint(metadata: ["epoch": "1"])
      let original = try XCTUnwrap(writer.metadata[edit.key])
      XCTAssertTrue(original.contains(edit.from), "\(edit.key) has no \(edit.from): \(original)")
      writer.metadata[edit.key] = original.replacingOccurrences(of: edit.from, with: edit.to)
      try writer.write(to: checkpoint)
      let context = "\(edit.key) \(edit.to)"
      let run = try RunDirectory(directory)
      do {
        _ = try run.replaySnapshot(epoch: 1, task: run.task())
        XCTFail("\(context): replayed")
      } catch {
        ReliabilityFuzzSupport.assertClear(error, context)
      }
      XCTAssertThrowsError(try run.resumeTrainer(), context) { ReliabilityFuzzSupport.assertClear($0, context) }
    }
  }

  /// Loads each listed epoch, replays the last and resumes training from it; true if all of it worked.
  private func useEveryEpoch(of run: RunDirectory, context: String) throws -> Bool {
    guard let last = run.epochs.last else {
      // With no checkpoint file at all, a run starts again from its run.json; otherwise it is refused.
      do {
        let trainer = try run.resumeTrainer()
        XCTAssertEqual(trainer.step, 0, context)
        XCTAssertNotNil(run.info, context)
      } catch {
        Fuzz.assertClear(error, context)
      }
      return false
    }
    do {
      for epoch in run.epochs { _ = try run.model(epoch: epoch.number) }
      let snapshot = try run.replaySnapshot(epoch: last.number, task: run.task())
      XCTAssertLessThanOrEqual(snapshot.epochs.count, run.epochRecords.count, context)
      let trainer = try run.resumeTrainer(epochs: last.number + 1)
      // The step count lives in the checkpoint's data, which a bit flip may change unnoticed.
      if !context.contains(".safetensors:"), !context.contains(".safetensors header:") {
        XCTAssertEqual(trainer.step, last.number * trainer.stepsPerEpoch, context)
      }
      if case .trained(let stats, _) = trainer.trainStep() { XCTAssertTrue(stats.loss.isFinite, context) }
      return true
    } catch {
      Fuzz.assertClear(error, context)
      return false
    }
  }

  /// The files of a freshly recorded run of `config`, by name.
  private func recordedFiles(_ config: TrainingConfig) throws -> [String: [UInt8]] {
    let directory = root.appendingPathComponent("seed-\(UUID().uuidString)")
    let trainer = try Support.trainer(config)
    let recorder = try RunRecorder(directory: directory, trainer: trainer, programVersion: "fuzz")
    try Support.train(trainer, steps: (config.epochs ?? 1) * trainer.stepsPerEpoch, recorder: recorder)
    var files: [String: [UInt8]] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
      files[name] = try Array(Data(contentsOf: directory.appendingPathComponent(name)))
    }
    XCTAssertEqual(files.keys.filter { RunFiles.epoch(ofCheckpoint: $0) != nil }.count, config.epochs)
    return files
  }

  /// Damages one file's bytes, or the directory's layout, and names what it did.
  private func mutate(_ files: inout [String: [UInt8]], _ random: inout SeededRandom) -> String {
    let names = files.keys.sorted()
    guard !names.isEmpty else { return "nothing left" }
    let name = names[random.int(in: 0..<names.count)]
    switch random.int(in: 0..<10) {
    case 0:
      files[name] = nil
      return "remove \(name)"
    case 1:
      let other = names[random.int(in: 0..<names.count)]
      files[name] = files[other]
      return "\(name) gets the bytes of \(other)"
    case 2 where RunFiles.epoch(ofCheckpoint: name) != nil:
      let renamed = [
        "epoch-0000.safetensors", "epoch-0009.safetensors", "epoch-999999999.safetensors",
        ".epoch-0001.safetensors.tmp-1-2",
      ]
      let target = renamed[random.int(in: 0..<renamed.count)]
      files[target] = files.removeValue(forKey: name)
      return "rename \(name) to \(target)"
    case 3 where RunFiles.epoch(ofCheckpoint: name) != nil:
      return "\(name) header: " + mutateHeader(&files[name, default: []], &random)
    default:
      var bytes = files[name] ?? []
      let what = Fuzz.mutate(&bytes, &random)
      files[name] = bytes
      return "\(name): \(what)"
    }
  }

  /// Mutates a safetensors file's JSON header (where the configs live) and fixes its length prefix,
  /// so the damage reaches the config and tensor checks instead of stopping at the length.
  private func mutateHeader(_ bytes: inout [UInt8], _ random: inout SeededRandom) -> String {
    guard bytes.count >= 8 else { return "too short" }
    let length = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    guard length <= bytes.count - 8 else { return "bad length" }
    var header = Array(bytes[8..<(8 + length)])
    let what = Fuzz.mutate(&header, &random)
    let prefix = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
    bytes = prefix + header + bytes[(8 + length)...]
    return what
  }
}
