/// Which epoch checkpoints a long recording keeps on disk.
///
/// The live TUI trains until the user quits, and the demo finishes an epoch every second or so:
/// an hour would leave thousands of half-megabyte checkpoints, and opening the run for replay
/// reads them all. So a recording keeps every one of its first `keepAll` epochs, then ever more
/// widely spaced ones (at most about `keepAll` more), and always the latest, which resume needs.
public struct CheckpointRetention: Sendable, Equatable {
  /// Epochs 1…`keepAll` are all kept.
  public var keepAll: Int

  /// The disk a recording's checkpoints may take, 40 MB: a recording keeps about 2·`keepAll`
  /// checkpoints however long it runs, so `keepAll` follows from a checkpoint's size.
  public static let defaultBudgetBytes = 40 << 20

  /// A policy whose checkpoints fit `budgetBytes` when each takes `checkpointBytes`: `keepAll` is
  /// the budget over two checkpoints, but at least 10 (the lecture's first epochs) and at most 100.
  public init(budgetBytes: Int, checkpointBytes: Int) {
    self.init(keepAll: min(100, max(10, budgetBytes / max(2 * checkpointBytes, 1))))
  }

  /// A policy that keeps every one of the first `keepAll` epochs.
  public init(keepAll: Int = 100) {
    precondition(keepAll >= 1, "keep at least the first epoch")
    self.keepAll = keepAll
  }

  /// Whether epoch `epoch`'s checkpoint stays once epoch `latest` is finished.
  public func keeps(epoch: Int, latest: Int) -> Bool {
    epoch == latest || epoch <= keepAll || epoch % spacing(latest: latest) == 0
  }

  /// The spacing of kept epochs after the first `keepAll`: a power of two, doubled whenever more
  /// than `keepAll` of them would be kept.
  func spacing(latest: Int) -> Int {
    var spacing = 1
    // Multiples of `spacing` in keepAll+1…latest.
    while latest / spacing - keepAll / spacing > keepAll { spacing *= 2 }
    return spacing
  }
}
