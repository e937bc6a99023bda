import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// A language model over a vocabulary of its own (as saved from PyTorch with a symbol list) shows its
/// symbols in every view, not the bytes of their UTF-8 encoding.
final class VocabularyModelViewTests: XCTestCase {
  /// Twelve symbols, none of them ASCII but the space, so a byte-level view could not show them.
  private let vocabulary = ImportVocabulary(symbols: Array(" αβγδεζηθικλ"))

  /// A paused snapshot of an untrained LSTM on a text in `vocabulary`, its probe already run.
  private func snapshot() throws -> TrainingSnapshot {
    let text = String(repeating: "αβγ δεζ ηθι κλα βγδ ", count: 20)
    let source = TextSource(name: "greek", bytes: Array(text.utf8))
    let task = try LanguageModelTask(
      source: source, config: .init(length: 10, probeText: "αβγ δεζ ηθι κλ"), vocabulary: vocabulary)
    let config = TrainingConfig(task: task.config, cell: .lstm, hidden: 8, epochs: 1, stepsPerEpoch: 2)
    let trainer = Trainer(config: config, task: task)
    var log = TrainingLog()
    log.resample(trainer, temperature: log.sampleTemperature)
    return TrainingSnapshot(trainer: trainer, status: .paused, log: log)
  }

  func testTheTaskHasOneOutputPerSymbolAndTokensOfTheVocabulary() throws {
    let task = try snapshot().task
    XCTAssertEqual(task.outputs, 12)
    XCTAssertEqual(task.probe.batch.tokens.prefix(4), [1, 2, 3, 0])
    XCTAssertEqual(task.probe.inputText, "αβγ δεζ ηθι κ")
    XCTAssertEqual(task.outputName(11), "λ")
  }

  func testTheSamplePrimeEndsAtTheVocabularysSpace() throws {
    XCTAssertEqual(try snapshot().sample?.prime, "αβγ δεζ ηθι ")
  }

  func testEveryViewShowsTheModelsOwnSymbols() throws {
    let snapshot = try snapshot()
    for view in [ViewID.unrolled, .hidden, .gates, .gradients, .training] {
      for (width, height) in [(80, 24), (160, 48)] {
        var state = AppState(width: width, height: height, view: view)
        _ = state.update(.snapshot(snapshot))
        let screen = PlainTextExporter().lines(state.render()).joined(separator: "\n")
        let shown = Set("αβγδεζηθικλ").filter { screen.contains($0) }
        XCTAssertGreaterThanOrEqual(shown.count, 2, "\(view) at \(width)x\(height) shows too few symbols:\n\(screen)")
        XCTAssertFalse(screen.contains("xCE"), "\(view) at \(width)x\(height) shows UTF-8 bytes:\n\(screen)")
      }
    }
  }

  func testATextWithASymbolOutsideTheVocabularyIsAOneLineError() {
    let source = TextSource(name: "mixed", bytes: Array(String(repeating: "αβγ δ ", count: 40).utf8) + [0x61])
    XCTAssertThrowsError(
      try LanguageModelTask(source: source, config: .init(length: 10, probeText: "αβγ"), vocabulary: vocabulary)
    ) { error in
      XCTAssertTrue("\(error)".contains("\"a\""), "\(error)")
      XCTAssertFalse("\(error)".contains("\n"))
    }
  }
}
