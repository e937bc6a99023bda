/// What the UI asks the lab thread to do.
public enum LabSessionCommand: Sendable, Equatable {
  /// Stop taking steps until resumed.
  case pause
  /// Take steps again.
  case resume
  /// Set the LSTM forget-gate bias (nil: PyTorch's default draw); restarts the LSTM pane.
  case setForgetBias(Float?)
  /// Use a recall task with this gap; restarts every pane (values below 1 are ignored).
  case setGap(Int)
  /// Use these W_hh scales ρ; restarts the panes whose scale changed.
  case setScales([Float])
  /// Start every pane again from its initial weights.
  case restart
  /// End the session.
  case stop
}
