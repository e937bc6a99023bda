/// Softmax cross-entropy and mean squared error, each forward next to its backward.
enum Loss {
  /// Softmax of every row into `probabilities (rows, classes)`; returns the sum over weighted
  /// rows of −log softmax[target] (stable logsumexp) and how many weighted rows have their argmax
  /// on the target.
  static func crossEntropy(
    logits: UnsafePointer<Float>, rows: Int, classes: Int, targets: [Int32], weights: [Float],
    probabilities: UnsafeMutablePointer<Float>
  ) -> (sum: Double, correct: Int) {
    // Rows in parallel; their losses are summed afterwards in row order, so the total does not
    // depend on how the rows were split.
    var losses = [Double](repeating: 0, count: rows), hits = [Bool](repeating: false, count: rows)
    losses.withUnsafeMutableBufferPointer { losses in
      hits.withUnsafeMutableBufferPointer { hits in
        Parallel.forEachRange(rows, minimumPerPart: rowsPerThread(classes)) { band in
          for row in band {
            let values = logits + row * classes, softmax = probabilities + row * classes
            let maximum = FastMath.maximum(values, count: classes)
            for j in 0..<classes { softmax[j] = FastMath.exp(values[j] - maximum) }
            let total = FastMath.sum(softmax, count: classes)
            let inverse = 1 / total
            for j in 0..<classes { softmax[j] *= inverse }
            guard weights[row] != 0 else { continue }
            let target = Int(targets[row])
            precondition(target >= 0 && target < classes, "target class \(target) outside 0..<\(classes)")
            losses[row] = Double(weights[row]) * Double(maximum + log(total) - values[target])
            // Correct when the target holds the maximum and no earlier class ties with it (argmax takes the first).
            hits[row] = values[target] == maximum && argmax(values, count: classes) == target
          }
        }
      }
    }
    return (losses.reduce(0, +), hits.count { $0 })
  }

  /// dLogits = weight · scale · (softmax − onehot(target)) for every row (0 for unweighted rows).
  static func crossEntropyBackward(
    probabilities: UnsafePointer<Float>, rows: Int, classes: Int, targets: [Int32], weights: [Float], scale: Float,
    dLogits: UnsafeMutablePointer<Float>
  ) {
    Parallel.forEachRange(rows, minimumPerPart: rowsPerThread(classes)) { band in
      for row in band {
        let softmax = probabilities + row * classes, gradient = dLogits + row * classes
        let rowScale = weights[row] * scale
        for j in 0..<classes { gradient[j] = rowScale * softmax[j] }
        gradient[Int(targets[row])] -= rowScale
      }
    }
  }

  /// Fewest rows worth a thread of their own in the softmax loops: 16, and 32K values.
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
