/// Softmax cross-entropy and mean squared error, each forward next to its backward.
enum Loss {
  /// Softmax of one row of `logits` into `probabilities` (which may be the same memory), and, when
  /// `weight` is not 0, the row's weighted loss −log softmax[target] (stable logsumexp) and whether
  /// its argmax is the target.
  @inline(__always)
  static func softmax(
    _ logits: UnsafePointer<Float>, classes: Int, into probabilities: UnsafeMutablePointer<Float>, target: Int32,
    weight: Float
  ) -> (loss: Double, hit: Bool) {
    let maximum = FastMath.maximum(logits, count: classes)
    // Read the target's logit and the hit first: `probabilities` may overwrite `logits`.
    var (targetLogit, hit): (Float, Bool) = (0, false)
    if weight != 0 {
      let target = Int(target)
      precondition(target >= 0 && target < classes, "target class \(target) outside 0..<\(classes)")
      targetLogit = logits[target]
      // Correct when the target holds the maximum and no earlier class ties with it (argmax takes the first).
      hit = targetLogit == maximum && argmax(logits, count: classes) == target
    }
    for j in 0..<classes { probabilities[j] = FastMath.exp(logits[j] - maximum) }
    let total = FastMath.sum(probabilities, count: classes)
    let inverse = 1 / total
    for j in 0..<classes { probabilities[j] *= inverse }
    guard weight != 0 else { return (0, false) }
    return (Double(weight) * Double(maximum + log(total) - targetLogit), hit)
  }

  /// dLogits = weight · scale · (softmax − onehot(target)) for every row (0 for unweighted rows).
  static func crossEntropyBackward(
    probabilities: UnsafePointer<Float>, rows: Int, classes: Int, targets: [Int32], weights: [Float], scale: Float,
    dLogits: UnsafeMutablePointer<Float>
  ) {
    Parallel.forEachRange(rows, minimumPerPart: rowsPerThread(classes)) { band in
      for row in band {
        softmaxGradient(
          probabilities + row * classes, classes: classes, target: targets[row], scale: weights[row] * scale,
          into: dLogits + row * classes)
      }
    }
  }

  /// One row's dLogits = scale · (softmax − onehot(target)); `gradient` may be `probabilities` itself.
  @inline(__always)
  static func softmaxGradient(
    _ probabilities: UnsafePointer<Float>, classes: Int, target: Int32, scale: Float,
    into gradient: UnsafeMutablePointer<Float>
  ) {
    for j in 0..<classes { gradient[j] = scale * probabilities[j] }
    gradient[Int(target)] -= scale
  }

  /// Fewest rows worth a thread of their own in the softmax gradient's loop: 16, and 32K values.
  private static func rowsPerThread(_ classes: Int) -> Int {
    Parallel.minimumPerPart(floor: 16, work: 1 << 15, itemWork: classes)
  }

  /// Sum of squared differences between `outputs` and `targets`.
  static func squaredError(outputs: UnsafePointer<Float>, targets: [Float]) -> Double {
    var sum = 0.0
    for index in targets.indices {
      let difference = Double(outputs[index] - targets[index])
      sum += difference * difference
    }
    return sum
  }

  /// Gradient of `scale · Σ (output − target)²`: `2 · scale · (output − target)`.
  static func squaredErrorBackward(
    outputs: UnsafePointer<Float>, targets: [Float], scale: Float, dOutputs: UnsafeMutablePointer<Float>
  ) {
    for index in targets.indices { dOutputs[index] = 2 * scale * (outputs[index] - targets[index]) }
  }

  /// Index of the largest value (the first one on ties).
  static func argmax(_ values: UnsafePointer<Float>, count: Int) -> Int {
    var best = 0
    for j in 1..<max(count, 1) where values[j] > values[best] { best = j }
    return best
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
