import CKernels

/// One batch's buffers for a layer's forward pass through time (time-major, see `forwardRecurrence`).
struct ForwardBuffers {
  /// B of this batch.
  let batchSize: Int
  /// T of this batch.
  let length: Int
  let gates: UnsafeMutablePointer<Float>  // (T, B, G·H)
  let h: UnsafeMutablePointer<Float>  // (T+1, B, H)
  let c: UnsafeMutablePointer<Float>  // (T+1, B, H), LSTM
  let hnPre: UnsafeMutablePointer<Float>  // (T, B, H), GRU
}

/// One batch's buffers for a layer's backward pass through time (see `backwardRecurrence`).
struct BackwardBuffers {
  /// B of this batch.
  let batchSize: Int
  /// T of this batch.
  let length: Int
  let gates: UnsafePointer<Float>  // (T, B, G·H) post-activation
  let h: UnsafePointer<Float>  // (T+1, B, H)
  let c: UnsafePointer<Float>  // (T+1, B, H), LSTM
  let hnPre: UnsafePointer<Float>  // (T, B, H), GRU
  let dY: UnsafePointer<Float>  // (T, B, H) from outside the recurrence
  let dhTotal: UnsafeMutablePointer<Float>  // (T, B, H)
  let dcTotal: UnsafeMutablePointer<Float>  // (T, B, H), LSTM
  let dPreInput: UnsafeMutablePointer<Float>  // (T, B, G·H)
}

extension RecurrentModel {
  /// Runs layer `layer` through time. `gates (T, B, G·H)` arrive holding the input projection
  /// plus biases and leave holding post-activation gates; `h`, `c (T+1, B, H)` arrive with the
  /// initial state in row block 0; `hnPre (T, B, H)` is filled for the GRU.
  ///
  /// Sequences never interact in the recurrence, so each thread takes a band of the batch and runs
  /// it through all T steps on its own: no hand-over between threads inside the time loop.
  ///
  /// `probe`, a batch of one sequence no longer than the batch's, rides along with the last band
  /// for its first steps: each of its W_hh products is one more row of that band's
  /// (`PackedWeights.multiply`'s `extraRow`), so the trace costs a row of arithmetic rather than a
  /// pass of its own through W_hh. The batch's numbers do not change with it.
  ///
  /// The other bands, a row lighter, finish first; each then calls `whileWaiting` with the
  /// probe's `h (T+1, 1, H)` and a function that tells how many of its steps are done so far, for
  /// other work to fill the wait (the probe's head, as its steps come in). The probe's band calls
  /// it too once its steps are done, so whatever is left gets done before this returns.
  func forwardRecurrence(
    layer: Int, params: UnsafePointer<Float>, batch: ForwardBuffers, probe: ForwardBuffers? = nil,
    whileWaiting: ((_ probeH: UnsafePointer<Float>, _ stepsDone: () -> Int) -> Void)? = nil
  ) {
    let hidden = config.hidden
    let gateWidth = config.cell.gateCount * hidden
    let batchSize = batch.batchSize
    let length = batch.length
    let offsets = layerOffsets[layer]
    precondition(
      probe.map { $0.batchSize == 1 && $0.length <= length } ?? true, "a probe riding along is one shorter sequence")
    // W_hhᵀ (H, G·H), packed once for the T products h_{t−1} W_hhᵀ.
    let weightHH = PackedWeights(
      params + offsets.weightHH, transposed: true, depth: hidden, width: gateWidth, rows: batchSize, pool: pool)
    let probeStepsDone = UnsafeMutablePointer<Int32>.allocate(capacity: 1)  // how many of the probe's steps are done
    probeStepsDone.initialize(to: 0)
    defer {
      weightHH.recycle(into: pool)
      probeStepsDone.deallocate()
    }
    Parallel.forEachRange(batchSize, minimumPerPart: sequencesPerThread(length: length)) { sequences in
      let rows = sequences.count
      let first = sequences.lowerBound
      let ridingProbe = sequences.upperBound == batchSize ? probe : nil
      // (rows + 1, G·H) W_hh h_{t−1} for the GRU, which adds it inside the cell; the probe's in the last row.
      let recurrent = allocateZeroed(config.cell == .gru ? (rows + 1) * gateWidth : 0)
      defer { recurrent.deallocate() }
      for t in 0..<length {
        // Step t of this band: (rows, G·H) gates, (rows, H) states; the probe's one row of each.
        let band = batch.step(t, rows: first..<(first + rows), hidden: hidden, gateWidth: gateWidth)
        let probeStep = ridingProbe.flatMap {
          t < $0.length ? $0.step(t, rows: 0..<1, hidden: hidden, gateWidth: gateWidth) : nil
        }
        // The GRU keeps W_hh h_{t−1} apart (`recurrent`); the other cells add it to the gates.
        let isGRU = config.cell == .gru
        weightHH.multiply(
          rows: rows, band.hPrev, lda: hidden, beta: isGRU ? 0 : 1, into: isGRU ? recurrent : band.gates,
          ldc: gateWidth,
          extraRow: probeStep.map { (UnsafePointer($0.hPrev), isGRU ? recurrent + rows * gateWidth : $0.gates) })
        forwardCell(band, recurrent: recurrent, params: params, layer: layer)
        if let probeStep {
          forwardCell(probeStep, recurrent: recurrent + rows * gateWidth, params: params, layer: layer)
          _ = rk_fetch_add(probeStepsDone, 1)
        }
      }
      guard let whileWaiting, let probe else { return }
      whileWaiting(probe.h) { Int(rk_fetch_add(probeStepsDone, 0)) }
    }
  }

  /// The cell's elementwise step on `rows` once the W_hh product is in: into the gates, or for
  /// the GRU in `recurrent (rows, G·H)`.
  private func forwardCell(
    _ rows: StepRows, recurrent: UnsafeMutablePointer<Float>, params: UnsafePointer<Float>, layer: Int
  ) {
    let hidden = config.hidden
    switch config.cell {
    case .rnnTanh, .rnnRelu, .rnnLinear:
      VanillaCell.forward(config.cell, gates: rows.gates, h: rows.hNext, count: rows.count * hidden)
    case .lstm:
      LSTMCell.forward(
        gates: rows.gates, cPrev: rows.cPrev, c: rows.cNext, h: rows.hNext, rows: rows.count, hidden: hidden)
    case .gru:
      GRUCell.forward(
        gates: rows.gates, recurrent: recurrent, biasHN: params + layerOffsets[layer].biasHH + 2 * hidden,
        hPrev: rows.hPrev, hnPre: rows.hnPre, h: rows.hNext, rows: rows.count, hidden: hidden)
    }
  }

  /// Backpropagates through layer `layer` in time. `dY (T, B, H)` is the gradient reaching each
  /// h_t from outside the recurrence (head or layer above). Fills `dhTotal`, `dcTotal (T, B, H)`
  /// and the input-side pre-activation gradients `dPreInput (T, B, G·H)`; adds dW_hh, db_hh and
  /// db_ih to `grads`. With `truncation` k > 0, the gradient is cut between steps k·m − 1 and k·m.
  /// Threads split the batch as in `forwardRecurrence`; the weight gradients come after, from
  /// products over all steps and sequences.
  ///
  /// `probe` rides along with the last band as in `forwardRecurrence`: its gradients flow back
  /// through every step (the trace shows the whole path, whatever the truncation) and add nothing
  /// to `grads`. The other bands, a row lighter, finish first; each then calls `whileWaiting`
  /// with a test that holds until the probe's band is done, for other work to fill the wait (the
  /// probe's stability measures).
  func backwardRecurrence(
    layer: Int, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>, truncation: Int,
    batch: BackwardBuffers, probe: BackwardBuffers? = nil, whileWaiting: ((() -> Bool) -> Void)? = nil
  ) {
    let hidden = config.hidden
    let gateWidth = config.cell.gateCount * hidden
    let batchSize = batch.batchSize
    let length = batch.length
    let offsets = layerOffsets[layer]
    precondition(
      probe.map { $0.batchSize == 1 && $0.length <= length } ?? true, "a probe riding along is one shorter sequence")
    // W_hh (G·H, H), packed once for the T products dPre_t W_hh.
    let weightHH = PackedWeights(
      params + offsets.weightHH, transposed: false, depth: gateWidth, width: hidden, rows: batchSize, pool: pool)
    // (T, B, G·H) The GRU's recurrent side differs from its input side in the n block (r ⊙ da_n); other cells
    // share one buffer. Left unset (not zeroed): GRUCell.backward writes each step's block before the product reads it.
    let isGRU = config.cell == .gru
    let dPreHidden: UnsafeMutablePointer<Float> =
      isGRU ? .allocate(capacity: max(length * batchSize * gateWidth, 1)) : batch.dPreInput
    let probeDPreHidden: UnsafeMutablePointer<Float>? =
      probe.map { isGRU ? .allocate(capacity: $0.length * gateWidth) : $0.dPreInput }  // (T, 1, G·H)
    let probeBandDone = UnsafeMutablePointer<Int32>.allocate(capacity: 1)  // 1 once the probe's band is done
    probeBandDone.initialize(to: 0)
    defer {
      weightHH.recycle(into: pool)
      if isGRU {
        dPreHidden.deallocate()
        probeDPreHidden?.deallocate()
      }
      probeBandDone.deallocate()
    }

    Parallel.forEachRange(batchSize, minimumPerPart: sequencesPerThread(length: length)) { sequences in
      let rows = sequences.count
      let first = sequences.lowerBound
      let probe = sequences.upperBound == batchSize ? probe : nil
      let probeLength = probe?.length ?? 0
      // Gradients reaching h_t and c_t (LSTM) from step t+1: this band's (rows, H), then the probe's (1, H).
      let dhNext = allocateZeroed((rows + 1) * hidden)
      let dcNext = allocateZeroed((rows + 1) * hidden)
      let probeDhNext = dhNext + rows * hidden
      let probeDcNext = dcNext + rows * hidden
      defer {
        dhNext.deallocate()
        dcNext.deallocate()
      }
      for t in (0..<length).reversed() {
        backwardCell(
          batch, t, rows: first..<(first + rows), dPreHidden: dPreHidden, dhNext: dhNext, dcNext: dcNext)
        if let probe, let probeDPreHidden, t < probeLength {
          backwardCell(probe, t, rows: 0..<1, dPreHidden: probeDPreHidden, dhNext: probeDhNext, dcNext: probeDcNext)
        }
        // dh_{t−1} (rows, H) = dPre_t (rows, G·H) · W_hh (G·H, H), plus the GRU's direct z path already in dhNext.
        let beta: Float = isGRU ? 1 : 0
        let probeRow = t < probeLength ? probeDPreHidden.map { (UnsafePointer($0 + t * gateWidth), probeDhNext) } : nil
        let cutBeforeThisStep = t == 0 || (truncation > 0 && t % truncation == 0)
        if cutBeforeThisStep {
          dhNext.update(repeating: 0, count: rows * hidden)
          dcNext.update(repeating: 0, count: rows * hidden)
          if let probeRow, t > 0 {
            weightHH.multiply(rows: 1, probeRow.0, lda: gateWidth, beta: beta, into: probeRow.1, ldc: hidden)
          }
        } else {
          let stepRows = dPreHidden + (t * batchSize + first) * gateWidth
          weightHH.multiply(
            rows: rows, stepRows, lda: gateWidth, beta: beta, into: dhNext, ldc: hidden, extraRow: probeRow)
        }
      }
      if probe != nil {
        _ = rk_fetch_add(probeBandDone, 1)
      } else {
        whileWaiting? { rk_fetch_add(probeBandDone, 0) == 0 }
      }
    }

    // dW_hh (G·H, H) += dPreHiddenᵀ (G·H, T·B) · h_{0..T−1} (T·B, H): one product over all steps.
    BLAS.gemm(
      transA: true, m: gateWidth, n: hidden, k: length * batchSize, a: dPreHidden, lda: gateWidth, b: batch.h,
      ldb: hidden, beta: 1, c: grads + offsets.weightHH, ldc: hidden)
    if isGRU {
      addColumnSums(of: dPreHidden, rows: length * batchSize, columns: gateWidth, to: grads + offsets.biasHH)
      addColumnSums(of: batch.dPreInput, rows: length * batchSize, columns: gateWidth, to: grads + offsets.biasIH)
    } else {
      // Both biases receive the same dPre: sum its columns once and add the sums to both.
      let sums = allocateZeroed(gateWidth)  // (G·H)
      defer { sums.deallocate() }
      addColumnSums(of: batch.dPreInput, rows: length * batchSize, columns: gateWidth, to: sums)
      for j in 0..<gateWidth {
        grads[offsets.biasHH + j] += sums[j]
        grads[offsets.biasIH + j] += sums[j]
      }
    }
  }

  /// The cell's backward step for `rows` of `buffers` at step t: dh_t = dY_t + dhNext, then the
  /// cell's pre-activation gradients; leaves dL/dc_{t−1} in `dcNext` (LSTM) and, for the GRU, the
  /// direct z path of dL/dh_{t−1} in `dhNext` (the W_hh product adds the rest).
  private func backwardCell(
    _ buffers: BackwardBuffers, _ t: Int, rows: Range<Int>, dPreHidden: UnsafeMutablePointer<Float>,
    dhNext: UnsafeMutablePointer<Float>, dcNext: UnsafeMutablePointer<Float>
  ) {
    let hidden = config.hidden
    let gateWidth = config.cell.gateCount * hidden
    let stateSize = buffers.batchSize * hidden
    let bandSize = rows.count * hidden
    // This band's rows of step t: (rows, H) states and gradients, (rows, G·H) gates.
    let state = t * stateSize + rows.lowerBound * hidden
    let gateRows = (t * buffers.batchSize + rows.lowerBound) * gateWidth
    let dh = buffers.dhTotal + state
    let dY = buffers.dY + state
    for j in 0..<bandSize { dh[j] = dY[j] + dhNext[j] }
    switch config.cell {
    case .rnnTanh, .rnnRelu, .rnnLinear:
      VanillaCell.backward(
        config.cell, dh: dh, h: buffers.h + state + stateSize, dPre: buffers.dPreInput + gateRows, count: bandSize)
    case .lstm:
      LSTMCell.backward(
        dh: dh, dcNext: dcNext, gates: buffers.gates + gateRows, c: buffers.c + state + stateSize,
        cPrev: buffers.c + state, dcTotal: buffers.dcTotal + state, dPre: buffers.dPreInput + gateRows,
        dcPrev: dcNext, rows: rows.count, hidden: hidden)
    case .gru:
      GRUCell.backward(
        dh: dh, gates: buffers.gates + gateRows, hnPre: buffers.hnPre + state, hPrev: buffers.h + state,
        dPreInput: buffers.dPreInput + gateRows, dPreHidden: dPreHidden + gateRows, dhPrev: dhNext,
        rows: rows.count, hidden: hidden)
    }
  }

  /// Fewest sequences worth a thread of their own in the recurrence: 8, and 256K multiply-adds of
  /// W_hh products (tiny models stay on one thread, where a hand-over would cost more than it saves).
  func sequencesPerThread(length: Int) -> Int {
    let perSequence = length * config.cell.gateCount * config.hidden * config.hidden
    return Parallel.minimumPerPart(floor: 8, work: 1 << 18, itemWork: perSequence)
  }
}

/// Pointers to step t of a band of rows in `ForwardBuffers`.
struct StepRows {
  let count: Int
  let gates: UnsafeMutablePointer<Float>  // (rows, G·H)
  let hPrev: UnsafeMutablePointer<Float>, hNext: UnsafeMutablePointer<Float>  // (rows, H)
  let cPrev: UnsafeMutablePointer<Float>, cNext: UnsafeMutablePointer<Float>  // (rows, H), LSTM
  let hnPre: UnsafeMutablePointer<Float>  // (rows, H), GRU
}

extension LayerRecord {
  /// Calls `body` with pointers to this record's buffers, for `forwardRecurrence` to fill.
  mutating func withForwardBuffers<R>(batchSize: Int, length: Int, _ body: (ForwardBuffers) -> R) -> R {
    gates.withMutableBase { gates in
      h.withMutableBase { h in
        c.withMutableBase { c in
          hnPre.withMutableBase { hnPre in
            body(ForwardBuffers(batchSize: batchSize, length: length, gates: gates, h: h, c: c, hnPre: hnPre))
          }
        }
      }
    }
  }

  /// Calls `body` with pointers to this record's buffers and the backward pass's, for `backwardRecurrence`.
  func withBackwardBuffers<R>(
    batchSize: Int, length: Int, dY: [Float], dh: inout [Float], dc: inout [Float], dPre: inout [Float],
    _ body: (BackwardBuffers) -> R
  ) -> R {
    gates.withBase { gates in
      h.withBase { h in
        c.withBase { c in
          hnPre.withBase { hnPre in
            dY.withBase { dY in
              dh.withMutableBase { dh in
                dc.withMutableBase { dc in
                  dPre.withMutableBase { dPre in
                    body(
                      BackwardBuffers(
                        batchSize: batchSize, length: length, gates: gates, h: h, c: c, hnPre: hnPre, dY: dY,
                        dhTotal: dh, dcTotal: dc, dPreInput: dPre))
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

extension ForwardBuffers {
  /// Step t of `rows`.
  func step(_ t: Int, rows: Range<Int>, hidden: Int, gateWidth: Int) -> StepRows {
    let stateSize = batchSize * hidden
    let state = t * stateSize + rows.lowerBound * hidden
    return StepRows(
      count: rows.count, gates: gates + (t * batchSize + rows.lowerBound) * gateWidth,
      hPrev: h + state, hNext: h + state + stateSize, cPrev: c + state, cNext: c + state + stateSize,
      hnPre: hnPre + state)
  }
}

/// `sums[j] += Σ_r matrix[r, j]` for a row-major `(rows, columns)` matrix (bias gradients).
///
/// Threads take bands of columns, so each sum adds its rows in the same order however it is split;
/// a band is at least 64 columns and 64K elements (a probe's 100 rows stay on one thread).
func addColumnSums(
  of matrix: UnsafePointer<Float>, rows: Int, columns: Int, to sums: UnsafeMutablePointer<Float>
) {
  let columnsPerPart = Parallel.minimumPerPart(floor: 64, work: 1 << 16, itemWork: rows)
  Parallel.forEachRange(columns, minimumPerPart: columnsPerPart, alignment: 16) { band in
    for row in 0..<rows {
      let values = matrix + row * columns
      for j in band { sums[j] += values[j] }
    }
  }
}
