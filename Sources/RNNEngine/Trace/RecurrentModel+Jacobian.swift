extension RecurrentModel {
  /// ‖∂h_t/∂h_{t−1}‖₂ for the steps `jacobians` holds (c_{t−1} held fixed for the LSTM).
  ///
  /// The largest eigenvalue of J_tᵀJ_t for all of them at once (`BatchedLanczos`), stopping after
  /// at least two Lanczos steps once each step's residual bound is 1 % of its eigenvalue (½ % of
  /// the norm). The Ritz value's error is much smaller than that bound (docs/performance.md has the
  /// accuracy against cold runs). A warm start can still settle on a lower singular value whose
  /// direction it holds and miss a new top one it barely touches; for the GRU's commonest case,
  /// a unit whose update gate shut since the last trace, `checkPassThrough` starts such steps
  /// again. The products are J_t's own (`StepJacobians`), so this is the true Jacobian's norm,
  /// not a bound.
  ///
  /// Step t starts from row t of `start (rows, H)`: the direction a previous trace found, which a
  /// few training steps later is still close, or else W_hh's top right singular vector plus a
  /// little noise (`StabilityMeasures`). Runs on the calling thread.
  ///
  /// Returns the norms `(rows)` and the unit directions `(rows, H)` they were taken along.
  func stepJacobianNorms(
    _ jacobians: StepJacobians, products: JacobianProducts, weightHH: UnsafePointer<Float>, start: [Float],
    maxIterations: Int = 20
  ) -> (norms: [Float], directions: [Float]) {
    let tolerance = 1e-2  // residual bound over eigenvalue
    var found = largestSquaredSingularValues(
      jacobians, products: products, start: start, maxIterations: maxIterations, tolerance: tolerance)
    if config.cell == .gru {
      checkPassThrough(
        &found, jacobians, weightHH: weightHH, products: products, maxIterations: maxIterations, tolerance: tolerance)
    }
    // σ_max(J_t) = √λ_max(J_tᵀJ_t).
    return (found.values.map { $0.squareRoot() }, found.vectors)
  }

  /// W_hh of layer `layer` made ready for the Jacobian's products over up to `rows` rows.
  ///
  /// Packed once for every chunk's products, both ways round (J v, then Jᵀu), when it fits a
  /// core's L2 (2 MB): BLAS packs it on every call, but beyond L2 its own blocking wins.
  func jacobianProducts(layer: Int, params: UnsafePointer<Float>, rows: Int) -> JacobianProducts {
    let hidden = config.hidden
    let gateWidth = config.cell.gateCount * hidden
    let weightHH = params + layerOffsets[layer].weightHH  // (G·H, H)
    let packs = gateWidth * hidden * MemoryLayout<Float>.size <= 2 << 20 && PackedWeights.usesPackedKernel
    return (
      tangent: PackedWeights(
        weightHH, transposed: true, depth: hidden, width: gateWidth, rows: rows, pool: pool, packed: packs),
      backward: PackedWeights(
        weightHH, transposed: false, depth: gateWidth, width: hidden, rows: rows, pool: pool, packed: packs)
    )
  }

  /// λ_max(J_tᵀJ_t) `(rows)` and its unit eigenvector `(rows, H)` for the steps `jacobians`
  /// holds, from `start (rows, H)`, on this thread.
  private func largestSquaredSingularValues(
    _ jacobians: StepJacobians, products: JacobianProducts, start: [Float], maxIterations: Int, tolerance: Double
  ) -> (values: [Float], vectors: [Float]) {
    let length = jacobians.count
    let hidden = config.hidden
    let gateWidth = config.cell.gateCount * hidden
    // Scratch that every product overwrites whole, sized for all the rows.
    var gates = uninitializedFloats(length * gateWidth)  // (rows, G·H) v W_hhᵀ, then a ⊙ u
    var u = uninitializedFloats(length * hidden)  // (rows, H) J v

    // w = J_tᵀ J_t v for the steps t still iterating: all of them, then the few that converge slowly.
    return BatchedLanczos.largestEigenpairs(
      count: length, dimension: hidden, start: start, minimumIterations: 2, maxIterations: maxIterations,
      tolerance: tolerance
    ) { steps, v, w in
      let rows = steps.count
      let jacobians = rows == length ? jacobians : jacobians.rows(steps)
      products.tangent.multiply(rows: rows, v, lda: hidden, beta: 0, into: &gates, ldc: gateWidth)
      jacobians.multiply(v, gates: gates, into: &u)
      jacobians.multiplyTransposedFactor(u, gates: &gates, diagonalInto: w)
      products.backward.multiply(
        rows: rows, gates, lda: gateWidth, beta: jacobians.diagonal.isEmpty ? 0 : 1, into: w, ldc: hidden)
    }
  }

  /// Makes sure a GRU step's answer is at least its pass-through unit's, and starts again from
  /// that unit where it is not.
  ///
  /// A unit whose update gate z is nearly 1 copies its state forward (h_t ≈ h_{t−1} there), so
  /// J_t e_b ≈ z_b e_b and ‖J_t‖ ≥ ‖J_t e_b‖ ≈ 1: the GRU's way of keeping gradients alive. Such a
  /// direction is a single unit, which the previous trace's directions barely touch when the unit
  /// closed its gate since, so a warm start can settle below it. ‖J_t e_b‖ for b, the unit with the
  /// largest z, costs one column of W_hh, no product; where it beats the Lanczos value by more
  /// than the tolerance, that value was not the largest, and the step starts again from e_b.
  private func checkPassThrough(
    _ found: inout (values: [Float], vectors: [Float]), _ jacobians: StepJacobians, weightHH: UnsafePointer<Float>,
    products: JacobianProducts, maxIterations: Int, tolerance: Double
  ) {
    let rows = jacobians.count
    let hidden = config.hidden
    var missed: [Int] = []
    var units: [Int] = []
    for row in 0..<rows {
      let (unit, squared) = jacobians.largestPassThrough(row: row, weightHH: weightHH)
      guard Double(squared) > Double(found.values[row]) * (1 + tolerance) else { continue }
      missed.append(row)
      units.append(unit)
    }
    guard !missed.isEmpty else { return }
    var start = [Float](repeating: 0, count: missed.count * hidden)  // (missed, H) e_b
    for (index, unit) in units.enumerated() { start[index * hidden + unit] = 1 }
    let again = largestSquaredSingularValues(
      jacobians.rows(missed), products: products, start: start, maxIterations: maxIterations, tolerance: tolerance)
    for (index, row) in missed.enumerated() where again.values[index] > found.values[row] {
      found.values[row] = again.values[index]
      found.vectors.replaceSubrange(
        (row * hidden)..<((row + 1) * hidden), with: again.vectors[(index * hidden)..<((index + 1) * hidden)])
    }
  }
}

/// W_hh `(G·H, H)` made ready for the Jacobian's products: `tangent` multiplies by W_hhᵀ, `backward` by W_hh.
typealias JacobianProducts = (tangent: PackedWeights, backward: PackedWeights)

/// The step Jacobians J_t = ∂h_t/∂h_{t−1} of some steps of one sequence, as `(rows, ·)` matrices
/// of coefficients on W_hh: row t is step t (or, after `rows(_:)`, the t-th of the steps asked for).
///
/// Every cell's step is J_t = Σ_g diag(a_g) W_g + diag(d), W_g the g-th `(H, H)` block of W_hh:
/// each gate's pre-activation gradient depends on its own unit's dL/dh_t alone. So the
/// coefficients are the cell's own backward step run on dL/dh_t = 1 (with c_{t−1} held for the
/// LSTM: no gradient arriving from c_t's future): a `(G·H)` is the recurrent pre-activation
/// gradient, d `(H)` the direct path to h_{t−1} (the GRU's z; none for the others). Then
/// J v = Σ_g a_g ⊙ (W_g v) + d ⊙ v and Jᵀu = Σ_g W_gᵀ (a_g ⊙ u) + d ⊙ u: one product with W_hh
/// each way and one multiply per gate value, instead of the cell's tangent and backward steps in
/// every product (the same speed within the noise of warm loops at H = 32 and 128).
struct StepJacobians {
  /// Rows.
  var count: Int
  /// `(rows, G·H)` a.
  var coefficients: [Float]
  /// `(rows, H)` d: the GRU's z; empty for the others.
  var diagonal: [Float]
  let hidden: Int
  /// G.
  let gateCount: Int

  /// Steps `steps` of sequence `sequence` in layer `layer` of `record`.
  init(record: ForwardRecord, layer: Int, sequence: Int, steps: Range<Int>, cell: CellType) {
    let batchSize = record.batchSize
    let layerRecord = record.layers[layer]
    let count = steps.count
    let hidden = record.config.hidden
    let gateWidth = cell.gateCount * hidden
    // Row t of a time-major (T(+1), B, width) buffer, from block t + firstStep.
    func rows(_ source: [Float], width: Int, firstStep: Int) -> [Float] {
      // A batch of one is already (T, ·): a slice.
      guard batchSize > 1 else {
        return Array(source[((steps.lowerBound + firstStep) * width)..<((steps.upperBound + firstStep) * width)])
      }
      return Self.gather(source, rows: steps.map { ($0 + firstStep) * batchSize + sequence }, width: width)
    }
    let size = count * hidden
    let ones = [Float](repeating: 1, count: size)  // (rows, H) dL/dh_t
    let gates = rows(layerRecord.gates, width: gateWidth, firstStep: 0)
    var coefficients = uninitializedFloats(count * gateWidth)
    var diagonal: [Float] = []
    switch cell {
    case .rnnTanh, .rnnRelu, .rnnLinear:
      let h = rows(layerRecord.h, width: hidden, firstStep: 1)
      coefficients.withMutableBase { VanillaCell.backward(cell, dh: ones, h: h, dPre: $0, count: size) }
    case .lstm:
      var unused = uninitializedFloats(2 * size)  // dL/dc_t and dL/dc_{t−1}, not needed
      let (c, cPrev) = (
        rows(layerRecord.c, width: hidden, firstStep: 1), rows(layerRecord.c, width: hidden, firstStep: 0)
      )
      coefficients.withMutableBase { a in
        unused.withMutableBase { unused in
          LSTMCell.backward(
            dh: ones, dcNext: [Float](repeating: 0, count: size), gates: gates, c: c, cPrev: cPrev, dcTotal: unused,
            dPre: a, dcPrev: unused + size, rows: count, hidden: hidden)
        }
      }
    case .gru:
      var inputSide = uninitializedFloats(count * gateWidth)  // the input-side gradients, not needed
      diagonal = uninitializedFloats(size)
      let (hnPre, hPrev) = (
        rows(layerRecord.hnPre, width: hidden, firstStep: 0), rows(layerRecord.h, width: hidden, firstStep: 0)
      )
      coefficients.withMutableBase { a in
        GRUCell.backward(
          dh: ones, gates: gates, hnPre: hnPre, hPrev: hPrev, dPreInput: &inputSide, dPreHidden: a,
          dhPrev: &diagonal, rows: count, hidden: hidden)
      }
    }
    (self.count, self.hidden, gateCount) = (count, hidden, cell.gateCount)
    (self.coefficients, self.diagonal) = (coefficients, diagonal)
  }

  /// The same matrices holding only rows `indices`, in that order.
  func rows(_ indices: [Int]) -> StepJacobians {
    var jacobians = self
    jacobians.count = indices.count
    jacobians.coefficients = Self.gather(coefficients, rows: indices, width: gateCount * hidden)
    if !diagonal.isEmpty { jacobians.diagonal = Self.gather(diagonal, rows: indices, width: hidden) }
    return jacobians
  }

  /// u = J v `(rows, H)`, given v `(rows, H)` and `gates (rows, G·H)` = v W_hhᵀ.
  func multiply(_ v: UnsafePointer<Float>, gates: [Float], into u: inout [Float]) {
    let (gateCount, hidden) = (gateCount, hidden)
    coefficients.withBase { a in
      gates.withBase { product in
        u.withMutableBase { u in
          for row in 0..<count {
            let uRow = u + row * hidden
            let aRow = a + row * gateCount * hidden
            let productRow = product + row * gateCount * hidden
            for j in 0..<hidden { uRow[j] = aRow[j] * productRow[j] }
            for gate in 1..<gateCount {
              let aGate = aRow + gate * hidden
              let productGate = productRow + gate * hidden
              for j in 0..<hidden { uRow[j] += aGate[j] * productGate[j] }
            }
          }
          guard !diagonal.isEmpty else { return }
          diagonal.withBase { d in for index in 0..<(count * hidden) { u[index] += d[index] * v[index] } }
        }
      }
    }
  }

  /// The elementwise factor of Jᵀu: `gates (rows, G·H)` = a ⊙ u per gate block, and d ⊙ u into
  /// `direct (rows, H)` (untouched when there is no d). Jᵀu is then gates · W_hh + direct.
  func multiplyTransposedFactor(_ u: [Float], gates: inout [Float], diagonalInto direct: UnsafeMutablePointer<Float>) {
    let (gateCount, hidden) = (gateCount, hidden)
    coefficients.withBase { a in
      u.withBase { u in
        gates.withMutableBase { gates in
          for row in 0..<count {
            let uRow = u + row * hidden
            for gate in 0..<gateCount {
              let offset = (row * gateCount + gate) * hidden
              let aGate = a + offset
              let target = gates + offset
              for j in 0..<hidden { target[j] = aGate[j] * uRow[j] }
            }
          }
        }
        guard !diagonal.isEmpty else { return }
        diagonal.withBase { d in for index in 0..<(count * hidden) { direct[index] = d[index] * u[index] } }
      }
    }
  }

  /// The GRU's pass-through unit of row `row`, b = argmax d (the largest z), and ‖J e_b‖²: the
  /// column b of every W_g scaled by its coefficients, plus d_b on the unit itself.
  func largestPassThrough(row: Int, weightHH: UnsafePointer<Float>) -> (unit: Int, squaredNorm: Float) {
    let (gateCount, hidden) = (gateCount, hidden)
    return diagonal.withBase { d in
      coefficients.withBase { a in
        let dRow = d + row * hidden
        let aRow = a + row * gateCount * hidden
        var unit = 0
        for j in 1..<hidden where dRow[j] > dRow[unit] { unit = j }
        var total: Float = 0
        for i in 0..<hidden {
          var value = i == unit ? dRow[unit] : 0
          for gate in 0..<gateCount { value += aRow[gate * hidden + i] * weightHH[(gate * hidden + i) * hidden + unit] }
          total += value * value
        }
        return (unit, total)
      }
    }
  }

  /// Rows `rows` of a row-major matrix `width` wide, stacked.
  private static func gather(_ source: [Float], rows: [Int], width: Int) -> [Float] {
    var gathered = uninitializedFloats(rows.count * width)
    source.withBase { source in
      gathered.withMutableBase { target in
        for (index, row) in rows.enumerated() {
          (target + index * width).update(from: source + row * width, count: width)
        }
      }
    }
    return gathered
  }
}
