import Foundation

extension Trainer {
  /// The trainer's whole state as an rnnscope checkpoint: model tensors, optimizer state, random
  /// state, step count, and the model and training configs in `__metadata__` (plus `metadata`).
  public func checkpoint(metadata: [String: String] = [:]) throws -> SafeTensorsWriter {
    var writer = SafeTensorsWriter(metadata: metadata)
    writer.metadata[CheckpointFormat.Metadata.format] = CheckpointFormat.formatName
    writer.metadata[CheckpointFormat.Metadata.modelConfig] = try RecordingJSON.encode(model.config)
    writer.metadata[CheckpointFormat.Metadata.trainingConfig] = try RecordingJSON.encode(config)
    for entry in model.layout.entries {
      writer.add(
        entry.name, shape: entry.shape, values: Array(model.parameters[entry.offset..<(entry.offset + entry.count)]))
    }
    switch optimizer {
    case let adam as Adam:
      writer.add(CheckpointFormat.Tensor.adamM, shape: [adam.m.count], values: adam.m)
      writer.add(CheckpointFormat.Tensor.adamV, shape: [adam.v.count], values: adam.v)
      writer.add(CheckpointFormat.Tensor.adamStep, shape: [1], values: [Int64(adam.step)])
    case let sgd as SGD:
      writer.add(CheckpointFormat.Tensor.sgdVelocity, shape: [sgd.velocity.count], values: sgd.velocity)
    default:
      preconditionFailure("checkpoints know Adam and SGD; add the new optimizer's state here")
    }
    writer.add(CheckpointFormat.Tensor.randomState, shape: [4], values: random.state.map { Int64(bitPattern: $0) })
    writer.add(CheckpointFormat.Tensor.step, shape: [1], values: [Int64(step)])
    return writer
  }

  /// A trainer in exactly the state `file` recorded, so training on continues bit for bit.
  ///
  /// `config` is normally the checkpoint's own (`CheckpointFormat.trainingConfig(in:)`), possibly with
  /// more epochs; its model must be the one the file holds. `task` is built from it.
  public convenience init(restoring file: SafeTensorsFile, config: TrainingConfig, task: any SequenceTask) throws {
    let fail = { (problem: String) in SafeTensorsError(file: file.fileName, problem: problem) }
    guard CheckpointFormat.isCheckpoint(file) else {
      throw fail(
        "not an rnnscope checkpoint (no __metadata__ format = \(CheckpointFormat.formatName)); it holds weights only")
    }
    let saved = try CheckpointFormat.modelConfig(in: file)
    let expected = config.modelConfig(for: task)
    guard saved == expected else {
      throw fail("holds a \(saved.cell.rawValue) model that differs from the one the training config builds")
    }
    self.init(config: config, task: task)
    try model.loadTensors(from: file)

    let parameterCount = model.parameters.count
    func moments(_ name: String) throws -> [Float] {
      let values = try file.floats(name)
      guard values.isEmpty || values.count == parameterCount else {
        throw fail("\"\(name)\" has \(values.count) values; the model has \(parameterCount) parameters")
      }
      return values
    }
    switch optimizer {
    case var adam as Adam:
      adam.m = try moments(CheckpointFormat.Tensor.adamM)
      adam.v = try moments(CheckpointFormat.Tensor.adamV)
      guard adam.m.count == adam.v.count else { throw fail("Adam's m and v have different sizes") }
      adam.step = Int(try scalar(CheckpointFormat.Tensor.adamStep, in: file, fail: fail))
      optimizer = adam
    case var sgd as SGD:
      sgd.velocity = try moments(CheckpointFormat.Tensor.sgdVelocity)
      optimizer = sgd
    default:
      preconditionFailure("checkpoints know Adam and SGD; add the new optimizer's state here")
    }
    let words = try file.int64s(CheckpointFormat.Tensor.randomState).map { UInt64(bitPattern: $0) }
    guard words.count == 4, words.contains(where: { $0 != 0 }) else {
      throw fail("\"\(CheckpointFormat.Tensor.randomState)\" must be four words, not all zero")
    }
    random = SeededRandom(state: words)
    step = Int(try scalar(CheckpointFormat.Tensor.step, in: file, fail: fail))
  }
}

/// The single I64 called `name`, a step count between 0 and `TrainingConfig.maximumSteps`.
private func scalar(_ name: String, in file: SafeTensorsFile, fail: (String) -> SafeTensorsError) throws -> Int64 {
  let values = try file.int64s(name)
  guard values.count == 1, let value = values.first, (0...Int64(TrainingConfig.maximumSteps)).contains(value) else {
    throw fail(
      "\"\(name)\" must hold one integer between 0 and \(TrainingConfig.maximumSteps) (found \(values.prefix(4)))")
  }
  return value
}

extension Trainer {
  /// A trainer restored from `file` with the run's own config and task (reading its text file again).
  public convenience init(restoringRunOf file: SafeTensorsFile) throws {
    let config = try CheckpointFormat.validatedConfigs(in: file).training
    try self.init(restoring: file, config: config, task: config.makeTask())
  }
}
