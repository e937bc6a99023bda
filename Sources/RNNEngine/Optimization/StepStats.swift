/// What one training step computed besides its update.
public struct StepStats: Sendable, Equatable {
  /// Mean loss over the counted positions.
  public var loss: Float
  /// Fraction of counted positions whose argmax is the target; nil for regression.
  public var accuracy: Float?
  /// Positions that counted in the loss.
  public var counted: Int
  /// Global gradient norm before clipping.
  public var gradNormBeforeClip: Float
  /// Whether clipping scaled the gradients.
  public var clipped: Bool

  /// e^loss (meaningful for cross-entropy).
  public var perplexity: Float { Float.exp(loss) }
}

extension Float {
  /// e^x through the standard library's math (used off the hot paths).
  static func exp(_ x: Float) -> Float { Float(Double.exp(Double(x))) }
}

extension Double {
  /// e^x.
  static func exp(_ x: Double) -> Double {
    #if canImport(Glibc)
      Glibc.exp(x)
    #else
      Darwin.exp(x)
    #endif
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What scoring a batch without training found.
public struct EvaluationStats: Sendable, Equatable {
  /// Mean loss over the counted positions.
  public var loss: Float
  /// Fraction of counted positions whose argmax is the target; nil for regression.
  public var accuracy: Float?
  /// Positions that counted in the loss.
  public var counted: Int
}
