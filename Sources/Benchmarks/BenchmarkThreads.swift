import CKernels

/// The threads of the engine's pool (its products and batch-split recurrence) during a benchmark.
enum BenchmarkThreads {
  /// Runs the engine's pool on `count` threads (at least one).
  static func set(_ count: Int) { rk_set_threads(Int32(max(1, count))) }
}
