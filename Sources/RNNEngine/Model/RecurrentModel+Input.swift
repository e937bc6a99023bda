extension RecurrentModel {
  /// The layer of the stack that recurrence `recurrence` (`ModelConfig.recurrences`) belongs to.
  func stackLayer(ofRecurrence recurrence: Int) -> Int { recurrence / config.directions }

  /// Width of what recurrence `recurrence` reads: its layer's input width.
  func inputWidth(ofRecurrence recurrence: Int) -> Int {
    config.inputWidth(ofLayer: stackLayer(ofRecurrence: recurrence))
  }

  /// For one-hot inputs to layer 0 (either direction of it), the table `(V, G·H)` whose row v is
  /// what token v's pre-activations start from: column v of W_ih plus the biases (transposed once, so that each
  /// gather is contiguous). Nil for every other input. The caller deallocates it.
  func oneHotInputTable(layer: Int, params: UnsafePointer<Float>) -> UnsafeMutablePointer<Float>? {
    guard stackLayer(ofRecurrence: layer) == 0, case .oneHot(let vocab) = config.input else { return nil }
    let gateWidth = config.cell.gateCount * config.hidden
    let table = UnsafeMutablePointer<Float>.allocate(capacity: vocab * gateWidth)  // (V, G·H)
    transpose(params + layerOffsets[layer].weightIH, rows: gateWidth, columns: vocab, into: table, accumulate: false)
    let bias = inputBias(layer: layer, params: params)
    for token in 0..<vocab {
      let row = table + token * gateWidth
      for j in 0..<gateWidth { row[j] += bias[j] }
    }
    return table
  }

  /// What every row's pre-activations start from: `b_ih + b_hh` (the GRU's b_hn is left out: it
  /// belongs inside the reset product), `(G·H)`.
  private func inputBias(layer: Int, params: UnsafePointer<Float>) -> [Float] {
    let hidden = config.hidden
    let gateWidth = config.cell.gateCount * hidden
    let offsets = layerOffsets[layer]
    let recurrentBiasBlocks = config.cell == .gru ? 2 * hidden : gateWidth
    return (0..<gateWidth).map { j in
      params[offsets.biasIH + j] + (j < recurrentBiasBlocks ? params[offsets.biasHH + j] : 0)
    }
  }

  /// Sets every row of `gates (T·B, G·H)` to the input side of the pre-activations:
  /// `x W_ihᵀ + b_ih + b_hh` (the GRU's b_hn is left out: it belongs inside the reset product).
  ///
  /// `vectors (T·B, I)` is used for dense, embedding and upper-layer inputs; `tokens (T·B)`
  /// for one-hot inputs, which gather rows of `table` (`oneHotInputTable`) instead of multiplying
  /// by a one-hot matrix.
  func projectInputs(
    layer: Int, params: UnsafePointer<Float>, vectors: UnsafePointer<Float>, tokens: [Int32], rows: Int,
    gates: UnsafeMutablePointer<Float>, table: UnsafePointer<Float>?
  ) {
    let gateWidth = config.cell.gateCount * config.hidden
    let inputWidth = self.inputWidth(ofRecurrence: layer)
    if let table {
      for token in tokens {
        precondition(token >= 0 && Int(token) < inputWidth, "token id \(token) outside the vocabulary")
      }
      let rowsPerPart = Parallel.minimumPerPart(floor: 16, work: 1 << 15, itemWork: gateWidth)  // 32K values
      Parallel.forEachRange(rows, minimumPerPart: rowsPerPart) { band in
        for row in band {
          (gates + row * gateWidth).update(from: table + Int(tokens[row]) * gateWidth, count: gateWidth)
        }
      }
      return
    }
    let bias = inputBias(layer: layer, params: params)
    for row in 0..<rows { (gates + row * gateWidth).update(from: bias, count: gateWidth) }
    BLAS.gemm(
      transB: true, m: rows, n: gateWidth, k: inputWidth, a: vectors, lda: inputWidth,
      b: params + layerOffsets[layer].weightIH, ldb: inputWidth, beta: 1, c: gates, ldc: gateWidth)
  }

  /// Backward of `projectInputs`: adds dW_ih to `grads` and, when `dVectors` is given, writes
  /// dL/dx `(T·B, I)` = dPre · W_ih (overwriting it; for one-hot inputs, the gradient with respect
  /// to the one-hot vector).
  func backwardInputs(
    layer: Int, params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>,
    vectors: UnsafePointer<Float>, tokens: [Int32], rows: Int, dPre: UnsafePointer<Float>,
    dVectors: UnsafeMutablePointer<Float>?
  ) {
    let gateWidth = config.cell.gateCount * config.hidden
    let inputWidth = self.inputWidth(ofRecurrence: layer)
    let offsets = layerOffsets[layer]
    if stackLayer(ofRecurrence: layer) == 0, case .oneHot(let vocab) = config.input {
      // Scatter each row's gradient into column `token` of dW_ih, via a contiguous (V, G·H) buffer.
      let transposed = allocateZeroed(vocab * gateWidth)
      defer { transposed.deallocate() }
      // Threads take bands of columns, so each element adds its rows in the same order however it is
      // split; a band is at least 64 columns and 64K elements (a probe's 100 rows stay on one thread).
      let columnsPerPart = Parallel.minimumPerPart(floor: 64, work: 1 << 16, itemWork: rows)
      Parallel.forEachRange(gateWidth, minimumPerPart: columnsPerPart, alignment: 16) { band in
        for row in 0..<rows {
          let target = transposed + Int(tokens[row]) * gateWidth
          let source = dPre + row * gateWidth
          for j in band { target[j] += source[j] }
        }
      }
      transpose(transposed, rows: vocab, columns: gateWidth, into: grads + offsets.weightIH, accumulate: true)
    } else {
      // dW_ih (G·H, I) += dPreᵀ (G·H, T·B) · x (T·B, I)
      BLAS.gemm(
        transA: true, m: gateWidth, n: inputWidth, k: rows, a: dPre, lda: gateWidth, b: vectors, ldb: inputWidth,
        beta: 1, c: grads + offsets.weightIH, ldc: inputWidth)
    }
    if let dVectors {
      // dx (T·B, I) = dPre (T·B, G·H) · W_ih (G·H, I)
      BLAS.gemm(
        m: rows, n: inputWidth, k: gateWidth, a: dPre, lda: gateWidth, b: params + offsets.weightIH,
        ldb: inputWidth, beta: 0, c: dVectors, ldc: inputWidth)
    }
  }

  /// Looks up embedding rows for time-major `tokens (T·B)`, giving `(T·B, E)`.
  func embed(tokens: [Int32], params: UnsafePointer<Float>, vocab: Int, dim: Int) -> [Float] {
    guard let offset = embeddingOffset else { preconditionFailure("model has no embedding table") }
    var vectors = [Float](repeating: 0, count: tokens.count * dim)
    for (row, token) in tokens.enumerated() {
      precondition(token >= 0 && Int(token) < vocab, "token id \(token) outside the vocabulary")
      for j in 0..<dim { vectors[row * dim + j] = params[offset + Int(token) * dim + j] }
    }
    return vectors
  }

  /// Backward of `embed`: adds each row of `dVectors (T·B, E)` to its token's row of the table's gradient.
  func backwardEmbedding(
    tokens: [Int32], dVectors: UnsafePointer<Float>, dim: Int, grads: UnsafeMutablePointer<Float>
  ) {
    guard let offset = embeddingOffset else { preconditionFailure("model has no embedding table") }
    for (row, token) in tokens.enumerated() {
      let target = grads + offset + Int(token) * dim
      let source = dVectors + row * dim
      for j in 0..<dim { target[j] += source[j] }
    }
  }
}

/// Writes (or with `accumulate`, adds) the transpose of `source (rows, columns)` into `target (columns, rows)`.
///
/// Works in 16 × 16 tiles: a plain double loop strides one side by a whole row per element, which for a
/// (2048, 256) matrix touches a new page on every write and costs more than the gather it prepares.
private func transpose(
  _ source: UnsafePointer<Float>, rows: Int, columns: Int, into target: UnsafeMutablePointer<Float>, accumulate: Bool
) {
  let tile = 16
  for rowStart in stride(from: 0, to: rows, by: tile) {
    let rowEnd = min(rowStart + tile, rows)
    for columnStart in stride(from: 0, to: columns, by: tile) {
      for column in columnStart..<min(columnStart + tile, columns) {
        let targetRow = target + column * rows
        for row in rowStart..<rowEnd {
          let value = source[row * columns + column]
          targetRow[row] = accumulate ? targetRow[row] + value : value
        }
      }
    }
  }
}
