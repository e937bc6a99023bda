import CKernels

#if canImport(Accelerate)
  import Accelerate
#endif

/// The single matrix product the engine is built on: row-major `C = alpha·op(A)·op(B) + beta·C`.
///
/// `op(A)` is `(m, k)`, `op(B)` is `(k, n)`, `C` is `(m, n)`; `transA`/`transB` read the stored
/// matrix transposed, so a weight stored PyTorch-style as `(out, in)` multiplies as `x · Wᵀ`.
///
/// Threads: OpenBLAS runs single-threaded and large products are split into bands of C over
/// `CKernels`' thread pool, which every parallel loop of the engine uses. Two pools on two cores
/// fight: OpenBLAS's idle workers spin for a while after each call, taking the core the other
/// pool's helper needs for its next job.
public enum BLAS {
  /// Products with fewer multiply-adds than this run on one thread (splitting costs more).
  static let threadedWork = 1 << 20

  /// `C (m, n) = alpha · op(A) · op(B) + beta · C`, all row-major with leading dimensions given.
  ///
  /// `mayUseThreads` false keeps a large product on the calling thread (inside a parallel loop's part).
  static func gemm(
    transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, mayUseThreads: Bool = true
  ) {
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      // An empty product is zero; C may be uninitialised, so beta = 0 must assign rather than scale.
      for row in 0..<m {
        for column in 0..<n { c[row * ldc + column] = beta == 0 ? 0 : beta * c[row * ldc + column] }
      }
      return
    }
    let product = Product(
      transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta,
      c: c, ldc: ldc)
    guard mayUseThreads, splitsAcrossThreads, m * n * k >= threadedWork else {
      product.run()
      return
    }
    // Bands of C's longer side, on multiples of 16 so every band keeps the library's full-width kernels.
    let splitRows = m >= n
    Parallel.forEachRange(splitRows ? m : n, minimumPerPart: 16, alignment: 16) { band in
      product.band(band, ofRows: splitRows).run()
    }
  }

  /// Sets how many threads the products may use.
  static func setThreadCount(_ count: Int) { rk_set_threads(Int32(count)) }

  /// Whether large products are split over the pool (OpenBLAS, which the loader makes
  /// single-threaded), or left to the library's own threads (Accelerate).
  #if os(Linux)
    private static let splitsAcrossThreads = true
  #else
    private static let splitsAcrossThreads = false
  #endif

  /// Opens the BLAS library if it is opened at run time (OpenBLAS on Linux), throwing what is missing.
  public static func load() throws {
    #if os(Linux)
      if let message = rk_blas_load() { throw BLASUnavailable(message: String(cString: message)) }
    #endif
  }

  /// The library and its kernels, for benchmark reports: "OpenBLAS SkylakeX", "Accelerate".
  public static var libraryName: String {
    #if os(Linux)
      return "OpenBLAS " + String(cString: rk_blas_core())
    #else
      return "Accelerate"
    #endif
  }
}

/// The BLAS library could not be opened.
public struct BLASUnavailable: Error, CustomStringConvertible {
  /// What is missing and how to install it.
  public let message: String
  /// The message as is.
  public var description: String { message }
}

/// One `BLAS.gemm` call's operands, so that a thread can compute a band of its C.
private struct Product {
  var transA: Bool, transB: Bool
  var m: Int, n: Int, k: Int
  var alpha: Float
  var a: UnsafePointer<Float>, lda: Int
  var b: UnsafePointer<Float>, ldb: Int
  var beta: Float
  var c: UnsafeMutablePointer<Float>, ldc: Int

  /// The product restricted to rows `range` of C, or with `ofRows` false to columns `range`.
  func band(_ range: Range<Int>, ofRows: Bool) -> Product {
    var band = self
    if ofRows {
      // Rows of op(A): stored columns when A is transposed.
      band.m = range.count
      band.a = a + (transA ? range.lowerBound : range.lowerBound * lda)
      band.c = c + range.lowerBound * ldc
    } else {
      // Columns of op(B): stored rows when B is transposed.
      band.n = range.count
      band.b = b + (transB ? range.lowerBound * ldb : range.lowerBound)
      band.c = c + range.lowerBound
    }
    return band
  }

  /// The whole product on the calling thread.
  func run() {
    if m == 1 && !transA {
      // A single row (B = 1 probes, σ_max): a matrix-vector product, which reads op(B)
      // once instead of packing all of it as sgemm does on every call.
      #if os(Linux)
        rk_sgemv(transB ? 0 : 1, Int32(transB ? n : k), Int32(transB ? k : n), alpha, b, Int32(ldb), a, beta, c)
      #else
        cblas_sgemv(
          CblasRowMajor, transB ? CblasNoTrans : CblasTrans, Int32(transB ? n : k), Int32(transB ? k : n), alpha,
          b, Int32(ldb), a, 1, beta, c, 1)
      #endif
      return
    }
    #if os(Linux)
      rk_sgemm(
        transA ? 1 : 0, transB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c,
        Int32(ldc))
    #else
      cblas_sgemm(
        CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    #endif
  }
}
