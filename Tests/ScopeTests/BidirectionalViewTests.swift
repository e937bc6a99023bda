import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

/// The views of a bidirectional model: each direction drawn apart, on the same character axis,
/// named by its reading direction, with the numbers of the right direction at the right position.
final class BidirectionalViewTests: XCTestCase {
  /// `SnapshotFixture.snapshot()` as a bidirectional LSTM: its trace's reverse direction holds the
  /// forward patterns mirrored in time, so the two heatmaps differ.
  private func fixture() throws -> TrainingSnapshot {
    var snapshot = try SnapshotFixture.snapshot()
    var model = snapshot.model
    model.bidirectional = true
    snapshot.model = model
    snapshot.config.bidirectional = true
    var trace = SnapshotFixture.trace(task: snapshot.task, model: model, length: snapshot.trace.length)
    let forward = trace.layers[0]
    func mirrored(_ values: StepValues) -> StepValues { StepValues(values.reversed().map { Array($0) }) }
    let reverse = Trace.LayerTrace(
      h: mirrored(forward.h), c: mirrored(forward.c),
      gates: forward.gates.map { Trace.GateTrace(name: $0.name, values: mirrored($0.values)) },
      dh: mirrored(forward.dh), dc: mirrored(forward.dc), jacobianNorm: forward.jacobianNorm.reversed(),
      recurrentSpectralNorm: 1.5, derivativeBound: 1, lastStepGradientNorms: forward.lastStepGradientNorms.reversed())
    trace.layers = [forward, reverse]
    snapshot.trace = trace
    return snapshot
  }

  private func state(_ view: ViewID, _ snapshot: TrainingSnapshot, width: Int = 160, height: Int = 48) -> AppState {
    var state = AppState(width: width, height: height, view: view)
    _ = state.update(.snapshot(snapshot))
    return state
  }

  private func text(_ state: AppState) -> String { PlainTextExporter().lines(state.render()).joined(separator: "\n") }

  func testPatternSearchMarksEachDirectionsUnitsAndReadsOutTheDirectionDPicks() throws {
    var snapshot = try fixture()
    let hidden = snapshot.model.hidden
    // The search numbers the forward direction's units 0..<H and the backward one's H..<2H.
    let extremes = (0..<(2 * hidden)).map { unit in
      UnitExtremes(positive: [(position: 10 + unit, value: 0.9 - 0.01 * Float(unit))], negative: [])
    }
    snapshot.unitSearch = UnitSearchResult(
      request: UnitSearchRequest(span: 3..<5, layer: 0), step: 60, threshold: 0.5,
      selected: [SelectedUnit(unit: 3, positive: true), SelectedUnit(unit: hidden + 5, positive: false)],
      matches: [], text: (0..<40).map { _ in "a" }, extremes: extremes, seconds: 0.01)
    var state = state(.hidden, snapshot)
    for _ in 0..<3 { _ = state.update(.key(.right)) }
    _ = state.update(.key(.character("v")))
    _ = state.update(.key(.right))
    _ = state.update(.key(.character("v")))
    let lines = text(state).components(separatedBy: "\n")
    let backwardTitle = try XCTUnwrap(lines.firstIndex { $0.contains("← backward (reads right to left)") })
    let label = { (line: String) in line.dropFirst().split(separator: " ").first.map(String.init) ?? "" }
    let forwardLabels = lines[..<backwardTitle].map(label)
    let backwardLabels = lines[backwardTitle...].prefix(hidden / 2 + 1).map(label)
    XCTAssertTrue(forwardLabels.contains("3") && !forwardLabels.contains("5"), "\(forwardLabels)")
    XCTAssertTrue(backwardLabels.contains("5") && !backwardLabels.contains("3"), "\(backwardLabels)")
    XCTAssertTrue(text(state).contains("→ unit 0 is strongest at"))
    XCTAssertTrue(text(state).contains("+  0.90"), "the forward unit 0's extremes")
    _ = state.update(.key(.character("d")))
    XCTAssertTrue(text(state).contains("← unit 0 is strongest at"))
    XCTAssertTrue(text(state).contains("+  \(Format.fixed(0.9 - 0.01 * Float(hidden), decimals: 2))"), "unit H's")
  }

  func testEveryViewOfABidirectionalLSTMMatchesItsGoldenScreenAtBothSizes() throws {
    let snapshot = try fixture()
    for view in [ViewID.unrolled, .hidden, .gates, .gradients] {
      for (width, height) in [(80, 24), (160, 48)] {
        var state = state(view, snapshot, width: width, height: height)
        for _ in 0..<3 { _ = state.update(.key(.right)) }
        GoldenScreens.assertMatches(state.render(), named: "bi-\(view)-\(width)x\(height)")
      }
    }
  }

  func testEachDirectionIsTitledWithItsReadingDirection() throws {
    let snapshot = try fixture()
    for view in [ViewID.hidden, .gates, .gradients] {
      let screen = text(state(view, snapshot))
      XCTAssertTrue(screen.contains("→ forward (reads left to right)"), "\(view)")
      XCTAssertTrue(screen.contains("← backward (reads right to left)"), "\(view)")
    }
    let gradients = text(state(.gradients, snapshot))
    XCTAssertTrue(gradients.contains("← backward (reads right to left): gradient flows left to right →"))
    XCTAssertTrue(gradients.contains("‖∂L_0/∂h_t‖"), "the backward direction's loss alone comes from the first step")
    let unrolled = text(state(.unrolled, snapshot))
    for label in ["h→", "h←", "c→", "c←", "[h→;h←]"] { XCTAssertTrue(unrolled.contains(label), label) }
    // Forward arrows point right in the upper row of cells, backward ones left in the lower.
    let lines = unrolled.split(separator: "\n")
    let forwardRow = try XCTUnwrap(lines.firstIndex { $0.contains("▶") })
    let backwardRow = try XCTUnwrap(lines.firstIndex { $0.contains("◀") })
    XCTAssertLessThan(forwardRow, backwardRow)
  }

  func testLayerKeyStepsThroughLayersNotDirections() throws {
    var state = state(.hidden, try fixture())
    _ = state.update(.key(.character("L")))
    XCTAssertEqual(state.cursor.layer, 0, "one bidirectional layer is one layer")
    XCTAssertEqual(state.message?.text, "the model has one layer")
  }

  /// A real bidirectional LSTM: what the views print for the backward direction at position t is
  /// the state of the same cell run right to left, read at its step T−1−t.
  func testBackwardNumbersAreTheReverseCellsStateAtTheMirroredStep() throws {
    let task = try SnapshotFixture.task()
    let config = TrainingConfig(task: task.config, cell: .lstm, hidden: 6, seed: 3, bidirectional: true)
    let trainer = Trainer(config: config, task: task)
    trainer.model.parameters = trainer.model.parameters.map { $0 * 3 }  // past the gates' middles
    let snapshot = TrainingSnapshot(trainer: trainer, status: .paused, log: TrainingLog())
    let trace = snapshot.trace
    let length = trace.length

    // The reverse direction's weights in a unidirectional LSTM, fed the probe reversed.
    let single = ModelConfig(cell: .lstm, input: snapshot.model.input, hidden: 6, outputs: snapshot.model.outputs)
    var random = SeededRandom(seed: 1)
    let alone = RecurrentModel(config: single, random: &random)
    let source = trainer.model.layout.entries
    var copied = 0
    for entry in alone.layout.entries where entry.name.contains("_l0") {
      let from = try XCTUnwrap(source.first { $0.name == entry.name + "_reverse" }, entry.name)
      alone.parameters.replaceSubrange(
        entry.offset..<(entry.offset + entry.count),
        with: trainer.model.parameters[from.offset..<(from.offset + from.count)])
      copied += 1
    }
    XCTAssertEqual(copied, 4, "W_ih, W_hh and both biases")
    let probe = task.probe.batch
    guard case .everyStep(let targets) = probe.targets else { return XCTFail("case targets every step") }
    let reversed = Batch(
      batchSize: 1, length: length, tokens: probe.tokens.reversed(), targets: .everyStep(targets.reversed()))
    let rightToLeft = alone.probe(reversed).layers[0]

    var state = state(.hidden, snapshot)
    let (step, unit) = (7, 4)
    for _ in 0..<step { _ = state.update(.key(.right)) }
    for _ in 0..<unit { _ = state.update(.key(.down)) }
    let screen = text(state)
    let expected = rightToLeft.h[length - 1 - step][unit]
    XCTAssertEqual(trace.layers[1].h[step][unit], expected, accuracy: 1e-5)
    XCTAssertTrue(screen.contains("← h = \(Format.fixed(expected, decimals: 4))"), screen)
    XCTAssertTrue(screen.contains("→ h = \(Format.fixed(trace.layers[0].h[step][unit], decimals: 4))"))

    // Inside the step, the backward direction's previous state is the one at t+1.
    state.view = .unrolled
    _ = state.update(.key(.character("d")))
    let inside = text(state)
    XCTAssertTrue(inside.contains("Inside step \(step), ← backward"), inside)
    let cNext = trace.layers[1].c[step + 1][unit]
    let f = trace.layers[1].gates[1].values[step][unit]
    XCTAssertTrue(inside.contains("c_t = f·c_{t+1} + i·g"))
    XCTAssertTrue(
      inside.contains("= \(Format.fixed(f, decimals: 3))×\(Format.fixed(cNext, decimals: 3)) + "), inside)
  }

  func testDirectionKeyDoesNothingForAUnidirectionalModel() throws {
    var state = state(.unrolled, try SnapshotFixture.snapshot())
    _ = state.update(.key(.character("d")))
    XCTAssertFalse(state.cursor.isReverse)
  }
}
