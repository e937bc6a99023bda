/// One model of an experiment, trained step by step on the shared data, and everything computed
/// on it: on recall the gradient profile and gate saturation, on case correction the accuracy on
/// capitals and the decoded probe.
///
/// Not thread-safe: one owner (the headless loop or the lab thread) drives it.
final class LabPane {
  /// Salt of the batch stream, so it differs from the weight stream of the same seed.
  static let dataStreamSalt: UInt64 = 0xDA7A_5EED

  let spec: LabPaneSpec
  let trainer: Trainer
  private let settings: LabSettings
  private let stepBudget: Int
  /// The fixed batch the gradient profile and gate saturation are computed on.
  private let probe: Batch

  private(set) var status = LabPaneStatus.training
  private(set) var profiles: [GradientProfile] = []
  private(set) var saturation: [GateSaturation] = []
  private(set) var loss: [Float] = []
  private(set) var trainingAccuracy: [Float] = []
  private(set) var clipSteps: [Int] = []
  private(set) var evaluations: [LabEvaluation] = []
  private(set) var firstPassedStep: Int?
  private var evaluationsPassedInARow = 0

  private(set) var caseEvaluations: [CaseAccuracy] = []
  private(set) var probeOutput: String?
  private(set) var probePredictions: [[Int]] = []

  /// A fresh pane: weights from `settings.seed`, batches from a stream every pane of the run shares.
  init(spec: LabPaneSpec, task: any SequenceTask, settings: LabSettings, stepBudget: Int) {
    self.spec = spec
    self.settings = settings
    self.stepBudget = stepBudget
    let config = TrainingConfig(
      task: task.config, cell: spec.cell, hidden: spec.hidden ?? settings.hidden, optimizer: spec.optimizer,
      learningRate: spec.learningRate, clip: spec.clip, batchSize: settings.batchSize, epochs: nil,
      seed: settings.seed, initialization: spec.initialization, bidirectional: spec.bidirectional)
    trainer = Trainer(config: config, task: task)
    // Different cells draw different numbers of weights, so the batches get their own stream: same data in every pane.
    trainer.random = SeededRandom(seed: settings.seed ^ Self.dataStreamSalt)
    probe = task.heldOutBatches(size: settings.batchSize).first ?? task.probe.batch
    measure()
  }

  /// Whether the pane trains on recall (its gradient profile and pass mark) rather than case correction.
  private var isRecall: Bool { trainer.task is RecallTask }

  /// One training step, then the measurements that are due; does nothing once the pane has stopped.
  func advance() {
    guard status.isTraining else { return }
    switch trainer.trainStep() {
    case .diverged(let reason):
      status = .diverged(atStep: trainer.step + 1, reason: reason)
      measure()
    case .trained(let stats, _):
      loss.append(stats.loss)
      trainingAccuracy.append(stats.accuracy ?? 0)
      if stats.clipped { clipSteps.append(trainer.step) }
      if trainer.step % settings.recordEvery == 0 || trainer.step >= stepBudget { measure() }
      if status.isTraining, trainer.step >= stepBudget { status = .finished }
    }
  }

  /// The pane as the UI and the CSV writer see it.
  var snapshot: LabPaneSnapshot {
    LabPaneSnapshot(
      name: spec.name, cell: spec.cell, step: trainer.step, stepBudget: stepBudget, status: status,
      profiles: profiles, loss: loss, trainingAccuracy: trainingAccuracy, evaluations: evaluations,
      clipSteps: clipSteps, clipThreshold: spec.clip, gateSaturation: saturation, firstPassedStep: firstPassedStep,
      parameterCount: trainer.model.layout.totalCount, caseEvaluations: caseEvaluations, probeOutput: probeOutput,
      probePredictions: probePredictions)
  }

  /// Gradient profile, gate saturation and held-out score now; stops the pane once it has passed often enough.
  private func measure() {
    guard evaluations.last?.step != trainer.step else { return }
    let heldOut = trainer.evaluateHeldOut()
    let accuracy = heldOut.accuracy ?? 0
    evaluations.append(LabEvaluation(step: trainer.step, loss: heldOut.loss, accuracy: accuracy))
    guard isRecall else {
      // Case correction: copying the input is already ~97 % right, so the pane runs its whole budget.
      if let task = trainer.task as? CaseCorrectionTask {
        caseEvaluations.append(CaseAccuracy(of: trainer.model, on: task, batchSize: max(settings.batchSize, 64)))
      }
      // The probe's argmax at every step, from a forward pass alone (no trace).
      let record = trainer.model.forward(trainer.task.probe.batch)
      let classes = trainer.model.config.outputs
      let prediction = (0..<record.length).map { t in
        let logits = record.logits[(t * classes)..<((t + 1) * classes)]  // (T, 1, O)
        return (logits.indices.max { logits[$0] < logits[$1] } ?? t * classes) - t * classes
      }
      trainer.model.recycle(record)
      probePredictions.append(prediction)
      probeOutput = trainer.task.decode(classIds: prediction)
      return
    }
    let (profile, record) = trainer.model.gradientProfile(on: probe, step: trainer.step)
    profiles.append(profile)
    saturation = record.gateSaturation
    guard accuracy >= settings.passAccuracy else {
      evaluationsPassedInARow = 0
      return
    }
    if firstPassedStep == nil { firstPassedStep = trainer.step }
    evaluationsPassedInARow += 1
    if status.isTraining, evaluationsPassedInARow >= settings.passEvaluations { status = .passed(atStep: trainer.step) }
  }
}
