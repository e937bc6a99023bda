extension RecurrentModel {
  /// Linear head: `logits (rows, O) = y (rows, H) · W_headᵀ + b_head`.
  func forwardHead(params: UnsafePointer<Float>, y: UnsafePointer<Float>, rows: Int, logits: UnsafeMutablePointer<Float>) {
    let outputs = config.outputs, hidden = config.hidden
    for row in 0..<rows { (logits + row * outputs).update(from: params + headBiasOffset, count: outputs) }
    BLAS.gemm(
      transB: true, m: rows, n: outputs, k: hidden, a: y, lda: hidden, b: params + headWeightOffset, ldb: hidden,
      beta: 1, c: logits, ldc: outputs)
  }

  /// Backward of the head: adds dW_head, db_head to `grads`; writes `dY (rows, H) = dLogits · W_head`.
  func backwardHead(
    params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>, y: UnsafePointer<Float>, rows: Int,
    dLogits: UnsafePointer<Float>, dY: UnsafeMutablePointer<Float>
  ) {
    let outputs = config.outputs, hidden = config.hidden
    // dW_head (O, H) += dLogitsᵀ (O, rows) · y (rows, H)
    BLAS.gemm(
      transA: true, m: outputs, n: hidden, k: rows, a: dLogits, lda: outputs, b: y, ldb: hidden, beta: 1,
      c: grads + headWeightOffset, ldc: hidden)
    addColumnSums(of: dLogits, rows: rows, columns: outputs, to: grads + headBiasOffset)
    BLAS.gemm(
      m: rows, n: hidden, k: outputs, a: dLogits, lda: outputs, b: params + headWeightOffset, ldb: hidden,
      beta: 0, c: dY, ldc: hidden)
  }
}
