import XCTest

@testable import RNNEngine

/// Spectral norms and step Jacobians of the trace against independent computations.
final class TraceTests: XCTestCase {
  func testStepValuesIndexStepsThenUnitsFromZero() {
    let values: StepValues = [[1, 2, 3], [4, 5, 6]]
    XCTAssertEqual(values.count, 2)
    XCTAssertEqual(values.width, 3)
    XCTAssertEqual(values[1][0], 4, "a row counts its units from 0, not from its place in the buffer")
    XCTAssertEqual(Array(values[1]), [4, 5, 6])
    XCTAssertEqual(values.map { $0[2] }, [3, 6])
    XCTAssertEqual(values, StepValues(flat: [1, 2, 3, 4, 5, 6], width: 3))
    XCTAssertTrue(([] as StepValues).isEmpty)
  }

  func testPowerIterationFindsTheLargestSingularValue() {
    // A = Q1 · diag(s) · Q2ᵀ with known singular values.
    let n = 6
    let singular: [Double] = [0.3, 2.5, 1.1, 0.7, 2.2, 0.01]
    var random = SeededRandom(seed: 4)
    let q1 = RecurrentModel.randomOrthogonal(size: n, random: &random)
    let q2 = RecurrentModel.randomOrthogonal(size: n, random: &random)
    var matrix = [Float](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0..<n {
        matrix[i * n + j] = Float((0..<n).reduce(0.0) { $0 + q1[i * n + $1] * singular[$1] * q2[j * n + $1] })
      }
    }
    let sigma = matrix.withBase { SpectralNorm.largestSingularValue(of: $0, rows: n, columns: n, iterations: 500) }
    XCTAssertEqual(sigma, 2.5, accuracy: 1e-3)
  }

  func testStepJacobianNormsMatchFiniteDifferenceJacobians() {
    for cell in [CellType.rnnTanh, .rnnRelu, .lstm, .gru] {
      let (model, batch) = jacobianCase(cell)
      let record = model.forward(batch)
      let trace = model.trace(record: record, backward: model.backward(record), gradients: model.gradients, sequence: 0)
      assertJacobianNorms(trace, match: model, on: batch, "\(cell)")
    }
  }

  func testWarmStartedTraceAfterTrainingMatchesTheReferences() {
    // The live session's pattern: a trace, a few optimizer steps, the next trace starting from
    // the first one's directions. Its numbers must be those of the new weights, not the old.
    for cell in [CellType.rnnTanh, .lstm, .gru] {
      let (model, batch) = jacobianCase(cell)
      var warmStart = TraceWarmStart()
      let before = model.probe(batch, warmStart: &warmStart)
      var sgd = SGD(learningRate: 0.5)
      for _ in 0..<3 { _ = model.trainStep(batch, optimizer: &sgd) }
      XCTAssertNotNil(warmStart.layers[0], "the first trace leaves its directions for the next")
      let after = model.probe(batch, warmStart: &warmStart)
      XCTAssertNotEqual(before.layers[0].jacobianNorm, after.layers[0].jacobianNorm, "\(cell): the weights moved")
      assertJacobianNorms(after, match: model, on: batch, "\(cell) warm")
      let hidden = model.config.hidden
      let rows = model.config.cell.gateCount * hidden
      let sigma = model.parameters.withBase {
        SpectralNorm.largestSingularValue(
          of: $0 + model.layerOffsets[0].weightHH, rows: rows, columns: hidden, iterations: 500)
      }
      XCTAssertEqual(after.layers[0].recurrentSpectralNorm, sigma, accuracy: 1e-3 * sigma, "\(cell) warm σ_max")
    }
  }

  func testStepJacobianNormsSplitOverThreadsMatchOneThreadAndFiniteDifferences() {
    // Enough steps and units for the steps to split over two threads, each part running a
    // Lanczos iteration of its own; the norms must land on their own steps and agree with one thread's.
    defer { BLAS.setThreadCount(ProcessInfo.processInfo.activeProcessorCount) }
    for cell in [CellType.rnnTanh, .lstm, .gru] {
      let (model, batch) = jacobianCase(cell, hidden: 48, length: 40)
      let record = model.forward(batch)
      let backward = model.backward(record)
      let norms = [1, 2].map { threads -> [Float] in
        BLAS.setThreadCount(threads)
        return model.trace(record: record, backward: backward, gradients: model.gradients, sequence: 0)
          .layers[0].jacobianNorm
      }
      for t in 0..<batch.length {
        XCTAssertEqual(norms[1][t], norms[0][t], accuracy: 1e-3 * norms[0][t], "\(cell) step \(t)")
      }
      let trace = model.trace(record: record, backward: backward, gradients: model.gradients, sequence: 0)
      assertJacobianNorms(trace, match: model, on: batch, "\(cell) on two threads")
    }
  }

  func testGRUNormFindsAUnitThatClosedItsUpdateGateSinceTheLastTrace() {
    // A unit whose update gate shuts (z ≈ 1) copies its state forward: ‖J_t‖ ≥ ‖J_t e_b‖ ≈ 1.
    // Start from directions with no e_b in them, as the previous trace's are when the unit
    // closed its gate in between: the trace must still find it.
    let (model, batch) = jacobianCase(.gru, hidden: 24, length: 6, weightScale: 0.5)
    let (hidden, unit) = (24, 17)
    // Unit 17 talks to no other unit through W_hh, so e_17 is a singular vector of its own that a
    // Lanczos iteration from directions without it never reaches.
    let weightHH = model.layout.offset(of: "rnn.weight_hh_l0")  // (3H, H)
    for row in 0..<(3 * hidden) {
      model.parameters[weightHH + row * hidden + unit] = 0
      if row % hidden == unit { for j in 0..<hidden { model.parameters[weightHH + row * hidden + j] = 0 } }
    }
    var warmStart = TraceWarmStart()
    _ = model.probe(batch, warmStart: &warmStart)
    let zBias = model.layout.offset(of: "rnn.bias_ih_l0") + hidden + unit  // z's block is the second
    model.parameters[zBias] = 30
    var starts = warmStart.layers[0]!
    for step in 0..<batch.length {
      let row = step * hidden
      starts.jacobianDirections[row + unit] = 0
      let length = starts.jacobianDirections[row..<(row + hidden)].reduce(0) { $0 + $1 * $1 }.squareRoot()
      for j in row..<(row + hidden) { starts.jacobianDirections[j] /= length }
    }
    warmStart.layers[0] = starts
    let trace = model.probe(batch, warmStart: &warmStart)
    for step in 0..<batch.length { XCTAssertGreaterThan(trace.layers[0].jacobianNorm[step], 0.99, "step \(step)") }
    assertJacobianNorms(trace, match: model, on: batch, "GRU with a shut update gate")
  }

  func testEachTraceStartsWhereTheLastOneEnded() throws {
    // A session traces every few steps, each trace's iterations starting where the last one's
    // ended: the background tracer keeps them for its traces, the trainer for its own passes. With
    // W_hh's σ_max 3, a trace reporting 2 started on 2's vector (`startOnTheSecondLargest`); a
    // cold one finds 3.
    let task = try LanguageModelTask(source: .builtin(), config: .init(length: 80))
    let trainer = Trainer(config: TrainingConfig(cell: .rnnTanh, hidden: 4), task: task)
    guard case .trained = trainer.trainStep() else { return XCTFail("the step diverged") }
    let traced = trainer.probeTrace()
    let first = try XCTUnwrap(trainer.traceWarmStart.layers[0], "a trace of the trainer's leaves its starts")
    XCTAssertEqual(first.spectral.value, traced.layers[0].recurrentSpectralNorm)
    XCTAssertEqual(first.jacobianDirections.count, task.probe.batch.length * 4)

    var starts = trainer.traceWarmStart
    try startOnTheSecondLargest(trainer.model, &starts)
    XCTAssertEqual(
      trainer.model.probe(task.probe.batch).layers[0].recurrentSpectralNorm, 3, accuracy: 1e-3, "a cold start")
    let tracer = BackgroundTracer(config: trainer.model.config, warmStart: starts)
    defer { tracer.stop() }
    for trace in 1...2 {
      tracer.start(parameters: trainer.model.parameters, gradientNorms: [], probe: task.probe.batch, step: trace)
      let finished = try XCTUnwrap(tracer.waitForTrace())
      XCTAssertEqual(
        finished.trace.layers[0].recurrentSpectralNorm, 2, accuracy: 1e-5, "trace \(trace) of the tracer started warm")
    }

    // A pass of the trainer's own (no trace of this step's weights is waiting) starts from its starts.
    guard case .trained = trainer.trainStep() else { return XCTFail("the step diverged") }
    try startOnTheSecondLargest(trainer.model, &trainer.traceWarmStart)
    XCTAssertEqual(trainer.probeTrace().layers[0].recurrentSpectralNorm, 2, accuracy: 1e-5, "a probe pass started warm")
  }

  func testATracedStepStartsWhereItsCallersLastTraceEnded() throws {
    // As the benchmarks trace: from the caller's starts, one-way and bidirectional.
    for bidirectional in [false, true] {
      let config = ModelConfig(
        cell: .rnnTanh, input: .oneHot(vocab: 7), hidden: 4, outputs: 7, bidirectional: bidirectional)
      let model = EngineTestSupport.model(config, weightScale: 1)
      let batch = EngineTestSupport.batch(config, batchSize: 3, length: 6, targets: .everyStepMasked)
      let probe = EngineTestSupport.batch(config, batchSize: 1, length: 5, targets: .everyStepMasked, seed: 3)
      var adam = Adam(learningRate: 0.01)
      var warmStart = TraceWarmStart()
      _ = model.trainStep(batch, optimizer: &adam, tracing: probe, warmStart: &warmStart)
      try startOnTheSecondLargest(model, &warmStart)
      let trace = model.trainStep(batch, optimizer: &adam, tracing: probe, warmStart: &warmStart).trace
      let label = "bidirectional \(bidirectional)"
      XCTAssertEqual(trace.layers[0].recurrentSpectralNorm, 2, accuracy: 1e-5, label + ": started warm")
      XCTAssertEqual(warmStart.layers[0]?.spectral.value, 2, label + ": left where it ended")
    }
  }

  /// Sets `model`'s first W_hh to diag(3, 2, 1, 0.5), σ_max 3, and its next trace's σ_max start
  /// in `warmStart` to 2 and e_2, 2's right vector: a power iteration started there stays there.
  private func startOnTheSecondLargest(_ model: RecurrentModel, _ warmStart: inout TraceWarmStart) throws {
    let singularValues: [Float] = [3, 2, 1, 0.5]
    let hidden = singularValues.count
    let diagonal = (0..<(hidden * hidden)).map { $0 % (hidden + 1) == 0 ? singularValues[$0 / hidden] : 0 }
    XCTAssertTrue(model.setParameter(named: "rnn.weight_hh_l0", to: diagonal))
    var layer = try XCTUnwrap(warmStart.layers[0], "a trace left its starts")
    layer.spectral = (singularValues[1], [0, 1, 0, 0])
    warmStart.layers[0] = layer
  }

  /// A small model with large weights (strongly nonlinear steps) and a one-sequence batch.
  private func jacobianCase(
    _ cell: CellType, hidden: Int = 4, length: Int = 4, weightScale: Float = 2
  ) -> (RecurrentModel, Batch) {
    let config = ModelConfig(cell: cell, input: .dense(features: 3), hidden: hidden, outputs: 3)
    let model = EngineTestSupport.model(config, weightScale: weightScale)
    return (model, EngineTestSupport.batch(config, batchSize: 1, length: length, targets: .everyStepMasked))
  }

  /// Checks every step's ‖∂h_t/∂h_{t−1}‖₂ in `trace` against σ_max of a finite-difference Jacobian.
  private func assertJacobianNorms(
    _ trace: Trace, match model: RecurrentModel, on batch: Batch, _ label: String
  ) {
    let hidden = model.config.hidden
    let features = 3
    let length = batch.length
    let record = model.forward(batch)
    for t in 0..<length {
      // One step of the cell from h_{t−1} ± ε e_j (c_{t−1} fixed): run a length-1 batch from that state.
      let hPrev = Array(record.layers[0].h[(t * hidden)..<((t + 1) * hidden)])
      let cPrev = model.config.cell == .lstm ? [Array(record.layers[0].c[(t * hidden)..<((t + 1) * hidden)])] : []
      let step = Batch(
        batchSize: 1, length: 1, features: Array(batch.features[(t * features)..<((t + 1) * features)]),
        targets: .everyStep([0]))
      func next(_ h: [Float]) -> [Float] {
        Array(model.forward(step, initialState: RecurrentState(h: [h], c: cPrev)).layers[0].h[hidden...])
      }
      let epsilon: Float = 1e-2
      var jacobian = [Float](repeating: 0, count: hidden * hidden)  // (H, H): ∂h_t[i] / ∂h_{t−1}[j]
      for j in 0..<hidden {
        var plus = hPrev
        var minus = hPrev
        plus[j] += epsilon
        minus[j] -= epsilon
        let (up, down) = (next(plus), next(minus))
        for i in 0..<hidden { jacobian[i * hidden + j] = (up[i] - down[i]) / (2 * epsilon) }
      }
      let expected = jacobian.withBase {
        SpectralNorm.largestSingularValue(of: $0, rows: hidden, columns: hidden, iterations: 500)
      }
      XCTAssertEqual(trace.layers[0].jacobianNorm[t], expected, accuracy: 2e-3 + 1e-2 * expected, "\(label) step \(t)")
    }
  }

  func testTraceShapesNamesAndPredictions() {
    let config = ModelConfig(cell: .lstm, input: .oneHot(vocab: 5), hidden: 4, layers: 2, outputs: 5)
    let model = EngineTestSupport.model(config)
    let batch = EngineTestSupport.batch(config, batchSize: 2, length: 6, targets: .everyStepMasked)
    let before = model.gradients
    let trace = model.probe(batch, sequence: 1)
    XCTAssertEqual(model.gradients, before, "a probe must not disturb the training gradients")
    XCTAssertEqual(trace.inputTokens, Array(batch.tokens[6..<12]))
    XCTAssertEqual(trace.layers.count, 2)
    XCTAssertEqual(trace.layers[1].gates.map(\.name), ["i", "f", "g", "o"])
    XCTAssertEqual(trace.layers[1].h.count, 6)
    XCTAssertEqual(trace.layers[1].dc.count, 6)
    XCTAssertEqual(trace.topK.count, 6)
    for top in trace.topK {
      XCTAssertEqual(top.count, 3)
      XCTAssertGreaterThanOrEqual(top[0].probability, top[1].probability)
      XCTAssertGreaterThanOrEqual(top[1].probability, top[2].probability)
    }
    // The mask zeroes every third step (index b·T + t ≡ 2 mod 3); sequence 1 starts at index 6.
    XCTAssertEqual(trace.stepLoss.map { $0 == nil }, [false, false, true, false, false, true])
    XCTAssertEqual(trace.parameterGradientNorms.map(\.name), model.layout.entries.map(\.name))
    // Step 0's loss, recomputed in Double from the logits.
    let record = model.forward(batch)
    let row = (0 * 2 + 1) * 5  // step 0, sequence 1
    let logits = Array(record.logits[row..<(row + 5)])
    guard case .everyStep(let targets) = batch.targets else { return XCTFail("expected per-step targets") }
    let target = Int(targets[6])  // sequence 1, step 0
    let expectedLoss = log(logits.map { exp(Double($0)) }.reduce(0, +)) - Double(logits[target])
    XCTAssertEqual(Double(trace.stepLoss[0] ?? .nan), expectedLoss, accuracy: 1e-5)
  }

  func testStepLossStaysFiniteWhenTheTargetProbabilityUnderflows() {
    // Huge head weights: logits hundreds apart, so a wrong target's softmax probability is at the
    // exponential's clamp (e^−87.3), and its loss must come from the logits, not from −log p.
    let config = ModelConfig(cell: .rnnTanh, input: .oneHot(vocab: 5), hidden: 4, outputs: 5)
    let model = EngineTestSupport.model(config)
    let head = model.layout.entry(named: "head.weight")!
    for index in head.offset..<(head.offset + head.count) { model.parameters[index] *= 400 }
    let targets: [Int32] = [1, 2, 3, 4, 0, 1]
    let batch = Batch(batchSize: 1, length: 6, tokens: [0, 1, 2, 3, 4, 0], targets: .everyStep(targets))
    let trace = model.probe(batch)
    let record = model.forward(batch)
    var underflows = 0
    for t in 0..<6 {
      let logits = record.logits[(t * 5)..<((t + 1) * 5)].map(Double.init)
      let maximum = logits.max()!
      let expected = maximum + log(logits.map { exp($0 - maximum) }.reduce(0, +)) - logits[Int(targets[t])]
      if expected > 100 { underflows += 1 }
      let loss = Double(trace.stepLoss[t] ?? .nan)
      XCTAssertEqual(loss, expected, accuracy: 1e-5 * max(1, expected), "step \(t)")
    }
    XCTAssertGreaterThan(underflows, 0, "the case must have a loss beyond what −log p can express")
  }
}

#if canImport(Glibc)
  import Glibc
#endif
