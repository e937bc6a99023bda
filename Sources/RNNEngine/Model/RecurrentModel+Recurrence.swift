extension RecurrentModel {
  /// Runs layer `layer` through time. `gates (T, B, G·H)` arrive holding the input projection
  /// plus biases and leave holding post-activation gates; `h`, `c (T+1, B, H)` arrive with the
  /// initial state in row block 0; `hnPre (T, B, H)` is filled for the GRU.
  ///
  /// Sequences never interact in the recurrence, so each thread takes a band of the batch and runs
  /// it through all T steps on its own: no hand-over between threads inside the time loop.
  func forwardRecurrence(
    layer: Int, params: UnsafePointer<Float>, batchSize: Int, length: Int,
    gates: UnsafeMutablePointer<Float>, h: UnsafeMutablePointer<Float>,
    c: UnsafeMutablePointer<Float>, hnPre: UnsafeMutablePointer<Float>
  ) {
    let hidden = config.hidden, gateWidth = config.cell.gateCount * hidden
    let stateSize = batchSize * hidden, gateSize = batchSize * gateWidth  // one step of (B, H), (B, G·H)
    let offsets = layerOffsets[layer]
    // W_hhᵀ (H, G·H), packed once for the T products h_{t−1} W_hhᵀ.
    let weightHH = PackedWeights(
      params + offsets.weightHH, transposed: true, depth: hidden, width: gateWidth, rows: batchSize, pool: pool)
    defer { weightHH.recycle(into: pool) }
    Parallel.forEachRange(batchSize, minimumPerPart: sequencesPerThread(length: length)) { sequences in
      let rows = sequences.count, first = sequences.lowerBound
      let recurrent = allocateZeroed(config.cell == .gru ? rows * gateWidth : 0)  // (rows, G·H) W_hh h_{t−1}, GRU
      defer { recurrent.deallocate() }
      for t in 0..<length {
        // This band's rows of step t: (rows, G·H) gates, (rows, H) states.
        let stepGates = gates + t * gateSize + first * gateWidth
        let hPrev = h + t * stateSize + first * hidden, hNext = hPrev + stateSize
        switch config.cell {
        case .rnnTanh, .rnnRelu, .rnnLinear:
          weightHH.multiply(rows: rows, hPrev, lda: hidden, beta: 1, into: stepGates, ldc: gateWidth)
          VanillaCell.forward(config.cell, gates: stepGates, h: hNext, count: rows * hidden)
        case .lstm:
          let cPrev = c + t * stateSize + first * hidden
          weightHH.multiply(rows: rows, hPrev, lda: hidden, beta: 1, into: stepGates, ldc: gateWidth)
          LSTMCell.forward(gates: stepGates, cPrev: cPrev, c: cPrev + stateSize, h: hNext, rows: rows, hidden: hidden)
        case .gru:
          weightHH.multiply(rows: rows, hPrev, lda: hidden, beta: 0, into: recurrent, ldc: gateWidth)
          GRUCell.forward(
            gates: stepGates, recurrent: recurrent, biasHN: params + offsets.biasHH + 2 * hidden, hPrev: hPrev,
            hnPre: hnPre + t * stateSize + first * hidden, h: hNext, rows: rows, hidden: hidden)
        }
      }
    }
  }

  /// Backpropagates through layer `layer` in time. `dY (T, B, H)` is the gradient reaching each
  /// h_t from outside the recurrence (head or layer above). Fills `dhTotal`, `dcTotal (T, B, H)`
  /// and the input-side pre-activation gradients `dPreInput (T, B, G·H)`; adds dW_hh, db_hh and
  /// db_ih to `grads`. With `truncation` k > 0, the gradient is cut between steps k·m − 1 and k·m.
  /// Threads split the batch as in `forwardRecurrence`; the weight gradients come after, from
  /// products over all steps and sequences.
  func backwardRecurrence(
    layer: Int, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>, batchSize: Int, length: Int,
    truncation: Int, gates: UnsafePointer<Float>, h: UnsafePointer<Float>, c: UnsafePointer<Float>,
    hnPre: UnsafePointer<Float>, dY: UnsafePointer<Float>, dhTotal: UnsafeMutablePointer<Float>,
    dcTotal: UnsafeMutablePointer<Float>, dPreInput: UnsafeMutablePointer<Float>
  ) {
    let hidden = config.hidden, gateWidth = config.cell.gateCount * hidden
    let stateSize = batchSize * hidden, gateSize = batchSize * gateWidth
    let offsets = layerOffsets[layer]
    // W_hh (G·H, H), packed once for the T products dPre_t W_hh.
    let weightHH = PackedWeights(
      params + offsets.weightHH, transposed: false, depth: gateWidth, width: hidden, rows: batchSize, pool: pool)
    // (T, B, G·H) The GRU's recurrent side differs from its input side in the n block (r ⊙ da_n); other cells
    // share one buffer. Left unset (not zeroed): GRUCell.backward writes each step's block before the product reads it.
    let dPreHidden: UnsafeMutablePointer<Float> =
      config.cell == .gru ? .allocate(capacity: max(length * gateSize, 1)) : dPreInput
    defer {
      weightHH.recycle(into: pool)
      if config.cell == .gru { dPreHidden.deallocate() }
    }

    Parallel.forEachRange(batchSize, minimumPerPart: sequencesPerThread(length: length)) { sequences in
      let rows = sequences.count, first = sequences.lowerBound, bandSize = rows * hidden
      let dhNext = allocateZeroed(bandSize)  // (rows, H) gradient reaching h_t from step t+1
      let dcNext = allocateZeroed(bandSize)  // (rows, H) gradient reaching c_t from step t+1 (LSTM)
      defer {
        dhNext.deallocate()
        dcNext.deallocate()
      }
      for t in (0..<length).reversed() {
        // This band's rows of step t: (rows, H) states and gradients, (rows, G·H) gates.
        let state = t * stateSize + first * hidden, gateRows = t * gateSize + first * gateWidth
        let dh = dhTotal + state, dY = dY + state
        for j in 0..<bandSize { dh[j] = dY[j] + dhNext[j] }
        switch config.cell {
        case .rnnTanh, .rnnRelu, .rnnLinear:
          VanillaCell.backward(config.cell, dh: dh, h: h + state + stateSize, dPre: dPreInput + gateRows, count: bandSize)
        case .lstm:
          LSTMCell.backward(
            dh: dh, dcNext: dcNext, gates: gates + gateRows, c: c + state + stateSize, cPrev: c + state,
            dcTotal: dcTotal + state, dPre: dPreInput + gateRows, dcPrev: dcNext, rows: rows, hidden: hidden)
        case .gru:
          GRUCell.backward(
            dh: dh, gates: gates + gateRows, hnPre: hnPre + state, hPrev: h + state,
            dPreInput: dPreInput + gateRows, dPreHidden: dPreHidden + gateRows, dhPrev: dhNext,
            rows: rows, hidden: hidden)
        }
        let cutBeforeThisStep = t == 0 || (truncation > 0 && t % truncation == 0)
        if cutBeforeThisStep {
          dhNext.update(repeating: 0, count: bandSize)
          dcNext.update(repeating: 0, count: bandSize)
        } else {
          // dh_{t−1} (rows, H) = dPre_t (rows, G·H) · W_hh (G·H, H), plus the GRU's direct z path already in dhNext.
          weightHH.multiply(
            rows: rows, dPreHidden + gateRows, lda: gateWidth, beta: config.cell == .gru ? 1 : 0,
            into: dhNext, ldc: hidden)
        }
      }
    }

    // dW_hh (G·H, H) += dPreHiddenᵀ (G·H, T·B) · h_{0..T−1} (T·B, H): one product over all steps.
    BLAS.gemm(
      transA: true, m: gateWidth, n: hidden, k: length * batchSize, a: dPreHidden, lda: gateWidth, b: h,
      ldb: hidden, beta: 1, c: grads + offsets.weightHH, ldc: hidden)
    if config.cell == .gru {
      addColumnSums(of: dPreHidden, rows: length * batchSize, columns: gateWidth, to: grads + offsets.biasHH)
      addColumnSums(of: dPreInput, rows: length * batchSize, columns: gateWidth, to: grads + offsets.biasIH)
    } else {
      // Both biases receive the same dPre: sum its columns once and add the sums to both.
      let sums = allocateZeroed(gateWidth)  // (G·H)
      defer { sums.deallocate() }
      addColumnSums(of: dPreInput, rows: length * batchSize, columns: gateWidth, to: sums)
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
