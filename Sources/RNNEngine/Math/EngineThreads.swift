/// How many threads the engine runs on: its thread pool (`Parallel`) and the BLAS library's products.
public enum EngineThreads {
  /// Runs the engine on `count` threads, at least one (the live TUI gives training one core and keeps one for drawing).
  public static func set(_ count: Int) { BLAS.setThreadCount(max(1, count)) }
}
