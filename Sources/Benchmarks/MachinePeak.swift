import CKernels

/// The processor's single-precision peak, found by an FMA loop: what the benchmark's GFLOP/s are a share of.
public enum MachinePeak {
  /// GFLOP/s of vector FMA chains on every thread the engine uses (AVX-512, else AVX2), the best
  /// of `rounds` runs of about 50 ms each (a peak is a maximum); 0 on processors without either.
  /// Timed by CPU time when the benchmark's timings are (`TrainingBenchmark.timesCPU`).
  public static func measureGFLOPS(rounds: Int = 5) -> Double {
    let threads = rk_thread_count()
    let cpuTime: Int32 = TrainingBenchmark.timesCPU ? 1 : 0
    return (0..<rounds).map { _ in rk_peak_gflops(threads, 20_000_000, cpuTime) }.max() ?? 0
  }
}
