import CKernels
import XCTest

@testable import RNNEngine

/// A probe riding along with a training step (`trainStep(tracing:)`): the step must not change by
/// a bit, and the trace must be the one a probe pass of its own records with the same weights.
final class RidingProbeTests: XCTestCase {
  /// Architectures, heads and inputs the riding probe must handle: several layers, every input
  /// kind, last-step and regression heads, truncated BPTT, and a batch big enough to be split
  /// into bands on two threads (the probe rides on the last band).
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
          config: ModelConfig(cell: cell, input: .dense(features: 3), hidden: 4, layers: 2, outputs: 2, head: .regression),
          targets: .regression),
        Case(
          config: ModelConfig(cell: cell, input: .oneHot(vocab: 9), hidden: 64, outputs: 9),
          targets: .everyStepMasked, batchSize: 16, length: 20, probeLength: 13, bptt: .truncated(steps: 8)),
      ]
    }
  }

  /// One sequence of `testCase`'s probe length, drawn with another seed than the batch.
  private func probe(for testCase: Case) -> Batch {
    EngineTestSupport.batch(testCase.config, batchSize: 1, length: testCase.probeLength, targets: testCase.targets, seed: 3)
  }

  func testTheStepIsTheSameToTheBitWithOrWithoutTheProbe() {
    for testCase in cases {
      let batch = EngineTestSupport.batch(
        testCase.config, batchSize: testCase.batchSize, length: testCase.length, targets: testCase.targets)
      let plain = EngineTestSupport.model(testCase.config, weightScale: 1)
      let tracing = EngineTestSupport.model(testCase.config, weightScale: 1)
      var plainAdam = Adam(learningRate: 0.01), tracingAdam = Adam(learningRate: 0.01)
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
      let config = testCase.config, probe = probe(for: testCase)
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
      for (layer, (actual, wanted)) in zip(trace.layers, expected.layers).enumerated() {
        let layerLabel = "\(label) layer \(layer)"
        assertClose(actual.h, wanted.h, layerLabel + " h")
        assertClose(actual.c, wanted.c, layerLabel + " c")
        assertClose(actual.dh, wanted.dh, layerLabel + " dh")
        assertClose(actual.dc, wanted.dc, layerLabel + " dc")
        for (gate, wantedGate) in zip(actual.gates, wanted.gates) {
          assertClose(gate.values, wantedGate.values, layerLabel + " gate " + gate.name)
        }
        XCTAssertEqual(actual.recurrentSpectralNorm, wanted.recurrentSpectralNorm, accuracy: 1e-4, layerLabel)
        // Both start cold from the same directions; the norms are within the Lanczos tolerance of each other.
        for (norm, wantedNorm) in zip(actual.jacobianNorm, wanted.jacobianNorm) {
          XCTAssertEqual(norm, wantedNorm, accuracy: 1e-4 + 2e-2 * wantedNorm, layerLabel + " ‖J‖")
        }
      }
      XCTAssertEqual(trace.topK.map { $0.map(\.id) }, expected.topK.map { $0.map(\.id) }, label)
      for (loss, wanted) in zip(trace.stepLoss, expected.stepLoss) {
        XCTAssertEqual(loss == nil, wanted == nil, label)
        if let loss, let wanted { XCTAssertEqual(loss, wanted, accuracy: 1e-5 * max(1, abs(wanted)), label) }
      }
      // Gradient norms are the step's own, before clipping: what the optimizer was given.
      for (norm, wanted) in zip(trace.parameterGradientNorms.map(\.norm), batchGradientNorms) {
        XCTAssertEqual(norm, wanted, accuracy: 1e-5 * max(1, wanted), label + " gradient norms")
      }
    }
  }

  func testTheTrainerRecordsTheTraceOfTheStepThatCarriedTheProbe() throws {
    let task = try LanguageModelTask(source: .builtin(), config: .init(length: 80))
    let trainer = Trainer(config: TrainingConfig(cell: .lstm, hidden: 16), task: task)
    XCTAssertLessThan(task.probe.batch.length, 80, "the probe is shorter than the batch and rides along")
    let before = trainer.model.probe(task.probe.batch)
    guard case .trained = trainer.trainStep(tracing: true) else { return XCTFail("the step diverged") }
    let recorded = trainer.probeTrace()
    // The weights the step started from, not the ones it left.
    assertClose(recorded.layers[0].h, before.layers[0].h, "h of the weights before the update")
    XCTAssertNotEqual(trainer.model.probe(task.probe.batch).layers[0].h, before.layers[0].h, "the step moved the weights")
    // After a step without the probe, the trace comes from a pass of its own with the new weights.
    _ = trainer.trainStep()
    assertClose(trainer.probeTrace().layers[0].h, trainer.model.probe(task.probe.batch).layers[0].h, "a fresh pass")
  }

  func testTheBandsWithoutTheProbeFillTheirWaitUntilTheProbesBandIsDone() throws {
    // The top layer's backward pass hands each band without the probe a test that holds while the
    // probe's band runs (`StabilityMeasures` takes pieces while it does). Two layers: only the
    // top one waits. The numbers must not change with it.
    let bands = Parallel.threadCount
    try XCTSkipIf(bands < 2, "one thread: a single band carries the probe, and nothing waits")
    let config = ModelConfig(cell: .lstm, input: .oneHot(vocab: 9), hidden: 64, layers: 2, outputs: 9)
    let model = EngineTestSupport.model(config, weightScale: 1)
    let batch = EngineTestSupport.batch(config, batchSize: 16 * bands, length: 20, targets: .everyStepMasked)
    let probe = EngineTestSupport.batch(config, batchSize: 1, length: 20, targets: .everyStepMasked, seed: 3)
    let scoring = Scoring(batch: batch, head: config.head, outputs: config.outputs)
    var (record, probeRecord) = model.forwardLayers(batch, scoring: scoring, initialState: nil, probe: probe)
    model.scoreHead(&record, scoring: scoring)
    model.scoreHead(&probeRecord!, scoring: Scoring(batch: probe, head: config.head, outputs: config.outputs))
    let riding = (record: probeRecord!, head: model.headGradients(probeRecord!, into: nil))
    let head = model.headGradients(record, into: nil)

    let calls = UnsafeMutablePointer<Int32>.allocate(capacity: 2)  // calls, and waits that ended
    calls.initialize(repeating: 0, count: 2)
    defer { calls.deallocate() }
    var grads = [Float](repeating: 0, count: model.layout.totalCount)
    let waited = model.backwardLayers(record, head: head, truncation: nil, into: &grads, probe: riding) { probeBandRuns in
      _ = rk_fetch_add(calls, 1)
      var spins = 0  // bounded: a wait that never ends fails the test instead of hanging it
      while probeBandRuns(), spins < 1_000_000_000 { spins += 1 }
      if !probeBandRuns() { _ = rk_fetch_add(calls + 1, 1) }
    }
    XCTAssertEqual(calls[0], Int32(bands - 1), "every band without the probe, in the top layer only")
    XCTAssertEqual(calls[1], calls[0], "the test stops holding once the probe's band is done")

    var plainGrads = [Float](repeating: 0, count: model.layout.totalCount)
    let plain = model.backwardLayers(record, head: head, truncation: nil, into: &plainGrads, probe: riding)
    XCTAssertEqual(grads, plainGrads)
    XCTAssertEqual(waited.probe?.dhTotal, plain.probe?.dhTotal)
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
