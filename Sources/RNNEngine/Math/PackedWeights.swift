import CKernels

/// A weight matrix made ready for many small products against it: the recurrence's T per pass,
/// the training head's blocks of rows per step.
///
/// Each step multiplies the same `W_hh` by a `(B, H)` left-hand side. BLAS repacks the weight and
/// wakes its threads on every call, which at B = 32 costs as much as the arithmetic; on processors
/// with AVX2 and FMA this packs `op(W)` once and multiplies with `CKernels`' own micro-kernel
/// (AVX-512 where the processor has it). Elsewhere it keeps the weight as it is and calls BLAS.
struct PackedWeights {
  /// Rows of `op(W)`: the inner dimension of each product.
  let depth: Int
  /// Columns of `op(W)`: the width of each product's result.
  let width: Int
  private let weight: UnsafePointer<Float>
  private let transposed: Bool
  /// Floats between the stored weight's rows.
  private let leadingDimension: Int
  /// `op(W)` in the kernel's panels; empty when products go through BLAS.
  private let packed: [Float]

  /// Whether this machine runs the packed kernel (x86-64 with AVX2 and FMA).
  static let usesPackedKernel = rk_packed_gemm_available() != 0

  /// Prepares `op(W)` of shape `(depth, width)`: `W (depth, width)` itself, or with `transposed`
  /// the transpose of a stored `W (width, depth)`, for products with `rows` rows. `weight` must
  /// outlive the products. `leadingDimension` (default: the stored rows' width) lets `W` be a
  /// block of columns of a wider matrix.
  ///
  /// Products of a single row (a probe, sampling) keep `W` as it is: BLAS's matrix-vector
  /// product streams it once per call, split over threads when large, so packing would only add
  /// a copy, and the packed kernel's one-row tile waits on its own additions.
  init(
    _ weight: UnsafePointer<Float>, transposed: Bool, depth: Int, width: Int, rows: Int, pool: BufferPool,
    leadingDimension: Int? = nil, packed usePackedKernel: Bool = PackedWeights.usesPackedKernel
  ) {
    self.weight = weight
    self.transposed = transposed
    self.depth = depth
    self.width = width
    let leadingDimension = leadingDimension ?? (transposed ? depth : width)
    self.leadingDimension = leadingDimension
    guard usePackedKernel && rows > 1 else {
      packed = []
      return
    }
    var panels = pool.take(rk_packed_count(Int32(depth), Int32(width)))
    panels.withMutableBase { target in
      rk_pack(transposed ? 1 : 0, Int32(depth), Int32(width), weight, Int32(leadingDimension), target)
    }
    packed = panels
  }

  /// `C (rows, width) = A (rows, depth) · op(W) + beta · C`; C is not read when beta is 0.
  func multiply(
    rows: Int, _ a: UnsafePointer<Float>, lda: Int, beta: Float, into c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    guard !packed.isEmpty else {
      BLAS.gemm(
        transB: transposed, m: rows, n: width, k: depth, a: a, lda: lda, b: weight, ldb: leadingDimension, beta: beta,
        c: c, ldc: ldc)
      return
    }
    packed.withBase { packed in
      rk_gemm_packed(Int32(rows), Int32(width), Int32(depth), a, Int32(lda), packed, beta, c, Int32(ldc))
    }
  }

  /// Returns the packed buffer to `pool` for the next pass.
  func recycle(into pool: BufferPool) { pool.give([packed]) }
}

/// Which micro-kernel the packed products run (they give the same bits), for benchmarks that compare them.
public enum PackedKernel {
  /// Chooses AVX-512 where the processor has it, or else AVX2, and returns the micro-kernel now in
  /// use: "AVX-512", "AVX2", or "BLAS" on processors with neither.
  @discardableResult
  public static func select(avx512: Bool) -> String {
    let wide = rk_packed_use_avx512(avx512 ? 1 : 0) == 1
    return !PackedWeights.usesPackedKernel ? "BLAS" : wide ? "AVX-512" : "AVX2"
  }
}
