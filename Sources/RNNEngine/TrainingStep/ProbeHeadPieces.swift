import CKernels

/// A riding probe's head in pieces of rows, for the threads that run the top layer's forward
/// pass to take as the probe's steps come in (`forwardRecurrence`'s `whileWaiting`).
///
/// A band without the probe takes only pieces whose steps are done, and stops once it catches up
/// with the probe (it never waits on a step, which would deadlock where the bands run one after
/// another on one thread); the probe's band takes the rest once its steps are done.
final class ProbeHeadPieces: @unchecked Sendable {
  /// Rows per piece: one tile of the packed kernel.
  static let rowsPerPiece = 8
  private let rows: HeadRows
  private let count: Int
  private let inputOffset: Int
  private let stepsNeeded: (Range<Int>) -> Int
  /// The first row no piece has taken yet (`rk_fetch_add`).
  private let next = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

  /// `count` head rows scored by `rows`, which read the probe's `h (T+1, 1, H)` from
  /// `inputOffset`; a band of rows needs `stepsNeeded(band)` of the probe's steps done.
  init(_ rows: HeadRows, count: Int, inputOffset: Int, stepsNeeded: @escaping (Range<Int>) -> Int) {
    (self.rows, self.count, self.inputOffset, self.stepsNeeded) = (rows, count, inputOffset, stepsNeeded)
    next.initialize(to: 0)
  }

  deinit { next.deallocate() }

  /// Scores pieces on the calling thread while any are left whose steps are done (`stepsDone`).
  func take(probeH: UnsafePointer<Float>, stepsDone: () -> Int) {
    while true {
      let first = Int(rk_fetch_add(next, 0))
      guard first < count, stepsDone() >= stepsNeeded(piece(at: first)) else { return }
      let claimed = Int(rk_fetch_add(next, Int32(Self.rowsPerPiece)))
      guard claimed < count else { return }
      let band = piece(at: claimed)
      // Another thread took the piece looked at first: this one's steps are on their way (the
      // probe's band is running, or its steps would all be done).
      while stepsDone() < stepsNeeded(band) {}
      rows.score(band, y: probeH + inputOffset)
    }
  }

  private func piece(at first: Int) -> Range<Int> { first..<min(first + Self.rowsPerPiece, count) }
}
