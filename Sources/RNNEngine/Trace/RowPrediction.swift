import CKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the trace reads from one row of a classifier head: its three most probable classes and,
/// where the row is scored, its loss.
struct RowPrediction: Sendable {
  /// The three most probable classes, best first (ties keep the lower id).
  var top: [Trace.TokenProbability]
  /// −log p(target), or nil where the row does not count in the loss.
  var loss: Float?

  /// Reads the row `probabilities (O)`, the softmax of `logits (O)`, against `target` where
  /// `weight` is not 0.
  init(probabilities: UnsafePointer<Float>, logits: UnsafePointer<Float>, classes: Int, target: Int32, weight: Float) {
    top = Self.top(3, of: probabilities, count: classes)
    guard weight != 0 else {
      loss = nil
      return
    }
    // −log p is one logarithm. Tiny probabilities are not exact (the softmax's exponential clamps
    // its argument at −87.3 rather than underflow), so below 10⁻³⁰ (a logit gap over 69) the loss
    // comes from the logits, at the cost of an exponential per class.
    let target = Int(target)
    let probability = probabilities[target]
    if probability > 1e-30 {
      loss = -log(probability)
      return
    }
    let maximum = FastMath.maximum(logits, count: classes)
    var total: Float = 0
    for j in 0..<classes { total += FastMath.exp(logits[j] - maximum) }
    loss = maximum + log(total) - logits[target]
  }

  /// The `k` most probable of `count` classes, best first (ties keep the lower id), by `rk_top_k`.
  private static func top(_ k: Int, of probabilities: UnsafePointer<Float>, count: Int) -> [Trace.TokenProbability] {
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: k) { ids in
      withUnsafeTemporaryAllocation(of: Float.self, capacity: k) { best in
        let found = Int(rk_top_k(probabilities, Int32(count), Int32(k), ids.baseAddress!, best.baseAddress!))
        return (0..<found).map { Trace.TokenProbability(id: Int(ids[$0]), probability: best[$0]) }
      }
    }
  }
}
