import RNNEngine

/// What the training keys (space, n, + -, [ ], c) need to know about the session on screen,
/// whichever kind of model it trains.
struct TrainerControls {
  /// Running, paused, diverged or finished.
  var status: TrainingStatus
  /// Optimizer steps taken.
  var step: Int
  /// Steps per second the trainer is held to; `nil`: full speed.
  var speedLimit: Int?
  /// The step size in force.
  var learningRate: Float
  /// The gradient-norm limit in force (`nil`: off).
  var clip: Float?
  /// Whether training pauses after every epoch (`--lecture`).
  var pausesAtEpochEnd: Bool
  /// The task's name, for messages.
  var taskName: String
}

extension AppState {
  /// The controls of the session on screen: the encoder–decoder's or the recurrent model's; nil before either publishes.
  var trainerControls: TrainerControls? {
    if let seq2seq {
      return TrainerControls(
        status: seq2seq.status, step: seq2seq.step, speedLimit: seq2seq.speedLimit,
        learningRate: seq2seq.learningRate, clip: seq2seq.clip, pausesAtEpochEnd: seq2seq.pausesAtEpochEnd,
        taskName: seq2seq.task.kind.rawValue)
    }
    guard let snapshot else { return nil }
    return TrainerControls(
      status: snapshot.status, step: snapshot.step, speedLimit: snapshot.speedLimit,
      learningRate: snapshot.config.learningRate, clip: snapshot.config.clip,
      pausesAtEpochEnd: snapshot.pausesAtEpochEnd, taskName: snapshot.task.kind.rawValue)
  }
}
