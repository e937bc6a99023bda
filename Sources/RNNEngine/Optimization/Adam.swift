#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Adam exactly as `torch.optim.Adam` (no weight decay, no amsgrad).
///
///     m = β1 m + (1 − β1) g          v = β2 v + (1 − β2) g²
///     θ -= lr / (1 − β1^t) · m / (√v / √(1 − β2^t) + ε)
public struct Adam: Optimizer, Codable, Equatable {
  /// Step size.
  public var learningRate: Float
  /// Decay of the first moment.
  public var beta1: Float
  /// Decay of the second moment.
  public var beta2: Float
  /// Added to the bias-corrected √v.
  public var epsilon: Float
  /// First moment per parameter; empty until the first step (saved in checkpoints).
  public var m: [Float] = []
  /// Second moment per parameter; empty until the first step.
  public var v: [Float] = []
  /// Number of steps taken (t in the bias corrections).
  public var step = 0

  /// An optimizer with PyTorch's defaults unless given.
  public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  /// One Adam step.
  public mutating func update(_ parameters: inout [Float], gradients: [Float]) {
    precondition(parameters.count == gradients.count, "gradients must match parameters")
    if m.isEmpty {
      m = [Float](repeating: 0, count: parameters.count)
      v = [Float](repeating: 0, count: parameters.count)
    }
    step += 1
    // Bias corrections in Double, like PyTorch's Python-scalar arithmetic.
    let correction1 = 1 - pow(Double(beta1), Double(step))
    let correction2 = 1 - pow(Double(beta2), Double(step))
    let stepSize = Float(Double(learningRate) / correction1)
    let rootCorrection2 = Float(correction2.squareRoot())
    let beta1 = beta1
    let beta2 = beta2
    let epsilon = epsilon
    let count = parameters.count
    // Raw pointers keep the loop free of per-element uniqueness and bounds checks, so it vectorises.
    m.withMutableBase { m in
      v.withMutableBase { v in
        parameters.withMutableBase { parameters in
          gradients.withBase { gradients in
            Parallel.forEachRange(count, minimumPerPart: 1 << 14, alignment: 16) { band in
              for index in band {
                let g = gradients[index]
                m[index] = beta1 * m[index] + (1 - beta1) * g
                v[index] = beta2 * v[index] + (1 - beta2) * g * g
                let denominator = v[index].squareRoot() / rootCorrection2 + epsilon
                parameters[index] -= stepSize * m[index] / denominator
              }
            }
          }
        }
      }
    }
  }
}
