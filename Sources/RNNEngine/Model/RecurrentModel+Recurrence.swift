extension RecurrentModel {
  /// Runs layer `layer` through time. `gates (T, B, G·H)` arrive holding the input projection
  /// plus biases and leave holding post-activation gates; `h`, `c (T+1, B, H)` arrive with the
  /// initial state in row block 0; `hnPre (T, B, H)` is filled for the GRU.
  func forwardRecurrence(
    layer: Int, params: UnsafePointer<Float>, batchSize: Int, length: Int,
    gates: UnsafeMutablePointer<Float>, h: UnsafeMutablePointer<Float>,
    c: UnsafeMutablePointer<Float>, hnPre: UnsafeMutablePointer<Float>
  ) {
    let hidden = config.hidden, gateWidth = config.cell.gateCount * hidden
    let stateSize = batchSize * hidden, gateSize = batchSize * gateWidth  // one step of (B, H), (B, G·H)
    let offsets = layerOffsets[layer]
    let weightHH = params + offsets.weightHH  // (G·H, H)
    let recurrent = allocateZeroed(gateSize)  // (B, G·H), GRU only: W_hh h_{t−1} kept apart for the reset gate
    defer { recurrent.deallocate() }
    for t in 0..<length {
      let stepGates = gates + t * gateSize, hPrev = h + t * stateSize, hNext = h + (t + 1) * stateSize
      switch config.cell {
      case .rnnTanh, .rnnRelu, .rnnLinear:
        BLAS.gemm(
          transB: true, m: batchSize, n: gateWidth, k: hidden, a: hPrev, lda: hidden, b: weightHH, ldb: hidden,
          beta: 1, c: stepGates, ldc: gateWidth)
        VanillaCell.forward(config.cell, gates: stepGates, h: hNext, count: stateSize)
      case .lstm:
        BLAS.gemm(
          transB: true, m: batchSize, n: gateWidth, k: hidden, a: hPrev, lda: hidden, b: weightHH, ldb: hidden,
          beta: 1, c: stepGates, ldc: gateWidth)
        LSTMCell.forward(
          gates: stepGates, cPrev: c + t * stateSize, c: c + (t + 1) * stateSize, h: hNext,
          rows: batchSize, hidden: hidden)
      case .gru:
        BLAS.gemm(
          transB: true, m: batchSize, n: gateWidth, k: hidden, a: hPrev, lda: hidden, b: weightHH, ldb: hidden,
          beta: 0, c: recurrent, ldc: gateWidth)
        GRUCell.forward(
          gates: stepGates, recurrent: recurrent, biasHN: params + offsets.biasHH + 2 * hidden, hPrev: hPrev,
          hnPre: hnPre + t * stateSize, h: hNext, rows: batchSize, hidden: hidden)
      }
    }
  }

  /// Backpropagates through layer `layer` in time. `dY (T, B, H)` is the gradient reaching each
  /// h_t from outside the recurrence (head or layer above). Fills `dhTotal`, `dcTotal (T, B, H)`
  /// and the input-side pre-activation gradients `dPreInput (T, B, G·H)`; adds dW_hh, db_hh and
  /// db_ih to `grads`. With `truncation` k > 0, the gradient is cut between steps k·m − 1 and k·m.
  func backwardRecurrence(
    layer: Int, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>, batchSize: Int, length: Int,
    truncation: Int, gates: UnsafePointer<Float>, h: UnsafePointer<Float>, c: UnsafePointer<Float>,
    hnPre: UnsafePointer<Float>, dY: UnsafePointer<Float>, dhTotal: UnsafeMutablePointer<Float>,
    dcTotal: UnsafeMutablePointer<Float>, dPreInput: UnsafeMutablePointer<Float>
  ) {
    let hidden = config.hidden, gateWidth = config.cell.gateCount * hidden
    let stateSize = batchSize * hidden, gateSize = batchSize * gateWidth
    let offsets = layerOffsets[layer]
    let weightHH = params + offsets.weightHH  // (G·H, H)
    let dhNext = allocateZeroed(stateSize)  // (B, H) gradient reaching h_t from step t+1
    let dcNext = allocateZeroed(stateSize)  // (B, H) gradient reaching c_t from step t+1 (LSTM)
    // (T, B, G·H) The GRU's recurrent side differs from its input side in the n block (r ⊙ da_n); other cells
    // share one buffer. Left unset (not zeroed): GRUCell.backward writes each step's block before the product reads it.
    let dPreHidden: UnsafeMutablePointer<Float> =
      config.cell == .gru ? .allocate(capacity: max(length * gateSize, 1)) : dPreInput
    defer {
      dhNext.deallocate()
      dcNext.deallocate()
      if config.cell == .gru { dPreHidden.deallocate() }
    }

    for t in (0..<length).reversed() {
      let dh = dhTotal + t * stateSize, dY = dY + t * stateSize
      for j in 0..<stateSize { dh[j] = dY[j] + dhNext[j] }
      let stepGates = gates + t * gateSize
      switch config.cell {
      case .rnnTanh, .rnnRelu, .rnnLinear:
        VanillaCell.backward(
          config.cell, dh: dh, h: h + (t + 1) * stateSize, dPre: dPreInput + t * gateSize, count: stateSize)
      case .lstm:
        LSTMCell.backward(
          dh: dh, dcNext: dcNext, gates: stepGates, c: c + (t + 1) * stateSize, cPrev: c + t * stateSize,
          dcTotal: dcTotal + t * stateSize, dPre: dPreInput + t * gateSize, dcPrev: dcNext,
          rows: batchSize, hidden: hidden)
      case .gru:
        GRUCell.backward(
          dh: dh, gates: stepGates, hnPre: hnPre + t * stateSize, hPrev: h + t * stateSize,
          dPreInput: dPreInput + t * gateSize, dPreHidden: dPreHidden + t * gateSize, dhPrev: dhNext,
          rows: batchSize, hidden: hidden)
      }
      let cutBeforeThisStep = t == 0 || (truncation > 0 && t % truncation == 0)
      if cutBeforeThisStep {
        dhNext.update(repeating: 0, count: stateSize)
        dcNext.update(repeating: 0, count: stateSize)
      } else {
        // dh_{t−1} (B, H) = dPre_t (B, G·H) · W_hh (G·H, H), plus the GRU's direct z path already in dhNext.
        BLAS.gemm(
          m: batchSize, n: hidden, k: gateWidth, a: dPreHidden + t * gateSize, lda: gateWidth, b: weightHH,
          ldb: hidden, beta: config.cell == .gru ? 1 : 0, c: dhNext, ldc: hidden)
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
}

/// `sums[j] += Σ_r matrix[r, j]` for a row-major `(rows, columns)` matrix (bias gradients).
func addColumnSums(
  of matrix: UnsafePointer<Float>, rows: Int, columns: Int, to sums: UnsafeMutablePointer<Float>
) {
  for row in 0..<rows {
    let values = matrix + row * columns
    for j in 0..<columns { sums[j] += values[j] }
  }
}
