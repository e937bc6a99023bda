/// An immutable picture of a live encoder–decoder session that its trainer thread publishes for the UI.
public struct Seq2SeqSessionSnapshot: Sendable {
  /// Counts the snapshots a session published, so a reader can tell a new one from the last.
  public var publication: Int
  /// The model's shape.
  public var config: Seq2SeqConfig
  /// Parameters the model has.
  public var parameterCount: Int
  /// The task (its vocabularies, kind and summary).
  public var task: Seq2SeqTask
  /// The pair the views decode: its source goes through the model, its target is what it should give.
  public var probePair: Seq2SeqPair
  /// The update rule's name (`adam` or `sgd`).
  public var optimizer: String
  /// The step size in force (`[`/`]` change it live).
  public var learningRate: Float
  /// The global gradient-norm limit in force (`nil`: off).
  public var clip: Float?
  /// Pairs per step.
  public var batchSize: Int
  /// Running, paused, diverged or finished.
  public var status: TrainingStatus
  /// Optimizer steps taken.
  public var step: Int
  /// The current epoch, from 1 (at an epoch's end, the epoch just finished).
  public var epoch: Int
  /// Steps taken in the current epoch.
  public var stepInEpoch: Int
  /// Steps in an epoch.
  public var stepsPerEpoch: Int
  /// Epochs to train, or nil to train until stopped.
  public var epochLimit: Int?
  /// Steps per second the trainer is held to; `nil` runs at full speed.
  public var speedLimit: Int?
  /// Recent training throughput in target symbols per second (teacher forcing, padding left out).
  public var tokensPerSecond: Double
  /// Per-step loss and gradient norm (the learning rate column too), bounded in memory.
  public var history: TrainingHistory
  /// One row per finished epoch: loss, held-out metrics, the probe translated.
  public var epochs: [Seq2SeqEpochSummary]
  /// The probe decoded greedily with the weights at publication: α, c_i and top three of every step.
  public var probe: Seq2SeqProbe
  /// Whether training pauses after every epoch (`--lecture`) until resumed.
  public var pausesAtEpochEnd = false
  /// The probe pair run with teacher forcing at publication: what the encoder–decoder, Hidden state,
  /// Gates and Gradients views draw (nil when the probe's target is not in the target vocabulary).
  public var trace: Seq2SeqTrace?
  /// ‖∂ logit / ∂e_j‖ of the probe's greedy output fed back as its target: what the Attention view's
  /// `g` shows beside α.
  public var connectivity: Seq2SeqConnectivity?

  /// The probe's output as text (end symbol left out).
  public var probeOutput: String { task.vocabulary.decodeTarget(probe.outputTokens) }
}

extension Seq2SeqSessionSnapshot {
  /// The snapshot of `model` on `task`'s probe after `step` steps: the probe decoded greedily, its
  /// teacher-forced trace and its connectivity (unless `measuresConnectivity` is false: a backward
  /// pass per output step that only the Attention view's `g` shows), beside the training figures
  /// given. What a live session publishes and what a replay shows for a recorded epoch.
  public init(
    model: Seq2SeqModel, task: Seq2SeqTask, publication: Int, optimizer: String, learningRate: Float, clip: Float?,
    batchSize: Int, status: TrainingStatus, step: Int, stepsPerEpoch: Int, epochLimit: Int?, speedLimit: Int?,
    tokensPerSecond: Double, history: TrainingHistory, epochs: [Seq2SeqEpochSummary], measuresConnectivity: Bool = true
  ) {
    let probePair = task.probePair
    // The probe is the task's own text, written in its source symbols.
    let source = try! task.vocabulary.encodeSource(probePair.source)
    let probe = model.probe(source, maxLength: Seq2SeqModel.maximumOutputLength(sourceLength: source.count))
    // At an epoch boundary show the epoch just finished ("epoch 4, 500/500"), not the next one at 0.
    let atBoundary = step > 0 && step % stepsPerEpoch == 0
    self.init(
      publication: publication, config: model.config, parameterCount: model.parameters.count, task: task,
      probePair: probePair, optimizer: optimizer, learningRate: learningRate, clip: clip, batchSize: batchSize,
      status: status, step: step, epoch: step / stepsPerEpoch + (atBoundary ? 0 : 1),
      stepInEpoch: atBoundary ? stepsPerEpoch : step % stepsPerEpoch, stepsPerEpoch: stepsPerEpoch,
      epochLimit: epochLimit, speedLimit: speedLimit, tokensPerSecond: tokensPerSecond, history: history,
      epochs: epochs, probe: probe)
    // The target is written in target symbols when it can be (a pairs file's may hold others).
    trace = (try? task.vocabulary.encodeTarget(probePair.target)).map { model.trace(source: source, target: $0) }
    connectivity = measuresConnectivity ? model.connectivity(source: source, target: probe.outputTokens) : nil
  }
}
