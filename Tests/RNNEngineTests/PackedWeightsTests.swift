import CKernels
import XCTest

@testable import RNNEngine

/// The packed kernel for the recurrence's products, checked against BLAS.
final class PackedWeightsTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(PackedWeights.usesPackedKernel, "this processor has no AVX2 + FMA: products go through BLAS")
  }

  override func tearDown() { rk_packed_use_avx512(1) }

  /// The micro-kernels this processor runs: AVX2, and AVX-512 where it exists.
  private let kernels: [(name: String, avx512: Int32)] =
    [("AVX2", 0)] + (rk_packed_use_avx512(1) == 1 ? [("AVX-512", 1)] : [])

  /// Runs `body` once with each micro-kernel selected.
  private func forEachKernel(_ body: (String) -> Void) {
    for kernel in kernels {
      rk_packed_use_avx512(kernel.avx512)
      body(kernel.name)
    }
  }

  /// Values in [−1, 1) from a seed, so every shape gets different, reproducible numbers.
  private func values(_ count: Int, seed: UInt64) -> [Float] {
    var random = SeededRandom(seed: seed)
    return (0..<count).map { _ in random.uniform(-1, 1) }
  }

  /// The packed product and BLAS's for one shape; `c` starts as `start` in both.
  private func products(
    rows: Int, depth: Int, width: Int, transposed: Bool, beta: Float, start: Float
  ) -> (packed: [Float], blas: [Float]) {
    let lda = depth + 3
    let ldc = width + 5  // leading dimensions wider than the matrices, as in the engine
    let a = values(rows * lda, seed: UInt64(rows * 1000 + depth))
    let weight = values(depth * width, seed: UInt64(width * 1000 + depth + 1))
    var packed = [Float](repeating: start, count: rows * ldc)
    var blas = packed
    weight.withBase { weight in
      a.withBase { a in
        let pool = BufferPool()
        // Packed for two rows or more, so one-row products also run the kernel (the engine sends those to BLAS).
        let prepared = PackedWeights(
          weight, transposed: transposed, depth: depth, width: width, rows: max(rows, 2), pool: pool)
        packed.withMutableBase { prepared.multiply(rows: rows, a, lda: lda, beta: beta, into: $0, ldc: ldc) }
        let reference = PackedWeights(
          weight, transposed: transposed, depth: depth, width: width, rows: rows, pool: pool, packed: false)
        blas.withMutableBase { reference.multiply(rows: rows, a, lda: lda, beta: beta, into: $0, ldc: ldc) }
      }
    }
    return (packed, blas)
  }

  /// Rows around the 6- and 8-row blocks, widths around the 16-column panels and 32-column
  /// pairs, depths around the 256-long k slices.
  private let edgeShapes = [1, 5, 6, 7, 8, 9, 32].flatMap { rows in
    [1, 15, 16, 17, 31, 33, 100].flatMap { width in [1, 255, 256, 257, 600].map { depth in (rows, width, depth) } }
  }

  func testMatchesBLASOnEdgeShapes() {
    forEachKernel { kernel in
      for (rows, width, depth) in edgeShapes {
        for transposed in [false, true] {
          let (packed, blas) = products(
            rows: rows, depth: depth, width: width, transposed: transposed, beta: 0.5, start: 2)
          for index in packed.indices {
            let tolerance = 1e-5 * Float(depth).squareRoot() * max(1, abs(blas[index]))
            XCTAssertEqual(
              packed[index], blas[index], accuracy: tolerance,
              "\(kernel): rows \(rows) width \(width) depth \(depth) transposed \(transposed) at \(index)")
          }
        }
      }
    }
  }

  func testAVX512AndAVX2KernelsGiveTheSameBits() throws {
    try XCTSkipUnless(kernels.count == 2, "this processor has no AVX-512")
    // The same sums in the same order: a run does not change with the processor's vector width.
    for (rows, width, depth) in edgeShapes {
      var results: [[Float]] = []
      forEachKernel { _ in
        results.append(products(rows: rows, depth: depth, width: width, transposed: true, beta: 0.5, start: 2).packed)
      }
      XCTAssertEqual(results[0], results[1], "rows \(rows) width \(width) depth \(depth)")
    }
  }

  func testBetaZeroNeverReadsTheOutput() {
    forEachKernel { kernel in
      // Outputs start as NaN: 0 · NaN would leak NaN into the result if the kernel read them.
      let (packed, _) = products(rows: 7, depth: 33, width: 40, transposed: true, beta: 0, start: .nan)
      let ldc = 45
      for row in 0..<7 {
        XCTAssertFalse((0..<40).contains { packed[row * ldc + $0].isNaN }, "\(kernel): row \(row) read the NaN")
        XCTAssertTrue(
          (40..<ldc).allSatisfy { packed[row * ldc + $0].isNaN }, "\(kernel): row \(row) wrote past its width")
      }
    }
  }

  func testEmptyDepthScalesTheOutput() {
    let (packed, blas) = products(rows: 3, depth: 0, width: 20, transposed: false, beta: 0.5, start: 4)
    XCTAssertEqual(packed, blas)
    XCTAssertEqual(packed[0], 2)
  }

  func testResultDoesNotDependOnTheThreadCount() {
    // 32 × 2048 × 512 is above the size at which the product is split across threads.
    BLAS.setThreadCount(1)
    let single = products(rows: 32, depth: 512, width: 2048, transposed: true, beta: 1, start: 0.25).packed
    BLAS.setThreadCount(4)
    let split = products(rows: 32, depth: 512, width: 2048, transposed: true, beta: 1, start: 0.25).packed
    BLAS.setThreadCount(ProcessInfo.processInfo.activeProcessorCount)
    XCTAssertEqual(single, split, "each element is computed by one thread in one order")
  }

}
