import Foundation

/// Trains one model on one task, step by step: the engine side of both `rnnscope train` and the TUI.
///
/// Not thread-safe: one owner drives it (the main thread headless, the trainer thread live).
/// A step whose loss or gradient is not finite changes nothing and reports divergence, so the
/// weights stay the last good ones.
public final class Trainer {
  /// The run's settings (learning rate and clipping may change live).
  public private(set) var config: TrainingConfig
  /// Where batches and the probe come from (the probe may change: `useProbe(text:)`).
  public private(set) var task: any SequenceTask
  /// The network being trained.
  public let model: RecurrentModel
  /// Optimizer steps in one epoch.
  public let stepsPerEpoch: Int
  /// Optimizer steps taken so far.
  public internal(set) var step = 0
  /// The update rule and its state (moments, step count), saved in checkpoints.
  var optimizer: any Optimizer
  /// The stream batches are drawn from, saved in checkpoints so a resumed run draws the same batches.
  var random: SeededRandom
  /// Traces the probe beside training (`trainStep(tracing:)`), made by the first step that asks.
  private var tracer: BackgroundTracer?
  /// The latest trace the tracer finished.
  private var latestTrace: BackgroundTracer.Finished?
  /// Where the next trace taken on this thread (`probeTrace`) starts its iterations: where the last one ended.
  var traceWarmStart = TraceWarmStart()

  /// A fresh model for `config` on `task`, initialised from the config's seed.
  public init(config: TrainingConfig, task: any SequenceTask) {
    self.config = config
    self.task = task
    var random = SeededRandom(seed: config.seed)
    self.model = RecurrentModel(
      config: config.modelConfig(for: task), initialization: config.initialization, random: &random)
    self.random = random
    self.optimizer = Trainer.makeOptimizer(config)
    self.stepsPerEpoch = config.stepsPerEpoch ?? task.defaultStepsPerEpoch(batchSize: config.batchSize)
  }

  /// The epoch the next step belongs to, counting from 1.
  public var epoch: Int { step / stepsPerEpoch + 1 }
  /// Steps already taken in the current epoch.
  public var stepInEpoch: Int { step % stepsPerEpoch }
  /// Whether the configured number of epochs is done (never, when epochs is nil).
  public var isFinished: Bool { config.epochs.map { step >= $0 * stepsPerEpoch } ?? false }

  /// The optimizer's step size; changes apply from the next step.
  public var learningRate: Float {
    get { config.learningRate }
    set {
      config.learningRate = newValue
      optimizer.learningRate = newValue
    }
  }

  /// The global gradient-norm threshold (`nil`: off); changes apply from the next step.
  public var clip: Float? {
    get { config.clip }
    set { config.clip = newValue }
  }

  deinit { tracer?.stop() }

  /// One optimizer step on a fresh batch.
  ///
  /// With `tracing`, the weights the step started from and its gradient norms go to the
  /// background tracer (unless it is still busy), which traces the probe with them on a thread of
  /// its own while training goes on: `takeFinishedTrace()` and `probeTrace()` return what it found.
  public func trainStep(tracing: Bool = false) -> TrainingStepResult {
    let batch = task.trainingBatch(size: config.batchSize, rng: &random)
    let startingWeights = tracing && !isTracing ? model.parameters : nil  // copied when the update writes
    let pass = model.trainingPass(batch, truncation: config.bptt.truncation, initialState: nil)
    // Hand the step's buffers back so the next step reuses them instead of allocating.
    defer { model.recycle(pass.record, pass.backward) }
    let record = pass.record
    guard record.loss.isFinite else { return .diverged(reason: "the loss became \(record.loss)") }
    // Before clipping scales the gradients.
    let gradientNorms = startingWeights.map { _ in model.gradientNorms() }
    let clipping =
      config.clip.map { model.clipGradients(maxNorm: $0) }
      ?? ClipResult(norm: model.gradientNorm, clipped: false)
    guard clipping.norm.isFinite else { return .diverged(reason: "the gradient norm became \(clipping.norm)") }
    optimizer.update(&model.parameters, gradients: model.gradients)
    step += 1
    if let startingWeights, let gradientNorms {
      let tracer = self.tracer ?? BackgroundTracer(config: model.config)
      self.tracer = tracer
      tracer.start(parameters: startingWeights, gradientNorms: gradientNorms, probe: task.probe.batch, step: step)
    }
    let stats = StepStats(
      loss: record.loss, accuracy: model.accuracy(of: record), counted: record.counted,
      gradNormBeforeClip: clipping.norm, clipped: clipping.clipped)
    // Throughput counts every position the network processed, scored or not (B × T).
    return .trained(stats, tokens: record.batchSize * record.length)
  }

  /// Whether the background tracer is still working on a trace.
  public var isTracing: Bool { tracer?.isBusy ?? false }

  /// The newest trace the background tracer has finished since the last call, if any: a few
  /// steps behind while training runs.
  public func takeFinishedTrace() -> BackgroundTracer.Finished? {
    guard let finished = tracer?.takeFinished() else { return nil }
    latestTrace = finished
    return finished
  }

  /// Loss and accuracy on the task's fixed held-out set, weighted by counted positions.
  public func evaluateHeldOut() -> Evaluation {
    var lossSum = 0.0
    var correctSum = 0.0
    var counted = 0
    for batch in task.heldOutBatches(size: max(config.batchSize, 64)) {
      let stats = model.evaluate(batch).stats
      lossSum += Double(stats.loss) * Double(stats.counted)
      correctSum += Double(stats.accuracy ?? 0) * Double(stats.counted)
      counted += stats.counted
    }
    guard counted > 0 else { return Evaluation(loss: .nan, accuracy: nil, positions: 0) }
    let accuracy = model.config.head == .classifier ? Float(correctSum / Double(counted)) : nil
    return Evaluation(loss: Float(lossSum / Double(counted)), accuracy: accuracy, positions: counted)
  }

  /// States, gates and gradients of the model on the task's probe sequence: the background
  /// tracer's trace of the latest step that asked for one (`trainStep(tracing:)`: the weights that
  /// step started from, and its own gradient norms), waiting for it if need be, when no step has
  /// been taken since; or else a pass of the probe's own with the weights as they are now.
  public func probeTrace() -> Trace {
    if let finished = tracer?.waitForTrace() { latestTrace = finished }
    if let latestTrace, latestTrace.step == step { return latestTrace.trace }
    return model.probe(task.probe.batch, warmStart: &traceWarmStart)
  }

  /// Makes `text` the probe of a text task (a language model's or case correction's), keeping
  /// everything else; throws if the task does not read text or the text cannot be a probe.
  public func useProbe(text: String) throws(TaskError) {
    switch task {
    case let languageModel as LanguageModelTask:
      var settings = languageModel.settings
      settings.probeText = text
      task = try LanguageModelTask(source: languageModel.source, config: settings, vocabulary: languageModel.vocabulary)
    case let caseCorrection as CaseCorrectionTask:
      var settings = caseCorrection.settings
      settings.probeText = text
      task = try CaseCorrectionTask(source: caseCorrection.source, config: settings)
    default:
      throw .probeNotText(task.kind)
    }
    // A trace of the old probe, running or finished, is of no use now.
    _ = tracer?.waitForTrace()
    latestTrace = nil
  }

  /// The model's prediction for the probe, decoded as text (or class names).
  public func decodedProbe(_ trace: Trace) -> String {
    // A regression head's answer is its value, written as the task writes its target (a diverged
    // one's NaN or huge value as Swift prints it).
    if !trace.regressionOutputs.isEmpty {
      return trace.regressionOutputs.map { abs($0) < 1e9 ? AddingTask.format($0, decimals: 3) : "\($0)" }
        .joined(separator: " ")
    }
    return task.decode(classIds: trace.topK.map { $0.first?.id ?? 0 })
  }

  private static func makeOptimizer(_ config: TrainingConfig) -> any Optimizer {
    switch config.optimizer {
    case .adam: Adam(learningRate: config.learningRate)
    case .sgd: SGD(learningRate: config.learningRate, momentum: config.momentum)
    }
  }
}

/// What one training step did.
public enum TrainingStepResult: Sendable, Equatable {
  /// The step updated the weights; the network processed `tokens` positions (B × T, scored or not).
  case trained(StepStats, tokens: Int)
  /// The loss or gradient was not finite; the weights were left as they were.
  case diverged(reason: String)
}

/// Loss and accuracy over a held-out set.
public struct Evaluation: Sendable, Equatable {
  /// Mean loss per counted position.
  public var loss: Float
  /// Fraction of counted positions predicted right (classifiers only).
  public var accuracy: Float?
  /// Positions counted.
  public var positions: Int
  /// exp(loss): the perplexity of a language model.
  public var perplexity: Float { Float.exp(loss) }
}
