import Foundation
import XCTest

@testable import RNNEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Issue 23's defects, each reproduced: counts that overflowed, checkpoints trusted blindly, two
/// writers in one run directory, atomic writes that replaced devices and links, resumes on another text.
final class ReliabilityRoundTwoTests: XCTestCase {
  private typealias Support = RecordingTestSupport

  // MARK: Counts a user or a file can set

  func testEpochAndStepCountsAreBounded() {
    var config = Support.recallConfig(epochs: 1)
    config.epochs = Int.max
    XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("--epochs must be between 1 and")) }
    config.epochs = 2
    config.stepsPerEpoch = 4_611_686_018_427_387_904
    XCTAssertThrowsError(try config.validate()) {
      XCTAssertTrue("\($0)".contains("--steps-per-epoch must be between 1 and"))
    }
    config.stepsPerEpoch = TrainingConfig.maximumStepsPerEpoch
    config.epochs = TrainingConfig.maximumEpochs
    XCTAssertNoThrow(try config.validate())
  }

  func testNonFiniteInitialisationSettingsAreRejected() {
    var config = Support.recallConfig(epochs: 1)
    config.initialization = InitOptions(forgetBias: .nan)
    XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("--forget-bias")) }
    config.initialization = InitOptions(recurrent: .orthogonal(scale: .nan))
    XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("--scale")) }
  }

  func testHugeAdamStepInACheckpointIsRefused() throws {
    let directory = try recordedRun(epochs: 1)
    defer { try? FileManager.default.removeItem(at: directory) }
    try tamperWithCheckpoint(in: directory) { trainer in
      var adam = try XCTUnwrap(trainer.optimizer as? Adam)
      adam.step = Int(Int64.max)
      trainer.optimizer = adam
    }
    XCTAssertThrowsError(try RunDirectory(directory).resumeTrainer()) {
      XCTAssertTrue("\($0)".contains("\"optimizer.adam.step\" must hold one integer between 0 and"), "\($0)")
    }
  }

  func testTamperedTrainerStepIsRefused() throws {
    let directory = try recordedRun(epochs: 1)
    defer { try? FileManager.default.removeItem(at: directory) }
    for step in [0, 40] {
      try tamperWithCheckpoint(in: directory) { $0.step = step }
      XCTAssertThrowsError(try RunDirectory(directory).resumeTrainer()) {
        XCTAssertTrue("\($0)".contains("holds step \(step), but epoch 1 of 4 steps ends at step 4"), "\($0)")
      }
    }
    try tamperWithCheckpoint(in: directory) { $0.step = Int(Int64.max) }
    XCTAssertThrowsError(try RunDirectory(directory).resumeTrainer()) {
      XCTAssertTrue("\($0)".contains("\"trainer.step\" must hold one integer between 0 and"), "\($0)")
    }
  }

  // MARK: Memory

  func testMemoryEstimateRefusesRunsThatCannotFit() {
    var config = TrainingConfig(hidden: 4096, batchSize: 4096)
    // The 26.8 GB gate buffer alone: 100 steps × 4096 sequences × 4 gates × 4096 units × 4 bytes.
    XCTAssertGreaterThan(MemoryBudget.estimatedBytes(of: config), 26.8e9)
    XCTAssertThrowsError(try config.validateMemory(machineBytes: 32e9)) {
      let message = "\($0)"
      XCTAssertTrue(message.contains("of memory, more than half of this machine's 32.0 GB"), message)
      XCTAssertTrue(message.contains("--batch"), message)
    }
    config = TrainingConfig()
    XCTAssertNoThrow(try config.validateMemory(machineBytes: 1e9), "the demo fits in 1 GB")
    XCTAssertLessThan(MemoryBudget.estimatedBytes(of: config), 100e6)
  }

  // MARK: One writer per run directory

  func testSecondWriterIsRefusedNamingTheHolder() throws {
    let directory = Support.runDirectory()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // Another process's lock, held through a descriptor of its own and naming PID 4242.
    let descriptor = open(directory.appendingPathComponent(RunDirectoryLock.fileName).path, O_RDWR | O_CREAT, 0o644)
    defer { close(descriptor) }
    XCTAssertEqual(flock(descriptor, LOCK_EX | LOCK_NB), 0)
    XCTAssertEqual(write(descriptor, "4242\n", 5), 5)
    let trainer = try Support.trainer(Support.recallConfig(epochs: 1))
    XCTAssertThrowsError(try RunRecorder(directory: directory, trainer: trainer, programVersion: "1")) {
      XCTAssertTrue("\($0)".contains("another rnnscope (PID 4242) is recording into this directory"), "\($0)")
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent(RunFiles.info).path))
  }

  func testRunStoppedBeforeItsFirstEpochResumesAndLosesItsTemporaryFiles() throws {
    let directory = Support.runDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = Support.recallConfig(epochs: 2)
    do {
      let trainer = try Support.trainer(config)
      let recorder = try RunRecorder(directory: directory, trainer: trainer, programVersion: "1")
      try Support.train(trainer, steps: 3, recorder: recorder)
    }
    let leftover = directory.appendingPathComponent(".epoch-0001.safetensors.tmp-99999-1")
    XCTAssertTrue(FileManager.default.createFile(atPath: leftover.path, contents: Data(count: 1000)))
    let run = try RunDirectory(directory)
    XCTAssertEqual(run.epochs, [])
    let resumed = try run.resumeTrainer()
    XCTAssertEqual(resumed.step, 0)
    XCTAssertEqual(resumed.config, config)
    let recorder = try RunRecorder(continuing: run, trainer: resumed, programVersion: "1")
    XCTAssertFalse(FileManager.default.fileExists(atPath: leftover.path), "a dead writer's temporary file stays")
    try Support.train(resumed, steps: 8, recorder: recorder)
    let straight = try Support.trainer(config)
    try Support.train(straight, steps: 8, recorder: nil)
    XCTAssertEqual(Support.bits(resumed.model.parameters), Support.bits(straight.model.parameters))
    XCTAssertEqual(try RunDirectory(directory).epochs.map(\.number), [1, 2])
  }

  // MARK: Atomic writes and what the path points to

  func testAtomicWriteThroughASymlinkReplacesItsTarget() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("target.txt")
    let link = folder.appendingPathComponent("link.txt")
    try Data("old".utf8).write(to: target)
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "target.txt")
    try AtomicFile.write(Data("new".utf8), to: link)
    XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), "target.txt")
    XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "new")
  }

  func testAtomicWriteToAFIFOWritesIntoIt() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("fifo").path
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    // A reader that never blocks: opened before the write, read after it.
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    XCTAssertGreaterThanOrEqual(reader, 0)
    defer { close(reader) }
    try AtomicFile.write(Data("through the pipe".utf8), to: URL(fileURLWithPath: fifo))
    XCTAssertEqual(kind(of: fifo), S_IFIFO, "the FIFO was replaced")
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = read(reader, &buffer, buffer.count)
    XCTAssertEqual(String(decoding: buffer[..<max(count, 0)], as: UTF8.self), "through the pipe")
    XCTAssertFalse(AtomicFile.isRegularOrAbsent(URL(fileURLWithPath: fifo)))
  }

  func testAtomicWriteToACharacterDeviceLeavesTheNode() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let null = folder.appendingPathComponent("null").path
    // A private /dev/null (major 1, minor 3): needs root; never the system's own node.
    // makedev(1, 3) on Linux: (1 << 8) | 3.
    guard mknod(null, S_IFCHR | 0o666, (1 << 8) | 3) == 0 else { throw XCTSkip("mknod needs root") }
    try AtomicFile.write(Data("discarded".utf8), to: URL(fileURLWithPath: null))
    XCTAssertEqual(kind(of: null), S_IFCHR, "the device node was replaced by a plain file")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["null"])
  }

  // MARK: Resuming on the recorded text

  func testResumeRefusesAChangedTextUnlessAllowed() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = folder.appendingPathComponent("corpus.txt")
    try Data(String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 40).utf8).write(to: text)
    var config = Support.languageModelConfig(epochs: 1)
    config.textPath = text.path
    let directory = folder.appendingPathComponent("run")
    let trainer = Trainer(config: config, task: try config.task.makeTask(text: TextSource.load(path: text.path)))
    try Support.train(
      trainer, steps: 3, recorder: try RunRecorder(directory: directory, trainer: trainer, programVersion: "1"))
    XCTAssertEqual(try RunDirectory(directory).info?.text?.bytes, 1800)
    XCTAssertNoThrow(try RunDirectory(directory).resumeTrainer(epochs: 2))

    try Data(String(repeating: "Another text entirely, of another size. ", count: 30).utf8).write(to: text)
    XCTAssertThrowsError(try RunDirectory(directory).resumeTrainer(epochs: 2)) {
      let message = "\($0)"
      XCTAssertTrue(message.contains("is not the text this run was recorded on (1800 bytes"), message)
      XCTAssertTrue(message.contains("--allow-changed-text"), message)
    }
    let resumed = try RunDirectory(directory).resumeTrainer(epochs: 2, allowingChangedText: true)
    XCTAssertEqual(resumed.step, 3)
    XCTAssertEqual(resumed.stepsPerEpoch, 3)
  }

  // MARK: Memory on hostile files

  func testSafeTensorsHeaderWithTooManyTensorsIsRefusedBeforeParsing() {
    let count = 20_001
    var json = "{"
    for index in 0..<count {
      json += "\"t\(index)\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[\(4 * index),\(4 * index + 4)]},"
    }
    json.removeLast()
    json += "}"
    var bytes = Data()
    withUnsafeBytes(of: UInt64(json.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: Array(json.utf8))
    bytes.append(Data(count: 4 * count))
    XCTAssertThrowsError(try SafeTensorsFile(bytes: bytes, fileName: "many.safetensors")) {
      XCTAssertTrue("\($0)".contains("rnnscope reads files of at most 20000 tensors"), "\($0)")
    }
  }

  func testTextOfNULsIsRefusedWithoutReadingItWhole() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A sparse file: 512 MB of NULs that take no disk space.
    let path = folder.appendingPathComponent("zeros.txt").path
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
    XCTAssertEqual(truncate(path, 512 << 20), 0)
    let before = peakResidentKilobytes()
    XCTAssertThrowsError(try TextSource.load(path: path)) {
      XCTAssertTrue("\($0)".contains("NUL byte at offset 0"), "\($0)")
    }
    XCTAssertLessThan(peakResidentKilobytes() - before, 100_000, "the peak grew by more than 100 MB")
  }

  // MARK: Messages

  func testEvalOfNonFiniteWeightsSaysSo() {
    let model = RecurrentModel(config: ModelConfig(cell: .lstm, input: .oneHot(vocab: 256), hidden: 8, outputs: 256))
    model.parameters[3] = .nan
    model.parameters[7] = .infinity
    let tokens = Array("some text".utf8).map { Int32($0) }
    XCTAssertThrowsError(try SequenceEvaluation.languageModelLoss(of: model, tokens: tokens)) {
      XCTAssertTrue("\($0)".contains("2 of the model's \(model.parameters.count) weights are NaN or infinite"), "\($0)")
    }
  }

  func testFileErrorsReadAsSentences() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("file")
    try Data("x".utf8).write(to: file)
    let trainer = try Support.trainer(Support.recallConfig(epochs: 1))
    XCTAssertThrowsError(
      try RunRecorder(directory: file.appendingPathComponent("run"), trainer: trainer, programVersion: "1")
    ) {
      XCTAssertEqual(
        "\($0)", "\(file.path)/run: cannot create the run directory (\(String(cString: strerror(ENOTDIR))))")
    }
  }

  // MARK: Helpers

  /// The process's peak resident memory so far.
  private func peakResidentKilobytes() -> Int {
    var usage = rusage()
    #if canImport(Glibc)
      getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    return usage.ru_maxrss
  }

  /// A recall run recorded for `epochs` epochs of 4 steps.
  private func recordedRun(epochs: Int) throws -> URL {
    let directory = Support.runDirectory()
    let trainer = try Support.trainer(Support.recallConfig(epochs: epochs))
    let recorder = try RunRecorder(directory: directory, trainer: trainer, programVersion: "1")
    try Support.train(trainer, steps: 4 * epochs, recorder: recorder)
    return directory
  }

  /// Rewrites epoch 1's checkpoint from its own trainer after `change`, keeping its name and metadata.
  private func tamperWithCheckpoint(in directory: URL, _ change: (Trainer) throws -> Void) throws {
    let url = directory.appendingPathComponent(RunFiles.checkpoint(epoch: 1))
    let file = try SafeTensorsFile(contentsOf: url)
    let trainer = try Trainer(restoringRunOf: file)
    try change(trainer)
    try trainer.checkpoint(metadata: [CheckpointFormat.Metadata.epoch: "1"]).write(to: url)
  }

  private func temporaryFolder() throws -> URL {
    let folder = Support.runDirectory()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  private func kind(of path: String) -> mode_t {
    var status = stat()
    XCTAssertEqual(lstat(path, &status), 0)
    return status.st_mode & S_IFMT
  }
}
