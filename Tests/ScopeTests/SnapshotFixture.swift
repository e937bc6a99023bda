import Foundation
import TermCanvas

@testable import RNNEngine
@testable import Scope

/// A training snapshot with hand-made, exactly reproducible numbers, so screens can be compared as text.
enum SnapshotFixture {
  static let probeText = "It is so, Mr. Holmes."

  /// A case-correction task on a small text, probed with `probeText`.
  static func task() throws -> any SequenceTask {
    let text = String(repeating: "The clock struck nine. \"Who is it?\" said Mr. Ashby. I went down. ", count: 8)
    let source = TextSource(name: "fixture", bytes: Array(text.utf8))
    return try CaseCorrectionTask(source: source, config: .init(minLength: 5, maxLength: 20, probeText: probeText))
  }

  /// A next-byte language model on the same text, probed with `probeText`.
  static func languageModelTask() throws -> any SequenceTask {
    let text = String(repeating: "The clock struck nine. \"Who is it?\" said Mr. Ashby. I went down. ", count: 8)
    let source = TextSource(name: "fixture", bytes: Array(text.utf8))
    return try LanguageModelTask(source: source, config: .init(length: 10, probeText: probeText))
  }

  /// `snapshot()` for the language model, with a sample drawn at temperature 0.8 whose text wraps.
  static func languageModelSnapshot() throws -> TrainingSnapshot {
    var snapshot = try snapshot(task: languageModelTask())
    snapshot.sample = TextSample(
      temperature: 0.8, step: 60, prime: "It is so, ",
      generated: "said he. \"The clock struck nine, and I went down to the door.\"\nWho is it? said Mr. Ashby. "
        + "I went down. The clock struck nine. \"Who is it?\" said Mr. Ashby, and I went to the window.")
    return snapshot
  }

  /// A recall snapshot (gap 4) whose model answers the payload at 70 %.
  static func recallSnapshot() throws -> TrainingSnapshot {
    try snapshot(task: RecallTask(config: .init(gap: 4)))
  }

  /// An adding-problem snapshot (10 steps) whose model answers 0.873.
  static func addingSnapshot() throws -> TrainingSnapshot {
    try snapshot(task: AddingTask(config: .init(length: 10)))
  }

  /// An LSTM (H = 8) snapshot in the given status, with three finished epochs (on `task()` unless told).
  static func snapshot(
    status: TrainingStatus = .training, cell: CellType = .lstm, hidden: Int = 8,
    task givenTask: (any SequenceTask)? = nil
  ) throws -> TrainingSnapshot {
    let task = try givenTask ?? task()
    let config = TrainingConfig(task: task.config, cell: cell, hidden: hidden, epochs: 10, stepsPerEpoch: 20)
    let model = config.modelConfig(for: task)
    let length = task.probe.batch.length
    var history = TrainingHistory()
    for step in 0..<60 {
      let loss = 3.0 * Float(pow(0.95, Double(step))) + 0.05
      history.append(
        StepStats(
          loss: loss, accuracy: nil, counted: 300, gradNormBeforeClip: 2.0 / Float(step + 1), clipped: step % 25 == 3),
        learningRate: 1e-3)
    }
    let epochs = (1...3).map { epoch in
      var summary = EpochSummary(
        epoch: epoch, trainLoss: 3 / Float(epoch * epoch),
        heldOut: Evaluation(loss: 3.2 / Float(epoch * epoch), accuracy: 0.3 * Float(epoch), positions: 400),
        tokensPerSecond: 250_000,
        probeOutput: !task.kind.readsText
          ? (epoch == 3 ? task.probe.targetText : "?")
          : epoch == 3 ? "It is so, mr. Holmes." : String(repeating: "e", count: length))
      if task.kind == .caseCorrection {
        summary.caseAccuracy = CaseAccuracy(
          positions: 1000, correct: 0, copied: 967, capitals: 100, capitalsCorrect: 25 * epoch,
          wordInitialCapitals: 0, wordInitialCorrect: 0)
      }
      return summary
    }
    return TrainingSnapshot(
      publication: 1, config: config, task: task, model: model, status: status, step: 60, epoch: 4,
      stepInEpoch: 0, stepsPerEpoch: 20, speedLimit: nil, tokensPerSecond: 251_234, history: history,
      epochs: epochs, trace: trace(task: task, model: model, length: length), probeOutput: "It is so, mr. Holmes.")
  }

  /// Smooth, distinct patterns for every field of the trace.
  static func trace(task: any SequenceTask, model: ModelConfig, length: Int) -> Trace {
    let hidden = model.hidden
    func pattern(_ scale: Float, _ offset: Float, _ frequency: Float) -> StepValues {
      StepValues(
        (0..<length).map { t in
          (0..<hidden).map { u in offset + scale * Float(sin(Double(frequency * Float(t) + Float(u)))) }
        })
    }
    let gates = model.cell.gateNames.enumerated().map { index, name in
      Trace.GateTrace(
        name: name,
        values: ["g", "n", "h"].contains(name) ? pattern(0.9, 0, 0.4) : pattern(0.45, 0.5, 0.2 * Float(index + 1)))
    }
    let decay = StepValues(
      (0..<length).map { t in (0..<hidden).map { _ in Float(pow(0.7, Double(length - 1 - t))) * 0.1 } })
    let layer = Trace.LayerTrace(
      h: pattern(0.9, 0, 0.3), c: model.cell.hasCellState ? pattern(1.8, 0, 0.25) : [], gates: gates, dh: decay,
      dc: model.cell.hasCellState ? decay : [], jacobianNorm: (0..<length).map { 0.5 + 0.02 * Float($0 % 10) },
      recurrentSpectralNorm: 1.25, derivativeBound: 1,
      lastStepGradientNorms: (0..<length).map { Float(pow(0.4, Double(length - 1 - $0))) * 0.2 })
    let norms = ParameterLayout(config: model).entries.enumerated().map { index, entry in
      Trace.NamedNorm(name: entry.name, norm: 0.5 / Float(index + 1))
    }
    // Recall and adding answer once, at the last step: one top-3 row, or the regression output.
    guard task.target == .everyStep else {
      var answer = 0
      if case .lastStep(let ids) = task.probe.batch.targets { answer = Int(ids[0]) }
      let topK: [[Trace.TokenProbability]] =
        task.target == .lastStep
        ? [[.init(id: answer, probability: 0.7), .init(id: 5, probability: 0.2), .init(id: 1, probability: 0.05)]] : []
      return Trace(
        config: model, sequence: 0, length: length, inputTokens: task.probe.batch.tokens, layers: [layer], topK: topK,
        stepLoss: (0..<length).map { $0 == length - 1 ? 0.36 : nil }, parameterGradientNorms: norms,
        regressionOutputs: task.target == .regression ? [0.873] : [])
    }
    let targets = Array(task.probe.targetText.utf8)
    let topK = (0..<length).map { t -> [Trace.TokenProbability] in
      let right = Int(targets[t])
      let other = Int(
        ByteText.lowercasedASCII([targets[t]])[0] == targets[t]
          ? UInt8(ascii: "e") : ByteText.lowercasedASCII([targets[t]])[0])
      return t % 7 == 3
        ? [.init(id: other, probability: 0.6), .init(id: right, probability: 0.3), .init(id: 0, probability: 0.05)]
        : [.init(id: right, probability: 0.9), .init(id: other, probability: 0.06), .init(id: 0, probability: 0.01)]
    }
    return Trace(
      config: model, sequence: 0, length: length, inputTokens: task.probe.batch.tokens, layers: [layer], topK: topK,
      stepLoss: (0..<length).map { Float($0 % 5) * 0.1 }, parameterGradientNorms: norms)
  }
}
