import Foundation
import XCTest

@testable import RNNEngine

/// The encoder–decoder tasks, vocabularies, pairs files, decoding and a short learning run.
final class Seq2SeqTaskTests: XCTestCase {
  /// Every date of the task's range, in every format, parses back to its ISO form.
  func testEveryFormattedDateParsesBackToItsISOForm() {
    let first = HumanDate(year: HumanDate.years.lowerBound, month: 1, day: 1).dayNumber
    let last = HumanDate(year: HumanDate.years.upperBound, month: 12, day: 31).dayNumber
    var checked = 0
    for day in stride(from: first, through: last, by: 11) {  // 11 is prime to 7: every weekday comes up
      let date = HumanDate(dayNumber: day)
      for format in 0..<HumanDate.formatCount {
        let text = date.formatted(format)
        XCTAssertEqual(HumanDate.parse(text)?.iso, date.iso, "format \(format): \(text)")
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 60_000)
    XCTAssertEqual(HumanDate(year: 1979, month: 5, day: 3).formatted(6), "Thursday, May 3, 1979")
    XCTAssertEqual(HumanDate(year: 1979, month: 5, day: 3).formatted(3), "may 3rd 79")
    XCTAssertNil(HumanDate.parse("Friday, May 3, 1979"), "a wrong weekday does not parse")
    XCTAssertNil(HumanDate.parse("31/02/1979"), "February 31st does not exist")
  }

  func testTwentyDistinctFormatsWithAndWithoutWeekday() {
    let date = HumanDate(year: 2021, month: 11, day: 22)
    let texts = Set((0..<HumanDate.formatCount).map { date.formatted($0) })
    XCTAssertEqual(texts.count, 20)
    XCTAssertTrue(texts.contains { $0.contains("Monday") || $0.contains("mon") })
    XCTAssertTrue(texts.contains { !$0.lowercased().contains("mon") })
  }

  func testDatesTaskNeverTrainsOnAHeldOutDate() throws {
    let task = Seq2SeqTask.generated(.dates, heldOutCount: 200)
    let heldOut = Set(task.heldOut.map(\.target))
    var random = SeededRandom(seed: 2)
    for _ in 0..<2000 { XCTAssertFalse(heldOut.contains(task.draw(&random).target)) }
    // Every held-out source is in the vocabulary.
    _ = try task.encode(task.heldOut)
  }

  func testGeneratedTasksAreDeterministicAndCorrect() {
    let task = Seq2SeqTask.generated(.reverse, lengths: 5...30, heldOutCount: 50)
    var (a, b) = (SeededRandom(seed: 9), SeededRandom(seed: 9))
    for _ in 0..<50 {
      let pair = task.draw(&a)
      XCTAssertEqual(pair, task.draw(&b))
      XCTAssertEqual(String(pair.source.reversed()), pair.target)
      XCTAssertTrue((5...30).contains(pair.source.count))
    }
    let sort = Seq2SeqTask.generated(.sort, lengths: 3...4, heldOutCount: 5)
    for pair in sort.heldOut { XCTAssertEqual(String(pair.source.sorted()), pair.target) }
    XCTAssertEqual(task.vocabulary.sourceSize, 29)
  }

  func testVocabularyJSONRoundTripsAndSpecialIds() throws {
    let vocabulary = Seq2SeqVocabulary(source: ["a", "é"], target: ["x"])
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("vocab-\(UUID()).json")
    try vocabulary.encoded().write(to: url)
    XCTAssertEqual(try Seq2SeqVocabulary.load(from: url), vocabulary)
    XCTAssertEqual(try vocabulary.encodeSource("éa"), [4, 3])
    XCTAssertEqual(vocabulary.decodeTarget([3, 3, 2, 3]), "xx")
    XCTAssertThrowsError(try vocabulary.encodeSource("b")) { error in
      XCTAssertEqual("\(error)", "'b' (U+62) is not in the source vocabulary")
    }
  }

  func testBadPairsFilesGiveOneLineErrors() {
    let good = (0..<10).map { "s\($0)\tt\($0)" }.joined(separator: "\n")
    XCTAssertEqual(try PairsFile.parse(Data((good + "\n\n").utf8), path: "p.tsv").count, 10)
    func error(_ text: Data) -> String {
      do {
        _ = try PairsFile.parse(text, path: "p.tsv")
        return "no error"
      } catch { return "\(error)" }
    }
    XCTAssertEqual(error(Data((good + "\nnotab").utf8)), "p.tsv:11: no tab between source and target")
    XCTAssertEqual(error(Data(("\tx\n" + good).utf8)), "p.tsv:1: empty source")
    XCTAssertEqual(error(Data((good + "\nx\t").utf8)), "p.tsv:11: empty target")
    XCTAssertEqual(error(Data(good.utf8) + Data([10, 0x61, 9, 0xFF])), "p.tsv:11: not valid UTF-8")
    XCTAssertEqual(
      error(Data((good + "\n" + String(repeating: "a", count: 1001) + "\tb").utf8)), "p.tsv:11: longer than 1000 bytes")
    XCTAssertEqual(error(Data("a\tb\nc\td".utf8)), "p.tsv has 2 pairs; at least 10 are needed")
  }

  /// Beam search with one hypothesis takes exactly greedy's path.
  func testBeamOfWidthOneEqualsGreedy() throws {
    let task = Seq2SeqTask.generated(.reverse, lengths: 3...12, heldOutCount: 30)
    for (cell, attention) in [(CellType.gru, AttentionKind.dot), (.lstm, .none), (.gru, .additive)] {
      let model = Seq2SeqModel(
        config: Seq2SeqConfig(
          cell: cell, sourceVocabulary: 29, targetVocabulary: 29, embedding: 8, hidden: 16, bidirectional: true,
          attention: attention), seed: 3)
      let trainer = Seq2SeqTrainer(
        model: model, task: task, optimizer: Adam(learningRate: 3e-3), clip: 1, batchSize: 16, seed: 1)
      for _ in 0..<30 { trainer.trainStep() }
      let sources = try task.heldOut.map { try task.vocabulary.encodeSource($0.source) }
      let greedy = model.greedyDecode(sources, maxLength: 16)
      for (source, expected) in zip(sources, greedy) {
        let alone = model.greedyDecode([source], maxLength: 16)[0]
        XCTAssertEqual(alone.tokens, expected.tokens, "greedy alone vs in a batch")
        let beam = model.beamDecode(source, beamWidth: 1, maxLength: 16)
        XCTAssertEqual(beam.tokens, expected.tokens, "\(cell) \(attention)")
        XCTAssertEqual(beam.logProbability, expected.logProbability, accuracy: 1e-4)
        let wider = model.beamDecode(source, beamWidth: 4, maxLength: 16)
        XCTAssertGreaterThanOrEqual(
          wider.logProbability, beam.logProbability - 1e-4, "a wider beam finds at least as likely")
      }
    }
  }

  /// A few hundred steps of `reverse` on short sequences with attention get most outputs right.
  func testReverseWithAttentionLearns() throws {
    let task = Seq2SeqTask.generated(.reverse, lengths: 2...5, heldOutCount: 200)
    let model = Seq2SeqModel(
      config: Seq2SeqConfig(
        cell: .gru, sourceVocabulary: task.vocabulary.sourceSize, targetVocabulary: task.vocabulary.targetSize,
        embedding: 16, hidden: 32, attention: .dot), seed: 1)
    let trainer = Seq2SeqTrainer(
      model: model, task: task, optimizer: Adam(learningRate: 1e-2), clip: 1, batchSize: 32, seed: 1)
    let before = try Seq2SeqMetrics.evaluate(model, pairs: task.heldOut, vocabulary: task.vocabulary)
    for _ in 0..<400 { trainer.trainStep() }
    let after = try Seq2SeqMetrics.evaluate(model, pairs: task.heldOut, vocabulary: task.vocabulary)
    XCTAssertLessThan(before.exactAccuracy, 0.05)
    XCTAssertGreaterThan(after.exactAccuracy, 0.8, "exact \(after.exactAccuracy), tokens \(after.tokenAccuracy)")
    XCTAssertEqual(after.byLength.map(\.count).reduce(0, +), 200)
  }
}
