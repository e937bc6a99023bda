/// A short text a language model wrote, primed with the start of the probe: what the Training view shows.
public struct TextSample: Sendable, Equatable {
  /// The temperature a run samples at until someone changes it: the model's own distribution.
  public static let defaultTemperature: Float = 1

  /// The softmax temperature the text was drawn at.
  public var temperature: Float
  /// The optimizer step of the weights that wrote it.
  public var step: Int
  /// The text the model read first (the start of the probe).
  public var prime: String
  /// What the model wrote after the prime.
  public var generated: String

  /// A sample drawn at `temperature` by the weights of step `step`.
  public init(temperature: Float, step: Int, prime: String, generated: String) {
    self.temperature = temperature
    self.step = step
    self.prime = prime
    self.generated = generated
  }
}
