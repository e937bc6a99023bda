/// How a fresh model's parameters are drawn.
public struct InitOptions: Sendable, Equatable, Codable {
  /// The scheme for the recurrent matrices W_hh.
  public enum Recurrent: Sendable, Equatable, Codable {
    /// PyTorch's default: U(−1/√H, 1/√H) like every other recurrent parameter.
    case pytorchDefault
    /// Each gate block's H×H W_hh a random orthogonal matrix times `scale` (ρ).
    case orthogonal(scale: Float)
    /// Each gate block's H×H W_hh the identity times `scale` (IRNN).
    case identity(scale: Float)
  }

  /// Scheme for W_hh.
  public var recurrent: Recurrent
  /// LSTM only: b_if (the f block of bias_ih) set to this value and b_hf to 0; nil keeps the default draw.
  public var forgetBias: Float?

  /// Options; the defaults reproduce PyTorch's initialisation.
  public init(recurrent: Recurrent = .pytorchDefault, forgetBias: Float? = nil) {
    self.recurrent = recurrent
    self.forgetBias = forgetBias
  }
}
