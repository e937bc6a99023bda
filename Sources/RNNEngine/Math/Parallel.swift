import CKernels

/// Splits work over `CKernels`' thread pool (one thread per core unless `EngineThreads` says fewer).
///
/// The pool's helpers spin between jobs instead of sleeping, so a job costs about a microsecond
/// to hand out: cheap enough for one job per layer pass or per large elementwise loop.
enum Parallel {
  /// Threads a job may be split over.
  static var threadCount: Int { Int(rk_thread_count()) }

  /// Fewest items a part needs: at least `floor`, and enough items of `itemWork` each to make
  /// `work` in all, so that small loops (a probe's, a tiny model's) stay on one thread.
  static func minimumPerPart(floor: Int, work: Int, itemWork: Int) -> Int {
    max(floor, work / max(itemWork, 1))
  }

  /// Calls `body(range)` on disjoint ranges covering `0..<count`, in parallel when `count` is at
  /// least `minimumPerPart` per part. Range edges fall on multiples of `alignment`.
  static func forEachRange(
    _ count: Int, minimumPerPart: Int, alignment: Int = 1, _ body: (Range<Int>) -> Void
  ) {
    let parts = min(threadCount, count / max(minimumPerPart, 1))
    guard parts > 1 else {
      if count > 0 { body(0..<count) }
      return
    }
    forEachPart(parts) { part, parts in
      let start = count * part / parts / alignment * alignment
      let end = part == parts - 1 ? count : count * (part + 1) / parts / alignment * alignment
      if end > start { body(start..<end) }
    }
  }

  /// Calls `body(part, parts)` for every part, part 0 on this thread, the others on the pool's
  /// helpers, and returns when all are done (all on this thread if the pool is already busy).
  static func forEachPart(_ parts: Int, _ body: (_ part: Int, _ parts: Int) -> Void) {
    withoutActuallyEscaping(body) { body in
      var job = body
      withUnsafeMutablePointer(to: &job) { job in
        rk_parallel_for(
          Int32(parts),
          { context, part, parts in
            context!.assumingMemoryBound(to: ((Int, Int) -> Void).self).pointee(Int(part), Int(parts))
          }, job)
      }
    }
  }
}
