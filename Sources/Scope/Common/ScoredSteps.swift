import RNNEngine

/// Where the probe's loss is taken: the step each prediction and target belongs to.
///
/// Every-step targets (case, lm) score each step; last-step and regression targets (recall,
/// adding) score only the last step, the query, so their one prediction is drawn there.
struct ScoredSteps {
  let snapshot: TrainingSnapshot

  /// The index into the probe's targets (and the trace's predictions) for `step`; nil where no loss is taken.
  func row(ofStep step: Int) -> Int? {
    let targets = snapshot.task.probe.targetLabels.count
    if snapshot.task.target == .everyStep { return step < targets ? step : nil }
    return step == snapshot.trace.length - 1 && targets > 0 ? 0 : nil
  }

  /// The target's label at `step`, if the loss is taken there.
  func target(atStep step: Int) -> String? {
    row(ofStep: step).map { snapshot.task.probe.targetLabels[$0] }
  }

  /// The top-3 predictions at `step` (classifier heads), if the loss is taken there.
  func predictions(atStep step: Int) -> [Trace.TokenProbability]? {
    row(ofStep: step).flatMap { $0 < snapshot.trace.topK.count ? snapshot.trace.topK[$0] : nil }
  }

  /// The probe's mean loss over its scored steps: the figure to show before any training step.
  var probeLoss: Float? {
    let losses = snapshot.trace.stepLoss.compactMap { $0 }
    return losses.isEmpty ? nil : losses.reduce(0, +) / Float(losses.count)
  }

  /// A regression head's output at `step`, written like its target, if the loss is taken there.
  func regressionOutput(atStep step: Int) -> String? {
    guard row(ofStep: step) != nil, !snapshot.trace.regressionOutputs.isEmpty else { return nil }
    return snapshot.trace.regressionOutputs.map { Format.fixed($0, decimals: 3) }.joined(separator: " ")
  }
}
