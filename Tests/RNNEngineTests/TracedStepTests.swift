import CKernels
import XCTest

@testable import RNNEngine

/// A training step that traces the probe (`trainStep(tracing:)`, and the trainer's background
/// tracer): the step must not change by a bit, and the trace must be the one a probe pass of its
/// own records with the weights the step started from, with the step's own gradient norms.
final class TracedStepTests: XCTestCase {
  /// Architectures, heads and inputs a traced step must handle: several layers, every input kind,
  /// last-step and regression heads, truncated BPTT, and a batch big enough to be split into
  /// bands on two threads.
  private struct Case {
    var config: ModelConfig
    var targets: EngineTestSupport.TargetKind
    var batchSize = 3, length = 6, probeLength = 6
    var bptt = BackpropThroughTime.full
  }

  private var cases: [Case] {
    [CellType.rnnTanh, .lstm, .gru].flatMap { cell in
      [
        Case(
          config: ModelConfig(cell: cell, input: .oneHot(vocab: 7), hidden: 5, layers: 2, outputs: 7),
          targets: .everyStepMasked),
        Case(
          config: ModelConfig(cell: cell, input: .embedding(vocab: 6, dim: 3), hidden: 4, outputs: 3),
          targets: .lastStep, probeLength: 4, bptt: .truncated(steps: 2)),
        Case(
          config: ModelConfig(
            cell: cell, input: .dense(features: 3), hidden: 4, layers: 2, outputs: 2, head: .regression),
          targets: .regression),
        Case(
          config: ModelConfig(cell: cell, input: .oneHot(vocab: 9), hidden: 64, outputs: 9),
          targets: .everyStepMasked, batchSize: 16, length: 20, probeLength: 13, bptt: .truncated(steps: 8)),
      ]
    }
  }

  /// One sequence of `testCase`'s probe length, drawn with another seed than the batch.
  private func probe(for testCase: Case) -> Batch {
    EngineTestSupport.batch(
      testCase.config, batchSize: 1, length: testCase.probeLength, targets: testCase.targets, seed: 3)
  }

  func testTheStepIsTheSameToTheBitWithOrWithoutTheTrace() {
    for testCase in cases {
      let batch = EngineTestSupport.batch(
        testCase.config, batchSize: testCase.batchSize, length: testCase.length, targets: testCase.targets)
      let plain = EngineTestSupport.model(testCase.config, weightScale: 1)
      let tracing = EngineTestSupport.model(testCase.config, weightScale: 1)
      var plainAdam = Adam(learningRate: 0.01)
      var tracingAdam = Adam(learningRate: 0.01)
      for step in 0..<3 {
        let expected = plain.trainStep(batch, optimizer: &plainAdam, bptt: testCase.bptt, clipNorm: 1)
        let actual = tracing.trainStep(
          batch, optimizer: &tracingAdam, bptt: testCase.bptt, clipNorm: 1, tracing: probe(for: testCase))
        let label = "\(testCase.config.cell) H \(testCase.config.hidden) \(testCase.targets) step \(step)"
        XCTAssertEqual(actual.stats, expected.stats, label)
        XCTAssertEqual(tracing.parameters, plain.parameters, label)
        XCTAssertEqual(actual.finalState.h, expected.finalState.h, label)
      }
    }
  }

  func testTheTraceIsWhatAProbePassOfItsOwnRecords() {
    for testCase in cases {
      let config = testCase.config
      let probe = probe(for: testCase)
      let batch = EngineTestSupport.batch(
        config, batchSize: testCase.batchSize, length: testCase.length, targets: testCase.targets)
      let model = EngineTestSupport.model(config, weightScale: 1)
      // The reference: the same weights, the probe on its own, and the batch's gradient from a plain pass.
      let reference = EngineTestSupport.model(config, weightScale: 1)
      let expected = reference.probe(probe)
      _ = reference.backward(reference.forward(batch), truncation: testCase.bptt.truncation)
      let batchGradientNorms = reference.layout.entries.map { entry in
        reference.gradients[entry.offset..<(entry.offset + entry.count)].reduce(0) { $0 + $1 * $1 }.squareRoot()
      }
      var adam = Adam(learningRate: 0.01)
      let trace = model.trainStep(batch, optimizer: &adam, bptt: testCase.bptt, tracing: probe).trace
      let label = "\(config.cell) H \(config.hidden) \(testCase.targets)"

      XCTAssertEqual(trace.length, testCase.probeLength, label)
      XCTAssertEqual(trace.inputTokens, expected.inputTokens, label)
      XCTAssertEqual(trace.layers.count, config.layers, label)
      XCTAssertEqual(trace.layers.count, expected.layers.count, label)
      for (layer, (actual, wanted)) in zip(trace.layers, expected.layers).enumerated() {
        let layerLabel = "\(label) layer \(layer)"
        assertClose(actual.h, wanted.h, layerLabel + " h")
        assertClose(actual.c, wanted.c, layerLabel + " c")
        assertClose(actual.dh, wanted.dh, layerLabel + " dh")
        assertClose(actual.dc, wanted.dc, layerLabel + " dc")
        XCTAssertEqual(actual.gates.map(\.name), wanted.gates.map(\.name), layerLabel)
        XCTAssertEqual(actual.gates.map(\.name), config.cell.gateNames, layerLabel)
        for (gate, wantedGate) in zip(actual.gates, wanted.gates) {
          assertClose(gate.values, wantedGate.values, layerLabel + " gate " + gate.name)
        }
        XCTAssertEqual(actual.recurrentSpectralNorm, wanted.recurrentSpectralNorm, accuracy: 1e-4, layerLabel)
        // Both start cold from the same directions; the norms are within the Lanczos tolerance of each other.
        XCTAssertEqual(actual.jacobianNorm.count, wanted.jacobianNorm.count, layerLabel)
        for (norm, wantedNorm) in zip(actual.jacobianNorm, wanted.jacobianNorm) {
          XCTAssertEqual(norm, wantedNorm, accuracy: 1e-4 + 2e-2 * wantedNorm, layerLabel + " ‖J‖")
        }
      }
      XCTAssertEqual(trace.topK.map { $0.map(\.id) }, expected.topK.map { $0.map(\.id) }, label)
      XCTAssertEqual(trace.stepLoss.count, testCase.probeLength, label)
      XCTAssertEqual(trace.stepLoss.count, expected.stepLoss.count, label)
      for (loss, wanted) in zip(trace.stepLoss, expected.stepLoss) {
        XCTAssertEqual(loss == nil, wanted == nil, label)
        if let loss, let wanted { XCTAssertEqual(loss, wanted, accuracy: 1e-5 * max(1, abs(wanted)), label) }
      }
      // Gradient norms are the step's own, before clipping: what the optimizer was given.
      XCTAssertEqual(trace.parameterGradientNorms.count, batchGradientNorms.count, label)
      for (norm, wanted) in zip(trace.parameterGradientNorms.map(\.norm), batchGradientNorms) {
        XCTAssertEqual(norm, wanted, accuracy: 1e-5 * max(1, wanted), label + " gradient norms")
      }
    }
  }

  func testTheTrainerTracesTheWeightsTheStepStartedFromInTheBackground() throws {
    let task = try LanguageModelTask(source: .builtin(), config: .init(length: 80))
    let trainer = Trainer(config: TrainingConfig(cell: .lstm, hidden: 16), task: task)
    let before = trainer.model.probe(task.probe.batch)
    let startingWeights = trainer.model.parameters
    guard case .trained = trainer.trainStep(tracing: true) else { return XCTFail("the step diverged") }
    let gradientNorms = trainer.model.gradientNorms()
    let recorded = trainer.probeTrace()  // waits for the tracer
    // The weights the step started from, not the ones it left, to the bit: the tracer's copy.
    XCTAssertEqual(recorded.layers[0].h, before.layers[0].h, "h of the weights before the update")
    XCTAssertEqual(recorded.layers[0].dh, before.layers[0].dh, "dh of the weights before the update")
    XCTAssertNotEqual(trainer.model.parameters, startingWeights, "the step moved the weights")
    XCTAssertEqual(recorded.parameterGradientNorms.map(\.norm), gradientNorms.map(\.norm), "the step's own gradient")
    // After a step without a trace, the trace comes from a pass of its own with the new weights.
    _ = trainer.trainStep()
    XCTAssertEqual(trainer.probeTrace().layers[0].h, trainer.model.probe(task.probe.batch).layers[0].h, "a fresh pass")
  }

  func testTheLiveSessionsTraceIsTakenOnceAndArrivesWhileTrainingGoesOn() throws {
    let task = try LanguageModelTask(source: .builtin(), config: .init(length: 80))
    let trainer = Trainer(config: TrainingConfig(cell: .gru, hidden: 16), task: task)
    let before = trainer.model.probe(task.probe.batch)
    guard case .trained = trainer.trainStep(tracing: true) else { return XCTFail("the step diverged") }
    var finished = trainer.takeFinishedTrace()
    while finished == nil {
      guard case .trained = trainer.trainStep() else { return XCTFail("a step diverged") }
      finished = trainer.takeFinishedTrace()
    }
    XCTAssertEqual(finished?.step, 1, "the trace of the first step's weights")
    XCTAssertEqual(finished?.trace.layers[0].h, before.layers[0].h)
    XCTAssertNil(trainer.takeFinishedTrace(), "a finished trace is taken once")
  }

  func testABusyTracerRefusesASecondTraceAndStops() {
    let config = ModelConfig(cell: .lstm, input: .oneHot(vocab: 9), hidden: 64, outputs: 9)
    let model = EngineTestSupport.model(config, weightScale: 1)
    let probe = EngineTestSupport.batch(config, batchSize: 1, length: 60, targets: .everyStepMasked)
    let tracer = BackgroundTracer(config: config)
    defer { tracer.stop() }
    XCTAssertTrue(tracer.start(parameters: model.parameters, gradientNorms: [], probe: probe, step: 1))
    // `start` marks the tracer busy before it returns, so the second start is refused however fast the first runs.
    XCTAssertFalse(tracer.start(parameters: model.parameters, gradientNorms: [], probe: probe, step: 2))
    let finished = tracer.waitForTrace()
    XCTAssertEqual(finished?.step, 1, "the first trace, not the refused one")
    XCTAssertEqual(finished?.trace.layers[0].h, model.probe(probe).layers[0].h)
    XCTAssertFalse(tracer.isBusy)
    XCTAssertNil(tracer.waitForTrace(), "nothing new")
  }

  private func assertClose(_ actual: StepValues, _ expected: StepValues, _ label: String) {
    XCTAssertEqual(actual.count, expected.count, label)
    for (step, (row, wantedRow)) in zip(actual, expected).enumerated() {
      XCTAssertEqual(row.count, wantedRow.count, label)
      for (value, wanted) in zip(row, wantedRow) {
        XCTAssertEqual(value, wanted, accuracy: 1e-5 * max(1, abs(wanted)), "\(label) step \(step)")
      }
    }
  }
}
