/// Controls how many threads the BLAS library runs matrix products on.
public enum BLASThreads {
  /// Lets BLAS use `count` threads (the live TUI gives training one core and keeps one for drawing).
  public static func set(_ count: Int) { BLAS.setThreadCount(max(1, count)) }
}
