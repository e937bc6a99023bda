/// What the UI asks the trainer thread to do.
public enum TrainerCommand: Sendable, Equatable {
  /// Stop taking steps until resumed.
  case pause
  /// Take steps again.
  case resume
  /// Take exactly one step (while paused).
  case singleStep
  /// Use this learning rate from the next step.
  case setLearningRate(Float)
  /// Clip the global gradient norm at this value (`nil`: off) from the next step.
  case setClip(Float?)
  /// Hold training to this many steps per second (`nil`: full speed).
  case setSpeedLimit(Int?)
  /// Write a new text sample at this softmax temperature, and draw later ones at it (language models).
  case setSampleTemperature(Float)
  /// End the run.
  case stop
}
