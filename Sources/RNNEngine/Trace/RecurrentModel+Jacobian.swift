extension RecurrentModel {
  /// ‖∂h_t/∂h_{t−1}‖₂ for every step of sequence `sequence` in layer `layer` (c_{t−1} held fixed for the LSTM).
  ///
  /// Power iteration on J_tᵀJ_t for all T steps at once: J v is the cell's tangent after one
  /// product with W_hh, Jᵀu is the cell's backward step followed by one product with W_hh —
  /// the same code backprop runs, so this is the true Jacobian, not a bound.
  ///
  /// With `start (H)`, every step starts from it (W_hh's top right singular vector) plus a little
  /// seeded noise: J_t scales W_hh's product by the gate derivatives, so its top direction is
  /// usually near W_hh's. From a random start the iteration mostly ran into `maxIterations` (the
  /// top singular values of a random W_hh lie close together) and stopped up to 8% short of the
  /// converged norm; from this start it stops after fewer rounds and closer to it. The noise
  /// keeps every direction reachable. With `start (T, H)`, step t starts from row t as it is: the
  /// directions a previous trace converged to, which after a few training steps are still close;
  /// `previous (T)`, that trace's norms, lets the first round count as converged.
  ///
  /// Returns the norms `(T)` and the unit directions `(T, H)` they were measured along.
  func stepJacobianNorms(
    record: ForwardRecord, layer: Int, sequence: Int, start: [Float], previous: [Float]? = nil,
    maxIterations: Int = 20
  ) -> (norms: [Float], directions: [Float]) {
    let batchSize = record.batchSize, length = record.length
    let hidden = config.hidden, gateWidth = config.cell.gateCount * hidden
    let layerRecord = record.layers[layer]
    // Gather the sequence's rows into (T, ·) matrices: step t becomes row t.
    func rows(_ source: [Float], width: Int, firstStep: Int) -> [Float] {
      (0..<length).flatMap { t in
        let start = ((t + firstStep) * batchSize + sequence) * width
        return source[start..<(start + width)]
      }
    }
    let hPrev = rows(layerRecord.h, width: hidden, firstStep: 0)  // (T, H)
    let hOut = rows(layerRecord.h, width: hidden, firstStep: 1)  // (T, H)
    let gates = rows(layerRecord.gates, width: gateWidth, firstStep: 0)  // (T, G·H)
    let cPrev = config.cell.hasCellState ? rows(layerRecord.c, width: hidden, firstStep: 0) : []  // (T, H)
    let c = config.cell.hasCellState ? rows(layerRecord.c, width: hidden, firstStep: 1) : []  // (T, H)
    let tanhC = c.map(FastMath.tanh)  // (T, H) once here rather than in every round's tangent
    let hnPre = config.cell == .gru ? rows(layerRecord.hnPre, width: hidden, firstStep: 0) : []  // (T, H)

    precondition(start.count == hidden || start.count == length * hidden, "start must be (H) or (T, H)")
    var random = SeededRandom(seed: 0x5EED)
    let noise = 0.1 / Float(hidden).squareRoot()  // a normal H-vector has length ≈ √H: noise of length ≈ 0.1
    var v =
      start.count == length * hidden
      ? start : (0..<(length * hidden)).map { index in start[index % hidden] + noise * random.normal() }  // (T, H)
    var aDot = [Float](repeating: 0, count: length * gateWidth)  // (T, G·H) v W_hhᵀ
    var u = [Float](repeating: 0, count: length * hidden)  // (T, H) J v
    var dPre = [Float](repeating: 0, count: length * gateWidth)  // (T, G·H)
    var scratchInput = [Float](repeating: 0, count: length * gateWidth)  // (T, G·H) GRU input side (unused)
    var scratchA = [Float](repeating: 0, count: length * hidden)  // (T, H)
    var scratchB = [Float](repeating: 0, count: length * hidden)  // (T, H)
    let zeros = [Float](repeating: 0, count: length * hidden)
    var norms = previous?.count == length ? previous! : [Float](repeating: 0, count: length)

    // Raw pointers throughout: the loop runs up to 20 rounds over (T, ·) buffers, and array
    // assignments and subscripts would copy and bounds-check on every one.
    parameters.withBase { params in
      let weightHH = params + layerOffsets[layer].weightHH  // (G·H, H)
      v.withMutableBase { v in
        u.withMutableBase { u in
          norms.withMutableBase { norms in
            for _ in 0..<maxIterations {
              normalizeRows(v, rows: length, width: hidden)
              // Forward tangent: u = J v.
              BLAS.gemm(
                transB: true, m: length, n: gateWidth, k: hidden, a: v, lda: hidden, b: weightHH, ldb: hidden,
                beta: 0, c: &aDot, ldc: gateWidth)
              switch config.cell {
              case .rnnTanh, .rnnRelu, .rnnLinear:
                VanillaCell.tangent(config.cell, aDot: aDot, h: hOut, hDot: u, count: length * hidden)
              case .lstm:
                LSTMCell.tangent(
                  aDot: aDot, gates: gates, tanhC: tanhC, cPrev: cPrev, hDot: u, rows: length, hidden: hidden)
              case .gru:
                GRUCell.tangent(
                  aDot: aDot, v: v, gates: gates, hnPre: hnPre, hPrev: hPrev, hDot: u, rows: length, hidden: hidden)
              }
              // ‖J v‖ for unit v rises monotonically to σ_max; stop once no step moves by 1e-3 (relative), plenty for a plot.
              var converged = true
              for t in 0..<length {
                let row = u + t * hidden
                var sum: Float = 0
                for j in 0..<hidden { sum += row[j] * row[j] }
                let estimate = sum.squareRoot()
                if abs(estimate - norms[t]) > 1e-3 * estimate { converged = false }
                norms[t] = estimate
              }
              if converged { break }
              // Backward: v = Jᵀ u, through the cell's own backward step.
              switch config.cell {
              case .rnnTanh, .rnnRelu, .rnnLinear:
                VanillaCell.backward(config.cell, dh: u, h: hOut, dPre: &dPre, count: length * hidden)
              case .lstm:
                LSTMCell.backward(
                  dh: u, dcNext: zeros, gates: gates, c: c, cPrev: cPrev, dcTotal: &scratchA, dPre: &dPre,
                  dcPrev: &scratchB, rows: length, hidden: hidden)
              case .gru:
                GRUCell.backward(
                  dh: u, gates: gates, hnPre: hnPre, hPrev: hPrev, dPreInput: &scratchInput, dPreHidden: &dPre,
                  dhPrev: &scratchA, rows: length, hidden: hidden)
              }
              // v = dPre W_hh, plus the GRU's direct z ⊙ u path.
              let isGRU = config.cell == .gru
              if isGRU { v.update(from: scratchA, count: length * hidden) }
              BLAS.gemm(
                m: length, n: hidden, k: gateWidth, a: dPre, lda: gateWidth, b: weightHH, ldb: hidden,
                beta: isGRU ? 1 : 0, c: v, ldc: hidden)
            }
          }
        }
      }
    }
    return (norms, v)
  }

  /// Scales each `width`-long row to unit length (rows of zeros stay zero).
  private func normalizeRows(_ values: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
    for row in 0..<rows {
      let vector = values + row * width
      var sum: Float = 0
      for j in 0..<width { sum += vector[j] * vector[j] }
      guard sum > 0 else { continue }
      let scale = 1 / sum.squareRoot()
      for j in 0..<width { vector[j] *= scale }
    }
  }
}
