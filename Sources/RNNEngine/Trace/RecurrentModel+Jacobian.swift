extension RecurrentModel {
  /// ‖∂h_t/∂h_{t−1}‖₂ for every step of sequence `sequence` in layer `layer` (c_{t−1} held fixed for the LSTM).
  ///
  /// The largest eigenvalue of J_tᵀJ_t for all T steps at once (`BatchedLanczos`), stopping after
  /// at least two Lanczos steps once each step's residual bound is 1 % of its eigenvalue (½ % of
  /// the norm). The Ritz value's error is much smaller than that bound. Measured on the built-in
  /// text (Adam at 3·10⁻³, a trace every fourth step) against a cold Lanczos run to 10⁻⁸, for RNN,
  /// LSTM and GRU at H = 32, 128 (2,500 steps each) and 512 (800): medians 3·10⁻⁶–7·10⁻⁴, 99th
  /// percentiles 4·10⁻⁵–5·10⁻³. A warm start can still settle on a lower singular value whose
  /// direction it holds and miss a new top one it barely touches: 8 steps in 17,400 were off by
  /// more than 1 % (RNN 3–4 %, GRU-32 up to 18 %). For the GRU's commonest case, a unit whose
  /// update gate shut since the last trace, `checkPassThrough` starts such steps again; a single
  /// Lanczos step, or a bound of 2 %, let 1–7 % errors through at many more steps. J v is the
  /// cell's tangent after one product with W_hh, Jᵀu is the cell's backward step followed by one
  /// product with W_hh — the same code backprop runs, so this is the true Jacobian, not a bound.
  ///
  /// With `start (H)`, every step starts from it (W_hh's top right singular vector, near J_t's
  /// top direction since J_t scales W_hh's product by the gate derivatives) plus a little seeded
  /// noise that keeps every direction reachable. With `start (T, H)`, step t starts from row t as
  /// it is: the directions a previous trace found, which a few training steps later are still close.
  ///
  /// Returns the norms `(T)` and the unit directions `(T, H)` they were measured along.
  func stepJacobianNorms(
    record: ForwardRecord, layer: Int, sequence: Int, start: [Float], maxIterations: Int = 20
  ) -> (norms: [Float], directions: [Float]) {
    let length = record.length, hidden = config.hidden, gateWidth = config.cell.gateCount * hidden
    let tolerance = 1e-2  // residual bound over eigenvalue
    precondition(start.count == hidden || start.count == length * hidden, "start must be (H) or (T, H)")
    var random = SeededRandom(seed: 0x5EED)
    let noise = 0.1 / Float(hidden).squareRoot()  // a normal H-vector has length ≈ √H: noise of length ≈ 0.1
    let first =
      start.count == length * hidden
      ? start : (0..<(length * hidden)).map { index in start[index % hidden] + noise * random.normal() }  // (T, H)

    // Every step is a problem of its own, so each thread takes a range of steps through its own
    // Lanczos iteration: the products, the cells' steps and the bookkeeping all split, with no
    // hand-over between threads. Each Lanczos step is two products with W_hh, and a timestep
    // takes about three Lanczos steps.
    var norms = [Float](repeating: 0, count: length)
    var directions = uninitializedFloats(length * hidden)  // (T, H)
    let stepsPerPart = Parallel.minimumPerPart(floor: 4, work: 1 << 18, itemWork: 6 * hidden * gateWidth)
    parameters.withBase { params in
      let weightHH = params + layerOffsets[layer].weightHH  // (G·H, H)
      // W_hh made ready once for both threads' products, both ways round (J v, then Jᵀu), when
      // it fits a core's L2 (2 MB here). Against BLAS, which packs it on every call: the Jacobian
      // norms took 0.87–0.90× the time at H = 128 and 0.92× at RNN-512 (1 MB); at GRU-512 and
      // LSTM-512 (3 and 4 MB) 1.11–1.14×, so BLAS keeps those.
      let packs = gateWidth * hidden * MemoryLayout<Float>.size <= 2 << 20 && PackedWeights.usesPackedKernel
      let products = (
        tangent: PackedWeights(
          weightHH, transposed: true, depth: hidden, width: gateWidth, rows: length, pool: pool, packed: packs),
        backward: PackedWeights(
          weightHH, transposed: false, depth: gateWidth, width: hidden, rows: length, pool: pool, packed: packs))
      defer {
        products.tangent.recycle(into: pool)
        products.backward.recycle(into: pool)
      }
      norms.withUnsafeMutableBufferPointer { norms in
        directions.withMutableBase { directions in
          Parallel.forEachRange(length, minimumPerPart: stepsPerPart) { steps in
            let states = JacobianStates(record: record, layer: layer, sequence: sequence, steps: steps, cell: config.cell)
            var part = largestSquaredSingularValues(
              states, products: products, start: Array(first[(steps.lowerBound * hidden)..<(steps.upperBound * hidden)]),
              maxIterations: maxIterations, tolerance: tolerance)
            if config.cell == .gru {
              checkPassThrough(
                &part, states, weightHH: weightHH, products: products, maxIterations: maxIterations, tolerance: tolerance)
            }
            // σ_max(J_t) = √λ_max(J_tᵀJ_t).
            for (index, step) in steps.enumerated() { norms[step] = part.values[index].squareRoot() }
            (directions + steps.lowerBound * hidden).update(from: part.vectors, count: steps.count * hidden)
          }
        }
      }
    }
    return (norms, directions)
  }

  /// λ_max(J_tᵀJ_t) `(rows)` and its unit eigenvector `(rows, H)` for the steps `states` holds,
  /// from `start (rows, H)`, on this thread.
  private func largestSquaredSingularValues(
    _ states: JacobianStates, products: JacobianProducts, start: [Float], maxIterations: Int, tolerance: Double
  ) -> (values: [Float], vectors: [Float]) {
    let length = states.count, hidden = config.hidden, gateWidth = config.cell.gateCount * hidden
    // Scratch that every product overwrites whole, sized for all the rows.
    var aDot = uninitializedFloats(length * gateWidth)  // (rows, G·H) v W_hhᵀ
    var u = uninitializedFloats(length * hidden)  // (rows, H) J v
    var dPre = uninitializedFloats(length * gateWidth)  // (rows, G·H)
    var scratchInput = uninitializedFloats(config.cell == .gru ? length * gateWidth : 0)  // (rows, G·H) GRU input side (unused)
    var scratchA = uninitializedFloats(length * hidden)  // (rows, H)
    var scratchB = uninitializedFloats(length * hidden)  // (rows, H)
    let zeros = [Float](repeating: 0, count: length * hidden)

    // w = J_tᵀ J_t v for the steps t still iterating: all of them, then the few that converge slowly.
    return BatchedLanczos.largestEigenpairs(
      count: length, dimension: hidden, start: start, minimumIterations: 2, maxIterations: maxIterations,
      tolerance: tolerance
    ) { steps, v, w in
      let rows = steps.count
      let states = rows == length ? states : states.rows(steps)
      // Forward tangent: u = J v.
      products.tangent.multiply(rows: rows, v, lda: hidden, beta: 0, into: &aDot, ldc: gateWidth)
      tangent(states, aDot: aDot, v: v, into: &u)
      // Backward: w = Jᵀ u, through the cell's own backward step.
      switch config.cell {
      case .rnnTanh, .rnnRelu, .rnnLinear:
        VanillaCell.backward(config.cell, dh: u, h: states.hOut, dPre: &dPre, count: rows * hidden)
      case .lstm:
        LSTMCell.backward(
          dh: u, dcNext: zeros, gates: states.gates, c: states.c, cPrev: states.cPrev, dcTotal: &scratchA,
          dPre: &dPre, dcPrev: &scratchB, rows: rows, hidden: hidden)
      case .gru:
        GRUCell.backward(
          dh: u, gates: states.gates, hnPre: states.hnPre, hPrev: states.hPrev, dPreInput: &scratchInput,
          dPreHidden: &dPre, dhPrev: &scratchA, rows: rows, hidden: hidden)
      }
      // w = dPre W_hh, plus the GRU's direct z ⊙ u path.
      let isGRU = config.cell == .gru
      if isGRU { w.update(from: scratchA, count: rows * hidden) }
      products.backward.multiply(rows: rows, dPre, lda: gateWidth, beta: isGRU ? 1 : 0, into: w, ldc: hidden)
    }
  }

  /// u = J v `(rows, H)`, the cell's tangent, given ȧ = v W_hhᵀ `(rows, G·H)`.
  private func tangent(
    _ states: JacobianStates, aDot: [Float], v: UnsafePointer<Float>, into u: inout [Float]
  ) {
    let rows = states.count, hidden = config.hidden
    switch config.cell {
    case .rnnTanh, .rnnRelu, .rnnLinear:
      VanillaCell.tangent(config.cell, aDot: aDot, h: states.hOut, hDot: &u, count: rows * hidden)
    case .lstm:
      LSTMCell.tangent(
        aDot: aDot, gates: states.gates, tanhC: states.tanhC, cPrev: states.cPrev, hDot: &u, rows: rows, hidden: hidden)
    case .gru:
      GRUCell.tangent(
        aDot: aDot, v: v, gates: states.gates, hnPre: states.hnPre, hPrev: states.hPrev, hDot: &u, rows: rows,
        hidden: hidden)
    }
  }

  /// Makes sure a GRU step's answer is at least its pass-through unit's, and starts again from
  /// that unit where it is not.
  ///
  /// A unit whose update gate z is nearly 1 copies its state forward (h_t ≈ h_{t−1} there), so
  /// J_t e_b ≈ z_b e_b and ‖J_t‖ ≥ ‖J_t e_b‖ ≈ 1: the GRU's way of keeping gradients alive. Such a
  /// direction is a single unit, which the previous trace's directions barely touch when the unit
  /// closed its gate since: measured on the built-in text at H = 128, a warm start then settled
  /// on 0.94 where the norm was 1.00, at 93 of 100 steps. ‖J_t e_b‖ for b, the unit with the
  /// largest z, costs one column of W_hh, no product; where it beats the Lanczos value by more
  /// than the tolerance, that value was not the largest, and the step starts again from e_b.
  private func checkPassThrough(
    _ found: inout (values: [Float], vectors: [Float]), _ states: JacobianStates, weightHH: UnsafePointer<Float>,
    products: JacobianProducts, maxIterations: Int, tolerance: Double
  ) {
    let rows = states.count, hidden = config.hidden, gateWidth = 3 * hidden
    var unitVectors = [Float](repeating: 0, count: rows * hidden)  // (rows, H) e_b
    var aDot = uninitializedFloats(rows * gateWidth)  // (rows, 3H) e_b W_hhᵀ: column b of W_hh
    for row in 0..<rows {
      let z = states.gates[(row * gateWidth + hidden)..<(row * gateWidth + 2 * hidden)]
      let unit = z.indices.max { z[$0] < z[$1] }! - z.startIndex
      unitVectors[row * hidden + unit] = 1
      for gate in 0..<gateWidth { aDot[row * gateWidth + gate] = weightHH[gate * hidden + unit] }
    }
    var columns = uninitializedFloats(rows * hidden)  // (rows, H) J e_b
    unitVectors.withBase { tangent(states, aDot: aDot, v: $0, into: &columns) }
    let missed = (0..<rows).filter { row in
      let squared = columns.withBase { FastMath.sumOfSquares($0 + row * hidden, count: hidden) }
      return Double(squared) > Double(found.values[row]) * (1 + tolerance)
    }
    guard !missed.isEmpty else { return }
    let again = largestSquaredSingularValues(
      states.rows(missed), products: products,
      start: missed.flatMap { unitVectors[($0 * hidden)..<(($0 + 1) * hidden)] }, maxIterations: maxIterations,
      tolerance: tolerance)
    for (index, row) in missed.enumerated() where again.values[index] > found.values[row] {
      found.values[row] = again.values[index]
      found.vectors.replaceSubrange(
        (row * hidden)..<((row + 1) * hidden), with: again.vectors[(index * hidden)..<((index + 1) * hidden)])
    }
  }
}

/// W_hh `(G·H, H)` made ready for the Jacobian's products: `tangent` multiplies by W_hhᵀ, `backward` by W_hh.
private typealias JacobianProducts = (tangent: PackedWeights, backward: PackedWeights)

/// What a step's Jacobian depends on, for one sequence, as `(rows, ·)` matrices: row t is step t
/// (or, after `rows(_:)`, the t-th of the steps asked for).
private struct JacobianStates {
  var count: Int  // rows
  var hPrev: [Float]  // (rows, H) h_{t−1}
  var hOut: [Float]  // (rows, H) h_t
  var gates: [Float]  // (rows, G·H) post-activation
  var cPrev: [Float]  // (rows, H) c_{t−1}, LSTM
  var c: [Float]  // (rows, H) c_t, LSTM
  var tanhC: [Float]  // (rows, H) tanh(c_t), once here rather than in every product's tangent
  var hnPre: [Float]  // (rows, H) GRU

  /// Steps `steps` of sequence `sequence` in layer `layer` of `record`.
  init(record: ForwardRecord, layer: Int, sequence: Int, steps: Range<Int>, cell: CellType) {
    let batchSize = record.batchSize, layerRecord = record.layers[layer]
    let hidden = record.config.hidden, gateWidth = cell.gateCount * hidden
    count = steps.count
    // Row t of a time-major (T(+1), B, width) buffer, from block t + firstStep.
    func rows(_ source: [Float], width: Int, firstStep: Int) -> [Float] {
      // A batch of one is already (T, ·): a slice.
      guard batchSize > 1 else {
        return Array(source[((steps.lowerBound + firstStep) * width)..<((steps.upperBound + firstStep) * width)])
      }
      return Self.gather(source, rows: steps.map { ($0 + firstStep) * batchSize + sequence }, width: width)
    }
    hPrev = rows(layerRecord.h, width: hidden, firstStep: 0)
    hOut = rows(layerRecord.h, width: hidden, firstStep: 1)
    gates = rows(layerRecord.gates, width: gateWidth, firstStep: 0)
    cPrev = cell.hasCellState ? rows(layerRecord.c, width: hidden, firstStep: 0) : []
    c = cell.hasCellState ? rows(layerRecord.c, width: hidden, firstStep: 1) : []
    hnPre = cell == .gru ? rows(layerRecord.hnPre, width: hidden, firstStep: 0) : []
    tanhC = c
    tanhC.withMutableBase { FastMath.tanh($0, count: c.count) }
  }

  /// The same matrices holding only rows `indices`, in that order.
  func rows(_ indices: [Int]) -> JacobianStates {
    func subset(_ matrix: [Float]) -> [Float] {
      matrix.isEmpty ? [] : Self.gather(matrix, rows: indices, width: matrix.count / count)
    }
    var states = self
    states.count = indices.count
    (states.hPrev, states.hOut, states.gates) = (subset(hPrev), subset(hOut), subset(gates))
    (states.cPrev, states.c, states.tanhC, states.hnPre) = (subset(cPrev), subset(c), subset(tanhC), subset(hnPre))
    return states
  }

  /// Rows `rows` of a row-major matrix `width` wide, stacked.
  private static func gather(_ source: [Float], rows: [Int], width: Int) -> [Float] {
    var gathered = uninitializedFloats(rows.count * width)
    source.withBase { source in
      gathered.withMutableBase { target in
        for (index, row) in rows.enumerated() { (target + index * width).update(from: source + row * width, count: width) }
      }
    }
    return gathered
  }
}
