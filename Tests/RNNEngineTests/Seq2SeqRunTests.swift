import Foundation
import XCTest

@testable import RNNEngine

/// A seq2seq run directory: every epoch recorded and reopened, resume bit for bit, older and other
/// directories, and damaged or changed files.
final class Seq2SeqRunTests: XCTestCase {
  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("rnnscope-s2s-\(UUID().uuidString)")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  /// Reverse on 3–6 letters, 10 steps an epoch, a GRU of 8 units: small enough for many epochs.
  private func settings(steps: Int = 30, optimizer: TrainingConfig.OptimizerKind = .adam, pairs: String? = nil)
    -> Seq2SeqRunSettings
  {
    Seq2SeqRunSettings(
      task: pairs == nil ? .reverse : .pairs, minLength: 3, maxLength: 6, heldOut: 16, pairsPath: pairs,
      optimizer: optimizer, learningRate: 3e-3, clip: 1, batchSize: 8, steps: steps, stepsPerEpoch: 10, seed: 7)
  }

  private func freshTrainer(_ settings: Seq2SeqRunSettings) throws -> Seq2SeqTrainer {
    let task = try settings.makeTask()
    let config = Seq2SeqConfig(
      cell: .gru, sourceVocabulary: task.vocabulary.sourceSize, targetVocabulary: task.vocabulary.targetSize,
      embedding: 4, hidden: 8, attention: .dot)
    return settings.makeTrainer(model: Seq2SeqModel(config: config, seed: settings.seed), task: task)
  }

  /// Records a fresh run of `settings` into `directory`; returns the weights after each epoch.
  @discardableResult
  private func record(_ settings: Seq2SeqRunSettings, retention: CheckpointRetention? = nil) throws -> [[Float]] {
    let trainer = try freshTrainer(settings)
    let recorder = try Seq2SeqRunRecorder(
      directory: directory, trainer: trainer, settings: settings, programVersion: "test", retention: retention)
    return try (1...settings.epochs).map { epoch in
      _ = try trainer.trainEpoch(epoch, settings: settings, recorder: recorder)
      return trainer.model.parameters
    }
  }

  private func epochFile(_ epoch: Int) -> URL { directory.appendingPathComponent(RunFiles.checkpoint(epoch: epoch)) }

  func testTheReplaySnapshotOfAnEpochShowsThatEpochsModelAndHistory() throws {
    try record(settings())
    let run = try Seq2SeqRun.open(directory)
    let task = try run.task()
    let source = try task.vocabulary.encodeSource(task.probe)
    let target = try task.vocabulary.encodeTarget(task.probePair.target)
    var probes: [Seq2SeqProbe] = []
    for epoch in 1...3 {
      let snapshot = try run.replaySnapshot(epoch: epoch, task: task)
      let model = try run.model(atEpoch: epoch)
      let probe = model.probe(source, maxLength: Seq2SeqModel.maximumOutputLength(sourceLength: source.count))
      XCTAssertEqual(snapshot.probe, probe, "epoch \(epoch)")
      XCTAssertEqual(snapshot.trace?.loss, model.trace(source: source, target: target).loss, "epoch \(epoch)")
      XCTAssertEqual(snapshot.connectivity, model.connectivity(source: source, target: probe.outputTokens))
      XCTAssertEqual([snapshot.step, snapshot.epoch, snapshot.stepInEpoch], [10 * epoch, epoch, 10])
      XCTAssertEqual(snapshot.epochs.map(\.epoch), Array(1...epoch))
      XCTAssertEqual(snapshot.epochs.last?.probeOutput, run.record(atEpoch: epoch)?.probeOutput)
      XCTAssertEqual(snapshot.history.stepCount, 10 * epoch)
      XCTAssertEqual(snapshot.status, epoch == 3 ? .finished : .paused)
      probes.append(snapshot.probe)
    }
    // Each epoch's weights give their own α: the snapshots are not one model shown three times.
    XCTAssertNotEqual(probes[0], probes[2])
  }

  func testEveryEpochIsRecordedAndReopensAsTheModelItWas() throws {
    let weights = try record(settings())
    let run = try Seq2SeqRun.open(directory)
    XCTAssertEqual(run.notes, [])
    XCTAssertFalse(run.isLegacy)
    XCTAssertEqual(run.epochs.map(\.number), [1, 2, 3])
    XCTAssertEqual(run.epochs.map(\.step), [10, 20, 30])
    XCTAssertEqual(run.records.map(\.step), [10, 20, 30])
    XCTAssertEqual(run.steps.map(\.step), Array(1...30))
    XCTAssertEqual(run.info?.kind, "seq2seq")
    XCTAssertEqual(run.settings, settings())
    // The walk the replay makes: every epoch's model and record.
    for epoch in run.epochs {
      XCTAssertEqual(
        try run.model(atEpoch: epoch.number).parameters, weights[epoch.number - 1], "epoch \(epoch.number)")
      let record = try XCTUnwrap(run.record(atEpoch: epoch.number))
      XCTAssertEqual(record.probe, "rnnscope")
      XCTAssertEqual(record.heldOutCount, 16)
      XCTAssertEqual(record.byLength.map(\.count).reduce(0, +), 16)
    }
    XCTAssertThrowsError(try run.model(atEpoch: 4)) { XCTAssertTrue("\($0)".contains("epoch 4 is not a kept epoch")) }
    // An epoch file opens as a plain model file too (translate --weights, PyTorch).
    let (model, vocabulary) = try Seq2SeqCheckpoint.read(epochFile(2))
    XCTAssertEqual(model.parameters, weights[1])
    XCTAssertEqual(vocabulary, run.vocabulary)
    XCTAssertTrue(Seq2SeqRun.holdsRun(at: directory))
    XCTAssertTrue(run.summary.contains("kept epochs: 1, 2, 3"))
  }

  func testResumingGivesTheSameWeightsAndRecordsAsNotStopping() throws {
    for optimizer in [TrainingConfig.OptimizerKind.adam, .sgd] {
      let whole = try record(settings(steps: 40, optimizer: optimizer))
      let uninterrupted = try Seq2SeqRun.open(directory)
      try FileManager.default.removeItem(at: directory)

      // Two epochs, then a kill five steps into the third (its rows are on disk, its file is not).
      let first = settings(steps: 20, optimizer: optimizer)
      try record(first)
      let run = try Seq2SeqRun.open(directory)
      let (killed, _) = try run.resumeTrainer(steps: 40)
      let recorder = try Seq2SeqRunRecorder(
        continuing: run, trainer: killed, settings: first, programVersion: "test")
      for _ in 0..<5 { try recorder.recordStep(killed.trainStep(), of: killed) }

      let reopened = try Seq2SeqRun.open(directory)
      XCTAssertEqual(reopened.steps.count, 25)
      let (trainer, extended) = try reopened.resumeTrainer(steps: 40)
      XCTAssertEqual(trainer.step, 20)
      let continuing = try Seq2SeqRunRecorder(
        continuing: reopened, trainer: trainer, settings: extended, programVersion: "test")
      for epoch in 3...4 { _ = try trainer.trainEpoch(epoch, settings: extended, recorder: continuing) }
      XCTAssertEqual(trainer.model.parameters, whole[3], "\(optimizer)")

      let resumed = try Seq2SeqRun.open(directory)
      XCTAssertEqual(resumed.epochs.map(\.number), [1, 2, 3, 4])
      XCTAssertEqual(resumed.steps.map(\.step), Array(1...40))
      XCTAssertEqual(resumed.steps.map(\.loss), uninterrupted.steps.map(\.loss))
      XCTAssertEqual(
        resumed.records.map { [$0.trainLoss, $0.exactAccuracy, $0.tokenAccuracy] },
        uninterrupted.records.map { [$0.trainLoss, $0.exactAccuracy, $0.tokenAccuracy] })
      XCTAssertEqual(resumed.settings?.steps, 40)
      try FileManager.default.removeItem(at: directory)
    }
  }

  func testAnOlderOutDirectoryOpensAsOneModel() throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let trainer = try freshTrainer(settings())
    trainer.trainStep()
    try Seq2SeqCheckpoint.write(
      trainer.model, vocabulary: trainer.task.vocabulary,
      to: directory.appendingPathComponent(Seq2SeqRun.legacyWeightsFileName))
    XCTAssertTrue(Seq2SeqRun.holdsRun(at: directory))
    let run = try Seq2SeqRun.open(directory)
    XCTAssertTrue(run.isLegacy)
    XCTAssertEqual(run.epochs.map(\.number), [1])
    XCTAssertEqual(try run.model(atEpoch: 1).parameters, trainer.model.parameters)
    XCTAssertThrowsError(try run.resumeTrainer()) {
      XCTAssertTrue("\($0)".contains("holds only model.safetensors"), "\($0)")
    }
    XCTAssertThrowsError(
      try Seq2SeqRunRecorder(directory: directory, trainer: trainer, settings: settings(), programVersion: "test"))
  }

  func testARunOfTheOtherKindIsRefusedInOneLine() throws {
    let charRun = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Samples/case-lstm-demo")
    XCTAssertFalse(Seq2SeqRun.holdsRun(at: charRun))
    XCTAssertThrowsError(try Seq2SeqRun.open(charRun)) {
      XCTAssertTrue("\($0)".hasSuffix("is a recording of a recurrent model, not of an encoder–decoder (seq2seq) run"))
    }
    try record(settings(steps: 10))
    XCTAssertThrowsError(try RunDirectory(directory)) {
      XCTAssertTrue("\($0)".contains("is an encoder–decoder (seq2seq) run; open it with"), "\($0)")
      XCTAssertFalse("\($0)".contains("\n"))
    }
  }

  func testADamagedRunJSONFallsBackToTheEpochFiles() throws {
    let weights = try record(settings(steps: 20))
    try Data("{\"kind\": \"seq2seq\", \"mod".utf8).write(to: directory.appendingPathComponent(RunFiles.info))
    XCTAssertTrue(Seq2SeqRun.holdsRun(at: directory))
    let run = try Seq2SeqRun.open(directory)
    XCTAssertNil(run.info)
    XCTAssertEqual(run.settings, settings(steps: 20))
    XCTAssertTrue(
      run.notes.contains { $0.hasPrefix("run.json: not a valid encoder–decoder run description") }, "\(run.notes)")
    XCTAssertEqual(try run.model(atEpoch: 2).parameters, weights[1])
    XCTAssertEqual(try run.resumeTrainer().trainer.step, 20)
  }

  func testDamagedCutOffOrRenamedEpochFilesAreLeftOut() throws {
    try record(settings(steps: 40))
    let cut = try Data(contentsOf: epochFile(2))
    try cut.prefix(cut.count / 2).write(to: epochFile(2))
    try FileManager.default.removeItem(at: epochFile(4))
    try FileManager.default.copyItem(at: epochFile(1), to: epochFile(4))
    let run = try Seq2SeqRun.open(directory)
    XCTAssertEqual(run.epochs.map(\.number), [1, 3])
    XCTAssertEqual(run.notes.count, 2, "\(run.notes)")
    XCTAssertTrue(run.notes[0].hasPrefix("epoch-0002.safetensors: "), run.notes[0])
    XCTAssertTrue(run.notes[1].contains("holds epoch 1, not epoch 4"), run.notes[1])
    XCTAssertEqual(run.records.count, 4)
    XCTAssertEqual(try run.resumeTrainer().trainer.step, 30)
  }

  func testAChangedPairsFileIsRefusedOnResumeUnlessAllowed() throws {
    let pairs = directory.deletingLastPathComponent().appendingPathComponent("pairs-\(UUID().uuidString).tsv")
    defer { try? FileManager.default.removeItem(at: pairs) }
    let lines = (0..<20).map { "ab\(String(repeating: "c", count: $0 % 4))\tx\(String(repeating: "y", count: $0 % 3))" }
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: pairs)
    try record(settings(steps: 10, pairs: pairs.path))
    XCTAssertEqual(try Seq2SeqRun.open(directory).info?.pairs?.bytes, try TextFingerprint(fileAt: pairs.path).bytes)
    try Data((lines.joined(separator: "\n") + "\nabc\txy\n").utf8).write(to: pairs)
    let run = try Seq2SeqRun.open(directory)
    XCTAssertThrowsError(try run.resumeTrainer(steps: 20)) {
      XCTAssertTrue("\($0)".contains("is not the pairs file this run was recorded on"), "\($0)")
      XCTAssertTrue("\($0)".hasSuffix("pass --allow-changed-text to continue on it anyway"), "\($0)")
    }
    XCTAssertEqual(try run.resumeTrainer(steps: 20, allowingChangedPairs: true).trainer.step, 10)
  }

  func testLongRunsKeepEpochFilesWithinTheRetentionAndEveryRecord() throws {
    let retention = CheckpointRetention(keepAll: 2)
    try record(settings(steps: 90), retention: retention)
    let run = try Seq2SeqRun.open(directory)
    XCTAssertEqual(run.epochs.map(\.number), (1...9).filter { retention.keeps(epoch: $0, latest: 9) })
    XCTAssertLessThan(run.epochs.count, 9)
    XCTAssertEqual(run.records.map(\.epoch), Array(1...9))
  }

  func testASecondWriterIsRefused() throws {
    try record(settings(steps: 10))
    let trainer = try freshTrainer(settings())
    XCTAssertThrowsError(
      try Seq2SeqRunRecorder(directory: directory, trainer: trainer, settings: settings(), programVersion: "test")
    ) { XCTAssertTrue("\($0)".contains("already holds a recording"), "\($0)") }
  }
}

/// Mutated copies of a small seq2seq recording either open — and then every kept epoch loads or
/// fails in one line, and the run resumes or is refused in one line — or are refused in one line.
/// Never a crash. Quick default: 100 cases; `RNNSCOPE_FUZZ_CASES=N` for more.
final class Seq2SeqRunFuzzTests: XCTestCase {
  private typealias Fuzz = ReliabilityFuzzSupport

  func testMutatedSeq2SeqRunsNeverCrash() throws {
    let root = try SafeTensorsTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let original = root.appendingPathComponent("original")
    let settings = Seq2SeqRunSettings(
      task: .reverse, minLength: 3, maxLength: 6, heldOut: 16, pairsPath: nil, optimizer: .adam,
      learningRate: 3e-3, clip: 1, batchSize: 4, steps: 4, stepsPerEpoch: 2, seed: 3)
    let task = try settings.makeTask()
    let config = Seq2SeqConfig(
      cell: .lstm, sourceVocabulary: task.vocabulary.sourceSize, targetVocabulary: task.vocabulary.targetSize,
      embedding: 3, hidden: 4, attention: .general)
    let trainer = settings.makeTrainer(model: Seq2SeqModel(config: config, seed: 3), task: task)
    let recorder = try Seq2SeqRunRecorder(
      directory: original, trainer: trainer, settings: settings, programVersion: "test")
    for epoch in 1...2 { _ = try trainer.trainEpoch(epoch, settings: settings, recorder: recorder) }
    let names = try FileManager.default.contentsOfDirectory(atPath: original.path).filter { !$0.hasPrefix(".") }
    let originals = try names.map { ($0, [UInt8](try Data(contentsOf: original.appendingPathComponent($0)))) }

    let caseCount = Fuzz.caseCount(quickDefault: 100)
    var random = SeededRandom(seed: Fuzz.seed)
    var outcomes = (opened: 0, refused: 0, resumed: 0)
    for caseIndex in 0..<caseCount {
      var files = originals
      let applied = (0..<(1 + random.int(in: 0..<3))).map { _ -> String in
        let index = random.int(in: 0..<files.count)
        return "\(files[index].0): " + Fuzz.mutate(&files[index].1, &random)
      }
      let context = "case \(caseIndex) (seed \(Fuzz.seed)): \(applied.joined(separator: "; "))"
      let directory = root.appendingPathComponent("case-\(caseIndex)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: directory) }
      for (name, bytes) in files { try Data(bytes).write(to: directory.appendingPathComponent(name)) }

      let run: Seq2SeqRun
      do {
        run = try Seq2SeqRun.open(directory)
      } catch {
        Fuzz.assertClear(error, context)
        outcomes.refused += 1
        continue
      }
      outcomes.opened += 1
      for note in run.notes { XCTAssertFalse(note.contains("\n"), "\(context): note \(note)") }
      XCTAssertTrue(run.summary.hasPrefix(directory.path), context)
      for epoch in run.epochs {
        do { _ = try run.model(atEpoch: epoch.number) } catch { Fuzz.assertClear(error, context) }
      }
      // A mutated digit can ask for a held-out set of a million long pairs: legal, but not for a quick test.
      guard let kept = run.settings, kept.heldOut * kept.maxLength <= 100_000 else { continue }
      do {
        let (resumed, _) = try run.resumeTrainer()
        resumed.trainStep()
        outcomes.resumed += 1
      } catch {
        Fuzz.assertClear(error, context)
      }
    }
    print(
      "seq2seq run fuzz: \(caseCount) cases, \(outcomes.opened) opened, \(outcomes.refused) refused, \(outcomes.resumed) resumed"
    )
    XCTAssertGreaterThan(outcomes.opened, caseCount / 4)
    XCTAssertGreaterThan(outcomes.resumed, caseCount / 10)
  }
}
