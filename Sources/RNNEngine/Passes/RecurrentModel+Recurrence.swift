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
  func forwardRecurrence(layer: Int, params: UnsafePointer<Float>, batch: ForwardBuffers) {
    let hidden = config.hidden
    let gateWidth = config.cell.gateCount * hidden
    let isGRU = config.cell == .gru
    let weightHH = packedRecurrentWeights(layer: layer, params: params, rows: batch.batchSize, transposed: true)
    defer { weightHH.recycle(into: pool) }
    Parallel.forEachRange(batch.batchSize, minimumPerPart: sequencesPerThread(length: batch.length)) { sequences in
      // (rows, G·H) W_hh h_{t−1} for the GRU, which adds it inside the cell.
      let recurrent = allocateZeroed(isGRU ? sequences.count * gateWidth : 0)
      defer { recurrent.deallocate() }
      for t in 0..<batch.length {
        // Step t of this band: (rows, G·H) gates, (rows, H) states.
        let band = batch.step(t, rows: sequences, hidden: hidden, gateWidth: gateWidth)
        // pre_t += h_{t−1} W_hhᵀ (rows, G·H); the GRU keeps it apart in `recurrent`.
        weightHH.multiply(
          rows: band.count, band.hPrev, lda: hidden, beta: isGRU ? 0 : 1, into: isGRU ? recurrent : band.gates,
          ldc: gateWidth)
        forwardCell(band, recurrent: recurrent, params: params, layer: layer)
      }
    }
  }

  /// The cell's elementwise step on `rows` once the W_hh product is in: into the gates, or for
  /// the GRU in `recurrent (rows, G·H)`.
  func forwardCell(
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
  func backwardRecurrence(
    layer: Int, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>, truncation: Int,
    batch: BackwardBuffers
  ) {
    let hidden = config.hidden
    let gateWidth = config.cell.gateCount * hidden
    let isGRU = config.cell == .gru
    let weightHH = packedRecurrentWeights(layer: layer, params: params, rows: batch.batchSize, transposed: false)
    let dPreHidden = recurrentPreActivationGradients(batch)
    defer {
      weightHH.recycle(into: pool)
      if isGRU { dPreHidden.deallocate() }
    }
    Parallel.forEachRange(batch.batchSize, minimumPerPart: sequencesPerThread(length: batch.length)) { sequences in
      // Gradients reaching h_t and c_t (LSTM) from step t+1, (rows, H).
      let dhNext = allocateZeroed(sequences.count * hidden)
      let dcNext = allocateZeroed(sequences.count * hidden)
      defer {
        dhNext.deallocate()
        dcNext.deallocate()
      }
      for t in (0..<batch.length).reversed() {
        backwardCell(batch, t, rows: sequences, dPreHidden: dPreHidden, dhNext: dhNext, dcNext: dcNext)
        if t == 0 || (truncation > 0 && t % truncation == 0) {
          // Cut before this step: nothing flows to step t − 1.
          dhNext.update(repeating: 0, count: sequences.count * hidden)
          dcNext.update(repeating: 0, count: sequences.count * hidden)
        } else {
          // dh_{t−1} (rows, H) = dPre_t (rows, G·H) · W_hh (G·H, H), plus the GRU's direct z path already in dhNext.
          weightHH.multiply(
            rows: sequences.count, dPreHidden + (t * batch.batchSize + sequences.lowerBound) * gateWidth,
            lda: gateWidth, beta: isGRU ? 1 : 0, into: dhNext, ldc: hidden)
        }
      }
    }
    addRecurrentWeightGradients(layer: layer, batch: batch, dPreHidden: dPreHidden, grads: grads)
  }

  /// The cell's backward step for `rows` of `buffers` at step t: dh_t = dY_t + dhNext, then the
  /// cell's pre-activation gradients; leaves dL/dc_{t−1} in `dcNext` (LSTM) and, for the GRU, the
  /// direct z path of dL/dh_{t−1} in `dhNext` (the W_hh product adds the rest).
  func backwardCell(
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

  /// Layer `layer`'s W_hh packed once for the T products of a pass over `rows` sequences:
  /// transposed `(H, G·H)` for the forward's h_{t−1} W_hhᵀ, as stored `(G·H, H)` for the backward's dPre_t W_hh.
  func packedRecurrentWeights(layer: Int, params: UnsafePointer<Float>, rows: Int, transposed: Bool) -> PackedWeights {
    let (hidden, gateWidth) = (config.hidden, config.cell.gateCount * config.hidden)
    return PackedWeights(
      params + layerOffsets[layer].weightHH, transposed: transposed, depth: transposed ? hidden : gateWidth,
      width: transposed ? gateWidth : hidden, rows: rows, pool: pool)
  }

  /// Where the recurrent side's pre-activation gradients go, `(T, B, G·H)`: the GRU's differ from
  /// its input side's in the n block (r ⊙ da_n), so they get a buffer of their own (the caller
  /// deallocates it); other cells share `dPreInput`. Left unset: `GRUCell.backward` writes each
  /// step's block before the W_hh product reads it.
  func recurrentPreActivationGradients(_ batch: BackwardBuffers) -> UnsafeMutablePointer<Float> {
    guard config.cell == .gru else { return batch.dPreInput }
    return .allocate(capacity: max(batch.length * batch.batchSize * config.cell.gateCount * config.hidden, 1))
  }

  /// After a layer's backward pass through time: dW_hh, db_hh and db_ih from products over every
  /// step and sequence, added to `grads`.
  func addRecurrentWeightGradients(
    layer: Int, batch: BackwardBuffers, dPreHidden: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>
  ) {
    let hidden = config.hidden
    let gateWidth = config.cell.gateCount * hidden
    let rows = batch.length * batch.batchSize
    let offsets = layerOffsets[layer]
    // dW_hh (G·H, H) += dPreHiddenᵀ (G·H, T·B) · h_{0..T−1} (T·B, H): one product over all steps.
    BLAS.gemm(
      transA: true, m: gateWidth, n: hidden, k: rows, a: dPreHidden, lda: gateWidth, b: batch.h, ldb: hidden,
      beta: 1, c: grads + offsets.weightHH, ldc: hidden)
    if config.cell == .gru {
      addColumnSums(of: dPreHidden, rows: rows, columns: gateWidth, to: grads + offsets.biasHH)
      addColumnSums(of: batch.dPreInput, rows: rows, columns: gateWidth, to: grads + offsets.biasIH)
    } else {
      // Both biases receive the same dPre: sum its columns once and add the sums to both.
      let sums = allocateZeroed(gateWidth)  // (G·H)
      defer { sums.deallocate() }
      addColumnSums(of: batch.dPreInput, rows: rows, columns: gateWidth, to: sums)
      for j in 0..<gateWidth {
        grads[offsets.biasHH + j] += sums[j]
        grads[offsets.biasIH + j] += sums[j]
      }
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

  /// Calls `body` with pointers to this record's buffers, the gradient `dY (T, B, H)` reaching its
  /// outputs from outside the recurrence, and `gradient`'s buffers, for `backwardRecurrence`.
  func withBackwardBuffers<R>(
    batchSize: Int, length: Int, dY: [Float], _ gradient: inout LayerGradients, _ body: (BackwardBuffers) -> R
  ) -> R {
    gates.withBase { gates in
      h.withBase { h in
        c.withBase { c in
          hnPre.withBase { hnPre in
            dY.withBase { dY in
              gradient.dh.withMutableBase { dh in
                gradient.dc.withMutableBase { dc in
                  gradient.dPre.withMutableBase { dPre in
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

extension LayerRecord {
  /// `withBackwardBuffers` for a gradient that may be absent, when `body` gets nil.
  func withOptionalBackwardBuffers<R>(
    batchSize: Int, length: Int, dY: [Float], _ gradient: inout LayerGradients?, _ body: (BackwardBuffers?) -> R
  ) -> R {
    guard var present = gradient else { return body(nil) }
    gradient = nil  // one owner while it is written
    defer { gradient = present }
    return withBackwardBuffers(batchSize: batchSize, length: length, dY: dY, &present) { body($0) }
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
