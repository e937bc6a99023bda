#if canImport(CBLAS)
  import CBLAS
#elseif canImport(Accelerate)
  import Accelerate
#endif

/// The single matrix product the engine is built on: row-major `C = alpha·op(A)·op(B) + beta·C`.
///
/// `op(A)` is `(m, k)`, `op(B)` is `(k, n)`, `C` is `(m, n)`; `transA`/`transB` read the stored
/// matrix transposed, so a weight stored PyTorch-style as `(out, in)` multiplies as `x · Wᵀ`.
enum BLAS {
  /// `C (m, n) = alpha · op(A) · op(B) + beta · C`, all row-major with leading dimensions given.
  static func gemm(
    transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      // An empty product is zero; C may be uninitialised, so beta = 0 must assign rather than scale.
      for row in 0..<m {
        for column in 0..<n { c[row * ldc + column] = beta == 0 ? 0 : beta * c[row * ldc + column] }
      }
      return
    }
    if m == 1 && !transA {
      // A single row (B = 1 probes, power iteration): a matrix-vector product, which reads op(B)
      // once instead of packing all of it as sgemm does on every call.
      cblas_sgemv(
        CblasRowMajor, transB ? CblasNoTrans : CblasTrans, Int32(transB ? n : k), Int32(transB ? k : n), alpha,
        b, Int32(ldb), a, 1, beta, c, 1)
      return
    }
    cblas_sgemm(
      CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// Sets how many threads OpenBLAS may use; Accelerate manages its own threads.
  static func setThreadCount(_ count: Int) {
    #if canImport(CBLAS)
      openblas_set_num_threads(Int32(count))
    #endif
  }
}
