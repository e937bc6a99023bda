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
  /// Run pattern search for this request now and again as the weights change (`nil`: stop).
  case searchUnits(UnitSearchRequest?)
  /// Measure the probe's connectivity with every snapshot while the Connectivity view is open.
  case watchConnectivity(Bool)
  /// Make this piece of the held-out text (positions of `Trainer.heldOutText`) the probe.
  case useHeldOutProbe(Range<Int>)
  /// End the run.
  case stop
}
