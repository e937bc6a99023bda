extension RecurrentModel {
  /// Linear head: `logits (rows, O) = y (rows, D·H) · W_headᵀ + b_head`.
  ///
  /// `mayUseThreads` false keeps a BLAS product on the calling thread (a part of a parallel loop);
  /// `packed`, W_headᵀ made ready once for many blocks of rows, replaces BLAS (its result is the
  /// same on any number of threads, and inside a parallel loop's part it runs on that thread).
  func forwardHead(
    params: UnsafePointer<Float>, y: UnsafePointer<Float>, rows: Int, logits: UnsafeMutablePointer<Float>,
    mayUseThreads: Bool = true, packed: PackedWeights? = nil
  ) {
    let outputs = config.outputs
    let width = config.outputWidth
    for row in 0..<rows { (logits + row * outputs).update(from: params + headBiasOffset, count: outputs) }
    if let packed {
      packed.multiply(rows: rows, y, lda: width, beta: 1, into: logits, ldc: outputs)
      return
    }
    BLAS.gemm(
      transB: true, m: rows, n: outputs, k: width, a: y, lda: width, b: params + headWeightOffset, ldb: width,
      beta: 1, c: logits, ldc: outputs, mayUseThreads: mayUseThreads)
  }

  /// Backward of the head: adds dL/dW_head `(O, D·H)` to `dWeight` and dL/db_head `(O)` to `dBias`;
  /// writes `dY (rows, D·H) = dLogits · W_head` (with `packed`, W_head made ready once,
  /// instead of BLAS).
  func backwardHead(
    params: UnsafePointer<Float>, dWeight: UnsafeMutablePointer<Float>, dBias: UnsafeMutablePointer<Float>,
    y: UnsafePointer<Float>, rows: Int, dLogits: UnsafePointer<Float>, dY: UnsafeMutablePointer<Float>,
    mayUseThreads: Bool = true, packed: PackedWeights? = nil
  ) {
    let outputs = config.outputs
    let width = config.outputWidth
    // dW_head (O, D·H) += dLogitsᵀ (O, rows) · y (rows, D·H)
    BLAS.gemm(
      transA: true, m: outputs, n: width, k: rows, a: dLogits, lda: outputs, b: y, ldb: width, beta: 1,
      c: dWeight, ldc: width, mayUseThreads: mayUseThreads)
    addColumnSums(of: dLogits, rows: rows, columns: outputs, to: dBias)
    if let packed {
      packed.multiply(rows: rows, dLogits, lda: outputs, beta: 0, into: dY, ldc: width)
      return
    }
    BLAS.gemm(
      m: rows, n: width, k: outputs, a: dLogits, lda: outputs, b: params + headWeightOffset, ldb: width,
      beta: 0, c: dY, ldc: width, mayUseThreads: mayUseThreads)
  }
}

/// W_head made ready once per training step for the packed kernel, both ways round, for every
/// block of rows the head multiplies.
struct PackedHead {
  /// W_headᵀ `(D·H, O)`: logits = y · W_headᵀ.
  let logits: PackedWeights
  /// W_head `(O, D·H)`: dY = dLogits · W_head.
  let inputGradient: PackedWeights

  /// Packs the head of `model`, whose parameters start at `params`, for products of up to `rows` rows.
  init(_ model: RecurrentModel, params: UnsafePointer<Float>, rows: Int) {
    let (outputs, width, weight) = (model.config.outputs, model.config.outputWidth, params + model.headWeightOffset)
    logits = PackedWeights(weight, transposed: true, depth: width, width: outputs, rows: rows, pool: model.pool)
    inputGradient = PackedWeights(
      weight, transposed: false, depth: outputs, width: width, rows: rows, pool: model.pool)
  }

  /// Hands the packed copies back to `pool`.
  func recycle(into pool: BufferPool) {
    logits.recycle(into: pool)
    inputGradient.recycle(into: pool)
  }
}
