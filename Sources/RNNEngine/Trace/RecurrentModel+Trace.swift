extension RecurrentModel {
  /// Runs `batch` forward and backward without touching `gradients`, and traces sequence
  /// `sequence`, its iterations started cold: a one-off trace.
  public func probe(_ batch: Batch, sequence: Int = 0, initialState: RecurrentState? = nil) -> Trace {
    var coldStart = TraceWarmStart()
    return probe(batch, sequence: sequence, initialState: initialState, warmStart: &coldStart)
  }

  /// `probe`, its iterations started from `warmStart`, where this trace's end is left for the next.
  public func probe(
    _ batch: Batch, sequence: Int = 0, initialState: RecurrentState? = nil, warmStart: inout TraceWarmStart
  ) -> Trace {
    let record = forward(batch, initialState: initialState)
    var probeGradients = [Float](repeating: 0, count: layout.totalCount)
    let backwardRecord = backward(record, truncation: nil, into: &probeGradients)
    defer { pool.endStep() }  // the trace keeps copies, not the record: its buffers just go
    return trace(
      record: record, backward: backwardRecord, gradients: probeGradients, sequence: sequence, warmStart: &warmStart)
  }

  /// Builds the trace of sequence `sequence` from a forward record, its backward record and the
  /// gradients, its iterations started cold: a one-off trace.
  public func trace(record: ForwardRecord, backward: BackwardRecord, gradients: [Float], sequence: Int) -> Trace {
    var coldStart = TraceWarmStart()
    return trace(record: record, backward: backward, gradients: gradients, sequence: sequence, warmStart: &coldStart)
  }

  /// `trace`, its iterations started from `warmStart`, where this trace's end is left for the next.
  public func trace(
    record: ForwardRecord, backward: BackwardRecord, gradients: [Float], sequence: Int,
    warmStart: inout TraceWarmStart
  ) -> Trace {
    let stability = parameters.withBase { params in
      StabilityMeasures(self, record: record, sequence: sequence, params: params, startingFrom: warmStart).finish()
    }
    warmStart = TraceWarmStart(endingAt: stability)
    return trace(
      record: record, backward: backward, gradients: gradients, sequence: sequence, stability: stability,
      lastStepNorms: lastStepGradientNorms(record: record, backward: backward, sequence: sequence))
  }

  /// ‖∂L/∂θ‖ of every parameter tensor in `gradients` (laid out as the parameters), by default
  /// the model's own: what the last training step computed.
  public func gradientNorms(_ gradients: [Float]? = nil) -> [Trace.NamedNorm] {
    (gradients ?? self.gradients).withBase { gradients in
      layout.entries.map { entry in
        Trace.NamedNorm(
          name: entry.name, norm: FastMath.sumOfSquares(gradients + entry.offset, count: entry.count).squareRoot())
      }
    }
  }

  /// The trace with its stability measures and last-step gradient norms already taken.
  private func trace(
    record: ForwardRecord, backward: BackwardRecord, gradients: [Float], sequence: Int,
    stability: [StabilityMeasures.Layer], lastStepNorms: [[Float]]
  ) -> Trace {
    let batchSize = record.batchSize
    let length = record.length
    let hidden = config.hidden
    precondition(sequence >= 0 && sequence < batchSize, "sequence index outside the batch")
    // Rows t of a time-major (T(+1), B, stride) buffer for this sequence: `width` values from `offset`;
    // `reversed`, for a reverse direction, reads position t from its step T−1−t.
    func steps(
      _ source: [Float], width: Int, stride: Int? = nil, offset: Int = 0, firstStep: Int = 0, reversed: Bool
    ) -> StepValues {
      var rows = uninitializedFloats(length * width)  // (T, width)
      source.withBase { source in
        rows.withMutableBase { rows in
          for t in 0..<length {
            let step = reversed ? length - 1 - t : t
            let start = source + ((step + firstStep) * batchSize + sequence) * (stride ?? width) + offset
            (rows + t * width).update(from: start, count: width)
          }
        }
      }
      return StepValues(flat: rows, width: width)
    }

    let layers = (0..<config.recurrences).map { layer -> Trace.LayerTrace in
      let layerRecord = record.layers[layer]
      let reversed = layer % config.directions == 1
      let names = config.cell.gateNames
      let gates = names.enumerated().map { block, name in
        Trace.GateTrace(
          name: name,
          values: steps(
            layerRecord.gates, width: hidden, stride: names.count * hidden, offset: block * hidden, reversed: reversed))
      }
      let layerMeasures = stability[layer]
      return Trace.LayerTrace(
        h: steps(layerRecord.h, width: hidden, firstStep: 1, reversed: reversed),
        c: config.cell.hasCellState ? steps(layerRecord.c, width: hidden, firstStep: 1, reversed: reversed) : [],
        gates: gates,
        dh: steps(backward.dhTotal[layer], width: hidden, reversed: reversed),
        dc: config.cell.hasCellState ? steps(backward.dcTotal[layer], width: hidden, reversed: reversed) : [],
        jacobianNorm: reversed ? layerMeasures.norms.reversed() : layerMeasures.norms,
        recurrentSpectralNorm: layerMeasures.spectral.value, derivativeBound: config.cell.derivativeBound,
        lastStepGradientNorms: reversed ? lastStepNorms[layer].reversed() : lastStepNorms[layer])
    }

    let (topK, stepLoss, regressionOutputs) = predictions(record: record, sequence: sequence)
    let tokens = record.tokens.isEmpty ? [] : (0..<length).map { record.tokens[$0 * batchSize + sequence] }
    return Trace(
      config: config, sequence: sequence, length: length, inputTokens: tokens, layers: layers, topK: topK,
      stepLoss: stepLoss, parameterGradientNorms: gradientNorms(gradients), regressionOutputs: regressionOutputs)
  }

  /// Top-3 softmax predictions per scored row of the sequence, the loss at each step, and a
  /// regression head's outputs at its scored step, read from the record's probabilities.
  private func predictions(record: ForwardRecord, sequence: Int) -> (
    topK: [[Trace.TokenProbability]], stepLoss: [Float?], regressionOutputs: [Float]
  ) {
    let outputs = config.outputs
    let batchSize = record.batchSize
    let length = record.length
    let scoring = Scoring(batch: record.batch, head: config.head, outputs: outputs)
    let rowSteps = record.logitsPerStep ? Array(0..<length) : [length - 1]
    var stepLoss = [Float?](repeating: nil, count: length)
    if config.head == .regression {
      var regressionOutputs: [Float] = []
      for step in rowSteps {
        let row = record.logitsPerStep ? step * batchSize + sequence : sequence
        let outputsOfRow = record.logits[(row * outputs)..<((row + 1) * outputs)]
        let targets = scoring.values[(sequence * outputs)..<((sequence + 1) * outputs)]
        stepLoss[step] = zip(outputsOfRow, targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Float(outputs)
        regressionOutputs = Array(outputsOfRow)
      }
      return ([], stepLoss, regressionOutputs)
    }
    let rows = rowSteps.map { step in
      let row = record.logitsPerStep ? step * batchSize + sequence : sequence
      return record.probabilities.withBase { probabilities in
        record.logits.withBase { logits in
          RowPrediction(
            probabilities: probabilities + row * outputs, logits: logits + row * outputs, classes: outputs,
            target: scoring.classes[row], weight: scoring.weights[row])
        }
      }
    }
    for (step, prediction) in zip(rowSteps, rows) { stepLoss[step] = prediction.loss }
    return (rows.map(\.top), stepLoss, [])
  }
}
