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

  func testTheStepIsTheSameToTheBitWithOrWithoutTheProbe() {
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

  func testTheTrainerRecordsTheTraceOfTheStepThatCarriedTheProbe() throws {
    let task = try LanguageModelTask(source: .builtin(), config: .init(length: 80))
    let trainer = Trainer(config: TrainingConfig(cell: .lstm, hidden: 16), task: task)
    XCTAssertLessThan(task.probe.batch.length, 80, "the probe is shorter than the batch and rides along")
    let before = trainer.model.probe(task.probe.batch)
    guard case .trained = trainer.trainStep(tracing: true) else { return XCTFail("the step diverged") }
    let recorded = trainer.probeTrace()
    // The weights the step started from, not the ones it left.
    assertClose(recorded.layers[0].h, before.layers[0].h, "h of the weights before the update")
    XCTAssertNotEqual(
      trainer.model.probe(task.probe.batch).layers[0].h, before.layers[0].h, "the step moved the weights")
    // After a step without the probe, the trace comes from a pass of its own with the new weights.
    _ = trainer.trainStep()
    assertClose(trainer.probeTrace().layers[0].h, trainer.model.probe(task.probe.batch).layers[0].h, "a fresh pass")
  }

  func testTheBandsWithoutTheProbeFillTheirWaitUntilTheProbesBandIsDone() throws {
    // The top layer's backward pass hands each band without the probe a test that holds while the
    // probe's band runs (`StabilityMeasures` takes pieces while it does). Two layers: only the
    // top one waits. The numbers must not change with it.
    let (bands, config, model, batch, probe, scoring) = try bandsWithAProbe(.lstm, probeLength: 20)
    let step = TracedTrainingStep(model, batch: batch, probe: probe, truncation: nil, initialState: nil)
    var (record, probeRecord) = step.forwardCarryingProbe(scoring: scoring)
    model.scoreHead(&record, scoring: scoring)
    model.scoreHead(&probeRecord, scoring: Scoring(batch: probe, head: config.head, outputs: config.outputs))
    let riding = ScoredProbe(record: probeRecord, head: model.headGradients(probeRecord, into: nil))
    let head = model.headGradients(record, into: nil)

    let calls = UnsafeMutablePointer<Int32>.allocate(capacity: 2)  // calls, and waits that ended
    calls.initialize(repeating: 0, count: 2)
    defer { calls.deallocate() }
    var grads = [Float](repeating: 0, count: model.layout.totalCount)
    let waited = step.backwardCarryingProbe(record, head: head, probe: riding, into: &grads) {
      probeBandRuns in
      _ = rk_fetch_add(calls, 1)
      var spins = 0  // bounded: a wait that never ends fails the test instead of hanging it
      while probeBandRuns(), spins < 1_000_000_000 { spins += 1 }
      if !probeBandRuns() { _ = rk_fetch_add(calls + 1, 1) }
    }
    XCTAssertEqual(calls[0], Int32(bands - 1), "every band without the probe, in the top layer only")
    XCTAssertEqual(calls[1], calls[0], "the test stops holding once the probe's band is done")

    var plainGrads = [Float](repeating: 0, count: model.layout.totalCount)
    let plain = step.backwardCarryingProbe(record, head: head, probe: riding, into: &plainGrads)
    XCTAssertEqual(grads, plainGrads)
    XCTAssertEqual(waited.probe.dhTotal, plain.probe.dhTotal)
  }

  func testTheBandsWithoutTheProbeFillTheForwardPassesWaitWithTheStepsItHasDone() throws {
    // The top layer's forward pass hands every band the probe's h and its progress once the band's
    // own steps are done (the riding probe's head is scored from them); the probe's band, last,
    // with all of its steps done. Two layers: only the top one calls. Nothing may change in h.
    let (bands, _, model, batch, probe, scoring) = try bandsWithAProbe(.gru, probeLength: 13)

    // Counts: calls, calls that saw every step done, steps done that went down or past the end,
    // and h pointers other than the probe's top layer's; then the pointer each call was handed.
    let seen = UnsafeMutablePointer<Int32>.allocate(capacity: 4)
    seen.initialize(repeating: 0, count: 4)
    let handed = UnsafeMutablePointer<UnsafePointer<Float>?>.allocate(capacity: bands)
    handed.initialize(repeating: nil, count: bands)
    defer {
      seen.deallocate()
      handed.deallocate()
    }
    let step = TracedTrainingStep(model, batch: batch, probe: probe, truncation: nil, initialState: nil)
    let (_, probeRecord) = step.forwardCarryingProbe(scoring: scoring) {
      h, stepsDone in
      let call = Int(rk_fetch_add(seen, 1))
      if call < bands { handed[call] = h }
      var previous = stepsDone()
      var spins = 0
      if previous == probe.length { _ = rk_fetch_add(seen + 1, 1) }
      // Bounded: a probe that never finishes fails instead of hanging.
      while previous < probe.length, spins < 1_000_000_000 {
        let now = stepsDone()
        if now < previous || now > probe.length { _ = rk_fetch_add(seen + 2, 1) }
        (previous, spins) = (now, spins + 1)
      }
    }
    probeRecord.layers[1].h.withBase { top in
      for call in 0..<bands where handed[call] != top { seen[3] += 1 }
    }
    XCTAssertEqual(seen[0], Int32(bands), "every band of the top layer calls once, the lower layer's none")
    XCTAssertGreaterThanOrEqual(seen[1], 1, "the probe's band calls with all of its steps done")
    XCTAssertEqual(seen[2], 0, "the steps done only grow, up to the probe's length")
    XCTAssertEqual(seen[3], 0, "every band is handed the same h")
    let plain = step.forwardCarryingProbe(scoring: scoring).probe
    XCTAssertEqual(probeRecord.layers.map(\.h), plain.layers.map(\.h))
  }

  func testTheProbesHeadPiecesTakeOnlyRowsWhoseStepsAreDoneAndScoreThemAsABandWould() {
    // A band without the probe must never wait on a step (run one after another on one thread,
    // the probe's band would never come), and the pieces together must be the head of the whole probe.
    let config = ModelConfig(cell: .lstm, input: .oneHot(vocab: 11), hidden: 6, outputs: 11)
    let model = EngineTestSupport.model(config, weightScale: 1)
    let probe = EngineTestSupport.batch(config, batchSize: 1, length: 20, targets: .everyStepMasked, seed: 3)
    let scoring = Scoring(batch: probe, head: config.head, outputs: config.outputs)
    var record = model.forward(probe)
    let (offset, rows) = model.headInput(of: record)
    let rowsPerPiece = ProbeHeadPieces.rowsPerPiece
    var outputs = HeadOutputs(model, rows: rows, backpropagates: true)
    var scoredAfter: [Int] = []  // rows scored after each take
    model.parameters.withBase { params in
      let packed = PackedHead(model, params: params, rows: rows)
      defer { packed.recycle(into: model.pool) }
      record.layers[0].h.withBase { h in
        outputs.withRows(
          params: params, scoring: scoring, packed: packed.logits, backpropagating: packed.inputGradient
        ) { rows in
          let pieces = ProbeHeadPieces(rows, count: 20, inputOffset: offset, stepsNeeded: { $0.upperBound })
          let scored = { (0..<20).count { rows.scoredRows[$0].prediction != nil } }
          for stepsDone in [0, rowsPerPiece - 1, rowsPerPiece + 3, 20] {
            pieces.take(probeH: h) { stepsDone }
            scoredAfter.append(scored())
          }
        }
      }
    }
    XCTAssertEqual(scoredAfter, [0, 0, rowsPerPiece, 20], "whole pieces, each once its steps are done")

    let whole = model.forward(probe)  // scored by BLAS in one band: the same numbers to rounding
    let gradients = outputs.finishBackpropagating(&record, scoring: scoring)
    XCTAssertEqual(record.loss, whole.loss, accuracy: 1e-6)
    XCTAssertEqual(record.logits.count, whole.logits.count)
    for (value, wanted) in zip(record.logits, whole.logits) { XCTAssertEqual(value, wanted, accuracy: 1e-5) }
    let wantedHead = model.headGradients(whole, into: nil).dHead
    XCTAssertEqual(gradients.dHead.count, wantedHead.count)
    for (value, wanted) in zip(gradients.dHead, wantedHead) {
      XCTAssertEqual(value, wanted, accuracy: 1e-6)
    }
  }

  /// A two-layer model of `cell` and a batch of 16 sequences a thread, so that the recurrence
  /// splits it into one band a thread, with a probe of `probeLength` steps to ride on the last
  /// band; skips where there is one thread (a single band carries the probe, nothing waits).
  private func bandsWithAProbe(
    _ cell: CellType, probeLength: Int
  ) throws -> (bands: Int, config: ModelConfig, model: RecurrentModel, batch: Batch, probe: Batch, scoring: Scoring) {
    let bands = Parallel.threadCount
    try XCTSkipIf(bands < 2, "one thread: a single band carries the probe, and nothing waits")
    let config = ModelConfig(cell: cell, input: .oneHot(vocab: 9), hidden: 64, layers: 2, outputs: 9)
    let model = EngineTestSupport.model(config, weightScale: 1)
    let batch = EngineTestSupport.batch(config, batchSize: 16 * bands, length: 20, targets: .everyStepMasked)
    let probe = EngineTestSupport.batch(config, batchSize: 1, length: probeLength, targets: .everyStepMasked, seed: 3)
    return (bands, config, model, batch, probe, Scoring(batch: batch, head: config.head, outputs: config.outputs))
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
