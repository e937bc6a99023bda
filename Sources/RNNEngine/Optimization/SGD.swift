/// Stochastic gradient descent with momentum, as `torch.optim.SGD` (dampening 0, no Nesterov, no weight decay).
///
///     buf = g                      (first step)
///     buf = momentum · buf + g     (later steps)
///     θ  -= lr · buf
public struct SGD: Optimizer, Codable, Equatable {
  /// Step size.
  public var learningRate: Float
  /// Momentum factor μ (0 gives plain SGD).
  public var momentum: Float
  /// The momentum buffer, one value per parameter; empty until the first step (saved in checkpoints).
  public var velocity: [Float] = []

  /// An optimizer with the given step size and momentum.
  public init(learningRate: Float, momentum: Float = 0) {
    self.learningRate = learningRate
    self.momentum = momentum
  }

  /// One SGD step.
  public mutating func update(_ parameters: inout [Float], gradients: [Float]) {
    precondition(parameters.count == gradients.count, "gradients must match parameters")
    if momentum == 0 {
      for index in parameters.indices { parameters[index] -= learningRate * gradients[index] }
      return
    }
    if velocity.isEmpty {
      velocity = gradients
    } else {
      let momentum = momentum
      velocity.withMutableBase { velocity in
        for index in gradients.indices { velocity[index] = momentum * velocity[index] + gradients[index] }
      }
    }
    let learningRate = learningRate
    velocity.withBase { velocity in
      for index in parameters.indices { parameters[index] -= learningRate * velocity[index] }
    }
  }
}
