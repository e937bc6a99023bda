import Foundation
import XCTest

@testable import RNNEngine

/// Mutated text files either load as clean text that the text tasks can train on, or are refused
/// with a one-line `TextSourceError` (or `TaskError` when too short) — never a crash or a hang.
///
/// Quick default: 600 cases; `RNNSCOPE_FUZZ_CASES=N` for more (see `ReliabilityFuzzSupport`).
final class ReliabilityTextFuzzTests: XCTestCase {
  private typealias Fuzz = ReliabilityFuzzSupport
  private var directory: URL!

  override func setUpWithError() throws {
    directory = try SafeTensorsTestSupport.temporaryDirectory()
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  func testMutatedTextFilesNeverCrash() throws {
    let caseCount = Fuzz.caseCount(quickDefault: 600)
    let seed = Fuzz.seed
    let seeds: [[UInt8]] = [
      Array(BuiltinCorpus.bytes.prefix(3_000)),
      Array(String(repeating: "Grüße, 世界! Ünïcödé ✓ — «quotes»\r\n", count: 40).utf8),
      Array(repeating: UInt8(ascii: "a"), count: 1_500),
    ]
    var random = SeededRandom(seed: seed)
    var outcomes = (loaded: 0, refused: 0, trained: 0)
    let file = directory.appendingPathComponent("text.txt")
    for caseIndex in 0..<caseCount {
      var bytes = seeds[random.int(in: 0..<seeds.count)]
      let applied = (0..<(1 + random.int(in: 0..<3))).map { _ in Fuzz.mutate(&bytes, &random) }
      let context = "case \(caseIndex) (seed \(seed)): \(applied.joined(separator: ", "))"
      try Data(bytes).write(to: file)
      let source: TextSource
      do {
        source = try TextSource.load(path: file.path)
      } catch {
        Fuzz.assertClear(error, context)
        XCTAssertTrue(error.description.contains(file.path), "\(context): \(error) does not name the file")
        outcomes.refused += 1
        continue
      }
      outcomes.loaded += 1
      XCTAssertFalse(source.bytes.contains(0), context)
      XCTAssertNil(TextSource.firstInvalidUTF8Offset(source.bytes), context)
      XCTAssertEqual(source.trainingBytes + source.heldOutBytes, source.bytes, context)
      // Every 4th accepted text goes all the way through both text tasks.
      if caseIndex % 4 == 0 { outcomes.trained += trainOneStep(on: source, context: context) }
    }
    print(
      "text fuzz: \(caseCount) cases, \(outcomes.loaded) loaded, \(outcomes.refused) refused, \(outcomes.trained) trained"
    )
    XCTAssertGreaterThan(outcomes.loaded, caseCount / 10)
    XCTAssertGreaterThan(outcomes.refused, caseCount / 10)
  }

  /// Paths that are not regular files are refused at once instead of read forever.
  func testDevicesDirectoriesAndPipesAreRefused() throws {
    let fifo = directory.appendingPathComponent("pipe")
    XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
    for path in ["/dev/zero", "/dev/null", directory.path, fifo.path, directory.appendingPathComponent("missing").path]
    {
      XCTAssertThrowsError(try TextSource.load(path: path), path) { error in
        Fuzz.assertClear(error, path)
        XCTAssertTrue("\(error)".contains(path), "\(error)")
      }
    }
  }

  /// Builds the case and lm tasks on `source` and takes one step of each; returns how many trained.
  private func trainOneStep(on source: TextSource, context: String) -> Int {
    let tasks: [TaskConfig] = [
      .caseCorrection(.init(minLength: 2, maxLength: 12, heldOutLimit: 4)),
      .languageModel(.init(length: 8, heldOutLimit: 4)),
    ]
    var trained = 0
    for taskConfig in tasks {
      let task: any SequenceTask
      do {
        task = try taskConfig.makeTask(text: source)
      } catch {
        Fuzz.assertClear(error, context)
        continue
      }
      let config = TrainingConfig(
        task: taskConfig, cell: .gru, hidden: 4, batchSize: 2, epochs: 1, stepsPerEpoch: 1, seed: 3)
      let trainer = Trainer(config: config, task: task)
      guard case .trained(let stats, _) = trainer.trainStep() else {
        XCTFail("\(context): one step diverged")
        continue
      }
      XCTAssertTrue(stats.loss.isFinite, context)
      XCTAssertTrue(trainer.evaluateHeldOut().loss.isFinite, context)
      _ = trainer.decodedProbe(trainer.probeTrace())
      trained += 1
    }
    return trained
  }
}
