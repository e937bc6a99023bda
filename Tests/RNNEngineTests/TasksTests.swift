import Foundation
import XCTest

@testable import RNNEngine

/// Batches, probes and settings of the four tasks.
final class TasksTests: XCTestCase {
  // MARK: helpers

  /// ASCII lowercase written out independently of the code under test.
  private func lower(_ byte: Int32) -> Int32 { (65...90).contains(byte) ? byte + 32 : byte }

  private func targets(_ batch: Batch) -> [Int32] {
    switch batch.targets {
    case .everyStep(let ids), .lastStep(let ids): return ids
    case .regression:
      XCTFail("expected class targets")
      return []
    }
  }

  private func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    return (0...(haystack.count - needle.count)).contains { start in
      haystack[start..<(start + needle.count)].elementsEqual(needle)
    }
  }

  /// A text whose training part is letters only and whose held-out part is digits only.
  private func twoAlphabetSource() -> TextSource {
    let letters = (0..<900).map { UInt8(ascii: "a") + UInt8($0 % 26) }
    let digits = (0..<100).map { UInt8(ascii: "0") + UInt8($0 % 10) }
    return TextSource(name: "two alphabets", bytes: letters + digits, heldOutFraction: 0.1)
  }

  // MARK: case correction

  func testCaseInputIsLowercaseOfTargetAndPaddingIsNul() throws {
    let task = try CaseCorrectionTask(source: .builtin())
    var rng = SeededRandom(seed: 7)
    for _ in 0..<5 {
      let batch = task.trainingBatch(size: 32, rng: &rng)
      let cased = targets(batch)
      XCTAssertEqual(batch.tokens.count, 32 * batch.length)
      XCTAssertTrue(batch.mask.isEmpty, "padding is scored by default, like the lecture's demo")
      var longest = 0
      for b in 0..<32 {
        let row = (0..<batch.length).map { b * batch.length + $0 }
        let realCount = row.prefix { cased[$0] != 0 }.count
        XCTAssertTrue((10...100).contains(realCount), "crop length \(realCount)")
        longest = max(longest, realCount)
        for i in row {
          XCTAssertEqual(batch.tokens[i], lower(cased[i]))
        }
        for i in row.dropFirst(realCount) {
          XCTAssertEqual(batch.tokens[i], 0)
          XCTAssertEqual(cased[i], 0)
        }
      }
      XCTAssertEqual(batch.length, longest, "batches are padded to their longest crop only")
    }
  }

  func testCaseBatchesContainUppercaseToLearn() throws {
    let task = try CaseCorrectionTask(source: .builtin())
    var rng = SeededRandom(seed: 1)
    let batch = task.trainingBatch(size: 64, rng: &rng)
    let uppercase = targets(batch).filter { (65...90).contains($0) }.count
    XCTAssertGreaterThan(uppercase, 32)
    XCTAssertFalse(batch.tokens.contains { (65...90).contains($0) }, "inputs have no capitals")
  }

  func testCaseMaskPaddingZeroesExactlyThePadding() throws {
    let task = try CaseCorrectionTask(source: .builtin(), config: .init(minLength: 5, maxLength: 60, maskPadding: true))
    var rng = SeededRandom(seed: 3)
    let batch = task.trainingBatch(size: 16, rng: &rng)
    let cased = targets(batch)
    XCTAssertEqual(batch.mask.count, cased.count)
    for (mask, target) in zip(batch.mask, cased) {
      XCTAssertEqual(mask, target == 0 ? 0 : 1)
    }
    XCTAssertTrue(batch.mask.contains(0), "16 random lengths in 5...60 should need some padding")
  }

  func testCaseCropsAreTextOfTheTrainingPart() throws {
    let source = TextSource.builtin()
    let task = try CaseCorrectionTask(source: source)
    var rng = SeededRandom(seed: 11)
    let batch = task.trainingBatch(size: 8, rng: &rng)
    let cased = targets(batch)
    for b in 0..<8 {
      let row = cased[(b * batch.length)..<((b + 1) * batch.length)].prefix { $0 != 0 }.map { UInt8($0) }
      XCTAssertTrue(occurs(row, in: source.trainingBytes))
    }
  }

  func testTextTasksKeepTrainingAndHeldOutApart() throws {
    let source = twoAlphabetSource()
    let isDigit: (Int32) -> Bool = { (48...57).contains($0) }
    let tasks: [any SequenceTask] = [
      try CaseCorrectionTask(source: source, config: .init(minLength: 10, maxLength: 20)),
      try LanguageModelTask(source: source, config: .init(length: 20)),
    ]
    for task in tasks {
      var rng = SeededRandom(seed: 5)
      for _ in 0..<20 {
        let batch = task.trainingBatch(size: 16, rng: &rng)
        XCTAssertFalse(
          batch.tokens.contains(where: isDigit), "\(task.kind): a training input came from the held-out part")
        XCTAssertFalse(
          targets(batch).contains(where: isDigit), "\(task.kind): a training target came from the held-out part")
      }
      let heldOut = task.heldOutBatches(size: 4)
      XCTAssertFalse(heldOut.isEmpty)
      for batch in heldOut {
        XCTAssertTrue(batch.tokens.allSatisfy(isDigit), "\(task.kind): held-out input outside the held-out part")
        XCTAssertTrue(targets(batch).allSatisfy(isDigit), "\(task.kind): held-out target outside the held-out part")
      }
    }
  }

  func testCaseHeldOutIsFixedFullLengthWindows() throws {
    let task = try CaseCorrectionTask(source: .builtin())
    let first = task.heldOutBatches(size: 16)
    XCTAssertEqual(first, task.heldOutBatches(size: 16))
    XCTAssertEqual(first, try CaseCorrectionTask(source: .builtin()).heldOutBatches(size: 16))
    let heldOutCount = TextSource.builtin().heldOutBytes.count
    XCTAssertEqual(first.map(\.batchSize).reduce(0, +), heldOutCount / 100)
    for batch in first {
      XCTAssertEqual(batch.length, 100)
      XCTAssertLessThanOrEqual(batch.batchSize, 16)
      XCTAssertFalse(targets(batch).contains(0), "held-out windows need no padding")
    }
  }

  func testSameSeedSameBatchesDifferentSeedDifferentBatches() throws {
    let tasks: [any SequenceTask] = [
      try CaseCorrectionTask(source: .builtin()), try LanguageModelTask(source: .builtin()),
      try RecallTask(), try AddingTask(),
    ]
    for task in tasks {
      var a = SeededRandom(seed: 42)
      var b = SeededRandom(seed: 42)
      var c = SeededRandom(seed: 43)
      let fromA = (0..<3).map { _ in task.trainingBatch(size: 8, rng: &a) }
      let fromB = (0..<3).map { _ in task.trainingBatch(size: 8, rng: &b) }
      let fromC = (0..<3).map { _ in task.trainingBatch(size: 8, rng: &c) }
      XCTAssertEqual(fromA, fromB, "\(task.kind)")
      XCTAssertNotEqual(fromA, fromC, "\(task.kind)")
      XCTAssertNotEqual(fromA[0], fromA[1], "\(task.kind): each step draws a fresh batch")
    }
  }

  func testCaseDefaultProbeIsTheLectureSentence() throws {
    let probe = try CaseCorrectionTask(source: .builtin()).probe
    XCTAssertEqual(
      probe.inputText,
      #"upon his pale face. "it may be so, or it may not, mr. holmes," said he, "but if you are so very sharp"#)
    XCTAssertEqual(
      probe.targetText,
      #"upon his pale face. "It may be so, or it may not, Mr. Holmes," said he, "but if you are so very sharp"#)
    XCTAssertEqual(probe.batch.tokens.map { UInt8($0) }, Array(probe.inputText.utf8))
    XCTAssertEqual(targets(probe.batch).map { UInt8($0) }, Array(probe.targetText.utf8))
    XCTAssertEqual(probe.inputLabels.count, probe.batch.length)
    XCTAssertEqual(probe.targetLabels[21], "I", "the capital after the opening quote")
  }

  func testCaseCustomProbeLowercasesOnlyASCIILetters() throws {
    let task = try CaseCorrectionTask(source: .builtin(), config: .init(probeText: "Dr. Varga met Émile in London."))
    XCTAssertEqual(task.probe.inputText, "dr. varga met Émile in london.")
    XCTAssertEqual(task.probe.targetText, "Dr. Varga met Émile in London.")
    XCTAssertEqual(task.probe.batch.length, "Dr. Varga met Émile in London.".utf8.count)
  }

  func testOnAUsersTextTheProbeIsTheHeldOutTailsFirstSentence() throws {
    let training = String(repeating: "The cat sat on the mat. ", count: 40)
    let heldOut =
      "it ended. Émile met Dr. Varga at the station, and they walked along the river until dusk fell on the town. More"
    let text = Array((training + heldOut).utf8)
    let source = TextSource(
      name: "story.txt", bytes: text, heldOutFraction: Double(heldOut.utf8.count) / Double(text.count))
    XCTAssertEqual(source.heldOutBytes, Array(heldOut.utf8))
    let sentence = "Émile met Dr. Varga at the station, and they walked along the river until dusk fell on the town."
    XCTAssertEqual(
      source.heldOutProbe(), sentence, "starts at a capital after '. ', stops before a space within 100 bytes")
    XCTAssertEqual(try CaseCorrectionTask(source: source).probe.targetText, sentence)
    XCTAssertEqual(
      try LanguageModelTask(source: source, config: .init(length: 20)).probe.inputText, String(sentence.dropLast()))
    XCTAssertEqual(
      try CaseCorrectionTask(source: source, config: .init(probeText: "Given.")).probe.targetText, "Given.")
  }

  func testAHeldOutTailWithoutASentenceStartKeepsTheLectureProbe() throws {
    let text = Array(String(repeating: "no capitals here, only words. ", count: 40).utf8)
    let source = TextSource(name: "lower.txt", bytes: text)
    XCTAssertNil(source.heldOutProbe())
    XCTAssertEqual(try CaseCorrectionTask(source: source).probe.targetText, CaseCorrectionTask.defaultProbeText)
    XCTAssertEqual(
      try LanguageModelTask(source: .builtin()).probe.targetText, String(BuiltinCorpus.probeSentence.dropFirst()))
  }

  // MARK: language model

  func testLanguageModelTargetsAreInputsShiftedByOne() throws {
    let source = TextSource.builtin()
    let task = try LanguageModelTask(source: source, config: .init(length: 50))
    var rng = SeededRandom(seed: 9)
    let batch = task.trainingBatch(size: 8, rng: &rng)
    let next = targets(batch)
    XCTAssertEqual(batch.length, 50)
    XCTAssertTrue(batch.mask.isEmpty)
    for b in 0..<8 {
      let inputs = batch.tokens[(b * 50)..<((b + 1) * 50)]
      let outputs = next[(b * 50)..<((b + 1) * 50)]
      XCTAssertEqual(Array(inputs.dropFirst()), Array(outputs.dropLast()))
      let crop = (Array(inputs) + [outputs.last ?? 0]).map { UInt8($0) }
      XCTAssertTrue(occurs(crop, in: source.trainingBytes))
    }
  }

  func testLanguageModelHeldOutWindowsFollowEachOther() throws {
    let source = TextSource.builtin()
    let task = try LanguageModelTask(source: source, config: .init(length: 100))
    let batches = task.heldOutBatches(size: 32)
    XCTAssertEqual(batches, task.heldOutBatches(size: 32))
    let inputs = batches.flatMap(\.tokens).map { UInt8($0) }
    XCTAssertEqual(inputs, Array(source.heldOutBytes.prefix(inputs.count)), "windows tile the held-out text")
  }

  func testLanguageModelProbeIsACorpusSentenceShifted() throws {
    let probe = try LanguageModelTask(source: .builtin()).probe
    let sentence = BuiltinCorpus.probeSentence
    XCTAssertTrue(BuiltinCorpus.text.contains(sentence))
    XCTAssertEqual(probe.inputText, String(sentence.dropLast()))
    XCTAssertEqual(probe.targetText, String(sentence.dropFirst()))
  }

  // MARK: recall

  func testRecallSequencesHavePayloadDistractorsQueryAndPayloadTarget() throws {
    let gap = 12
    let task = try RecallTask(config: .init(gap: gap))
    var rng = SeededRandom(seed: 2)
    let batch = task.trainingBatch(size: 64, rng: &rng)
    XCTAssertEqual(batch.length, gap + 2)
    guard case .lastStep(let answers) = batch.targets else { return XCTFail("recall is scored at the last step") }
    XCTAssertEqual(answers.count, 64)
    for b in 0..<64 {
      let row = Array(batch.tokens[(b * batch.length)..<((b + 1) * batch.length)])
      XCTAssertTrue((0..<8).contains(row[0]), "payload first")
      XCTAssertTrue(row[1...gap].allSatisfy { (8..<16).contains($0) }, "distractors in between")
      XCTAssertEqual(row[gap + 1], 16, "query last")
      XCTAssertEqual(answers[b], row[0])
    }
    XCTAssertEqual(Set(answers).count, 8, "64 draws should cover all 8 payloads")
    XCTAssertEqual(task.input, .tokens(vocabulary: 17))
    XCTAssertEqual(task.outputs, 8)
  }

  func testRecallHeldOutIsFixedAndIndependentOfTraining() throws {
    let task = try RecallTask(config: .init(gap: 5, heldOutCount: 100))
    let heldOut = task.heldOutBatches(size: 32)
    XCTAssertEqual(heldOut.map(\.batchSize), [32, 32, 32, 4])
    XCTAssertEqual(heldOut, try RecallTask(config: .init(gap: 5, heldOutCount: 100)).heldOutBatches(size: 32))
    let otherSeed = try RecallTask(config: .init(gap: 5, heldOutCount: 100, heldOutSeed: 1))
    XCTAssertNotEqual(heldOut, otherSeed.heldOutBatches(size: 32), "the held-out set is drawn from its own seed")
  }

  func testRecallNamesAndProbe() throws {
    let task = try RecallTask(config: .init(gap: 3))
    XCTAssertEqual(task.symbolName(3), "p3")
    XCTAssertEqual(task.symbolName(13), "d5")
    XCTAssertEqual(task.symbolName(16), "?")
    XCTAssertEqual(task.probe.inputLabels.count, 5)
    XCTAssertEqual(task.probe.inputLabels.last, "?")
    XCTAssertEqual(task.probe.targetLabels, [task.probe.inputLabels[0]])
  }

  // MARK: adding

  func testAddingHasOneMarkerPerHalfAndSumsThem() throws {
    let length = 30
    let task = try AddingTask(config: .init(length: length))
    var rng = SeededRandom(seed: 4)
    let batch = task.trainingBatch(size: 50, rng: &rng)
    XCTAssertEqual(batch.features.count, 50 * length * 2)
    XCTAssertTrue(batch.tokens.isEmpty)
    guard case .regression(let sums) = batch.targets else { return XCTFail("adding is a regression") }
    XCTAssertEqual(sums.count, 50)
    for b in 0..<50 {
      let steps = (0..<length).map { (b * length + $0) * 2 }
      let values = steps.map { batch.features[$0] }
      let markers = steps.map { batch.features[$0 + 1] }
      XCTAssertTrue(values.allSatisfy { $0 >= 0 && $0 < 1 })
      XCTAssertTrue(markers.allSatisfy { $0 == 0 || $0 == 1 })
      let marked = markers.indices.filter { markers[$0] == 1 }
      XCTAssertEqual(marked.count, 2)
      XCTAssertEqual(marked.filter { $0 < length / 2 }.count, 1, "one marker in the first half")
      XCTAssertEqual(sums[b], values[marked[0]] + values[marked[1]], accuracy: 1e-6)
    }
    XCTAssertEqual(task.input, .dense(features: 2))
    XCTAssertTrue(task.headIsRegression)
  }

  func testAddingProbeLabelsMarkTheMarkedSteps() throws {
    let task = try AddingTask(config: .init(length: 10))
    let probe = task.probe
    XCTAssertEqual(probe.inputLabels.filter { $0.hasSuffix("*") }.count, 2)
    XCTAssertEqual(task.inputLabel(of: probe.batch, sequence: 0, step: 3), probe.inputLabels[3])
    guard case .regression(let sums) = probe.batch.targets else { return XCTFail("adding is a regression") }
    XCTAssertEqual(Float(probe.targetText) ?? -1, sums[0], accuracy: 0.0005)
    XCTAssertEqual(AddingTask.format(0.5, decimals: 2), "0.50")
    XCTAssertEqual(AddingTask.format(1.0049, decimals: 3), "1.005")
  }

  // MARK: settings

  func testInvalidSettingsThrowOneLineErrors() {
    let source = TextSource.builtin()
    func error(_ make: () throws -> any SequenceTask) -> TaskError? {
      do {
        _ = try make()
        return nil
      } catch {
        return error as? TaskError
      }
    }
    let cases: [(TaskError?, TaskError)] = [
      (error { try RecallTask(config: .init(gap: 0)) }, .gapTooSmall(0)),
      (
        error { try CaseCorrectionTask(source: source, config: .init(minLength: 50, maxLength: 20)) },
        .minLengthAboveMax(min: 50, max: 20)
      ),
      (
        error { try CaseCorrectionTask(source: source, config: .init(minLength: 0)) },
        .lengthTooSmall(setting: "minimum length", value: 0, minimum: 1)
      ),
      (
        error { try LanguageModelTask(source: source, config: .init(length: 0)) },
        .lengthTooSmall(setting: "sequence length", value: 0, minimum: 1)
      ),
      (
        error { try AddingTask(config: .init(length: 1)) },
        .lengthTooSmall(setting: "adding sequence length", value: 1, minimum: 2)
      ),
      (
        error { try CaseCorrectionTask(source: source, config: .init(probeText: String(repeating: "a", count: 401))) },
        .probeTooLong(count: 401, limit: 400)
      ),
      (
        error { try CaseCorrectionTask(source: source, config: .init(probeText: "ab\u{0}c")) },
        .probeByteNotAllowed(byte: 0, offset: 2)
      ),
      (
        error { try LanguageModelTask(source: source, config: .init(probeText: "a")) },
        .probeTooShort(count: 1, minimum: 2)
      ),
    ]
    for (thrown, expected) in cases {
      XCTAssertEqual(thrown, expected)
      XCTAssertFalse(expected.description.contains("\n"))
    }
    XCTAssertTrue(TaskError.gapTooSmall(0).description.contains("gap"))
    XCTAssertTrue(TaskError.probeByteNotAllowed(byte: 0, offset: 2).description.contains("0x00"))
  }

  func testTextShorterThanOneSequenceIsRejectedByName() {
    let short = TextSource(name: "tiny.txt", bytes: Array(repeating: UInt8(ascii: "x"), count: 500))
    XCTAssertThrowsError(try LanguageModelTask(source: short, config: .init(length: 100))) { error in
      XCTAssertEqual(error as? TaskError, .textTooShort(source: "tiny.txt", part: "held-out", count: 50, needed: 101))
      XCTAssertTrue("\(error)".contains("tiny.txt"))
    }
    XCTAssertThrowsError(try CaseCorrectionTask(source: short, config: .init(maxLength: 600))) { error in
      XCTAssertEqual(error as? TaskError, .textTooShort(source: "tiny.txt", part: "training", count: 450, needed: 600))
    }
    XCTAssertNoThrow(try CaseCorrectionTask(source: short, config: .init(minLength: 5, maxLength: 50)))
  }

  func testTaskConfigRoundTripsAndBuildsTheRightTask() throws {
    for kind in TaskKind.allCases {
      let config = TaskConfig.defaults(for: kind)
      let decoded = try JSONDecoder().decode(TaskConfig.self, from: JSONEncoder().encode(config))
      XCTAssertEqual(decoded, config)
      let task = try config.makeTask()
      XCTAssertEqual(task.kind, kind)
      XCTAssertEqual(task.config, config)
    }
    XCTAssertEqual(TaskKind(rawValue: "case"), .caseCorrection)
    XCTAssertEqual(TaskKind(rawValue: "lm"), .languageModel)
  }

  func testByteSymbolNames() {
    XCTAssertEqual(ByteText.symbolName(0), "NUL")
    XCTAssertEqual(ByteText.symbolName(10), "\\n")
    XCTAssertEqual(ByteText.symbolName(65), "A")
    XCTAssertEqual(ByteText.symbolName(32), " ")
    XCTAssertEqual(ByteText.symbolName(7), "0x07")
    XCTAssertEqual(ByteText.symbolName(200), "0xC8")
  }
}
