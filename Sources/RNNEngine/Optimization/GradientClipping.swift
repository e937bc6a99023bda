/// What `clipGradients` found and did.
public struct ClipResult: Sendable, Equatable {
  /// Global L2 norm of all gradients before clipping.
  public var norm: Float
  /// Whether the gradients were scaled down.
  public var clipped: Bool
}

/// Global-norm gradient clipping over one flat gradient buffer, shared by every model type.
enum GradientClipping {
  /// Global L2 norm of `gradients` (accumulated in Double).
  static func norm(of gradients: [Float]) -> Float {
    var sum = 0.0
    for g in gradients { sum += Double(g) * Double(g) }
    return Float(sum.squareRoot())
  }

  /// Scales `gradients` by `maxNorm / (norm + 1e-6)` when that is below 1, like `torch.nn.utils.clip_grad_norm_`.
  static func clip(_ gradients: inout [Float], maxNorm: Float) -> ClipResult {
    let norm = norm(of: gradients)
    let scale = maxNorm / (norm + 1e-6)
    guard scale < 1 else { return ClipResult(norm: norm, clipped: false) }
    for index in gradients.indices { gradients[index] *= scale }
    return ClipResult(norm: norm, clipped: true)
  }
}

extension RecurrentModel {
  /// Global L2 norm of the gradient buffer (accumulated in Double).
  public var gradientNorm: Float { GradientClipping.norm(of: gradients) }

  /// Scales all gradients to norm `maxNorm` when above it, like `torch.nn.utils.clip_grad_norm_`.
  @discardableResult
  public func clipGradients(maxNorm: Float) -> ClipResult { GradientClipping.clip(&gradients, maxNorm: maxNorm) }
}
