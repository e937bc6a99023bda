/// The recurrent cell of every layer.
public enum CellType: String, Codable, Sendable, CaseIterable {
  /// Elman RNN, h = tanh(W_ih x + b_ih + W_hh h + b_hh).
  case rnnTanh = "rnn_tanh"
  /// Elman RNN with ReLU activation.
  case rnnRelu = "rnn_relu"
  /// Elman RNN with the identity activation: pure matrix powers, for the vanishing/exploding lab.
  case rnnLinear = "rnn_linear"
  /// Long short-term memory (gates i, f, g, o).
  case lstm
  /// Gated recurrent unit (gates r, z, n; b_hn inside the reset product, like PyTorch).
  case gru

  /// G: how many H-row blocks the stacked weight matrices have.
  public var gateCount: Int {
    switch self {
    case .rnnTanh, .rnnRelu, .rnnLinear: 1
    case .lstm: 4
    case .gru: 3
    }
  }

  /// Names of the gate blocks in PyTorch's stacking order.
  public var gateNames: [String] {
    switch self {
    case .rnnTanh, .rnnRelu, .rnnLinear: ["h"]
    case .lstm: ["i", "f", "g", "o"]
    case .gru: ["r", "z", "n"]
    }
  }

  /// Whether the cell carries a memory cell c next to h.
  public var hasCellState: Bool { self == .lstm }

  /// γ, the bound on the activation's derivative used in the vanishing-gradient bound ‖∂h_t/∂h_{t−1}‖ ≤ γ σ_max(W_hh).
  public var derivativeBound: Float { 1 }
}
