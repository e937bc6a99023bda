/// An update rule over the model's flat parameter buffer.
public protocol Optimizer: Sendable {
  /// Step size; may be changed between steps (schedules, UI).
  var learningRate: Float { get set }
  /// Applies one update to `parameters` from `gradients` (same layout).
  mutating func update(_ parameters: inout [Float], gradients: [Float])
}
