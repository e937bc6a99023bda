/// What `clipGradients` measured and did.
public struct ClipResult: Sendable, Equatable {
  /// Global L2 norm of all gradients before clipping.
  public var norm: Float
  /// Whether the gradients were scaled down.
  public var clipped: Bool
}

extension RecurrentModel {
  /// Global L2 norm of the gradient buffer (accumulated in Double).
  public var gradientNorm: Float {
    var sum = 0.0
    for g in gradients { sum += Double(g) * Double(g) }
    return Float(sum.squareRoot())
  }

  /// Scales all gradients by `maxNorm / (norm + 1e-6)` when that is below 1, like `torch.nn.utils.clip_grad_norm_`.
  @discardableResult
  public func clipGradients(maxNorm: Float) -> ClipResult {
    let norm = gradientNorm
    let scale = maxNorm / (norm + 1e-6)
    guard scale < 1 else { return ClipResult(norm: norm, clipped: false) }
    for index in gradients.indices { gradients[index] *= scale }
    return ClipResult(norm: norm, clipped: true)
  }
}
