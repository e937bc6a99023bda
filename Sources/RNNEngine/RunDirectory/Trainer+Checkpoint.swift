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
    CheckpointFormat.addTrainingState(optimizer: optimizer, random: random, step: step, to: &writer)
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
    (random, step) = try CheckpointFormat.readTrainingState(
      from: file, into: &optimizer, parameterCount: model.parameters.count)
  }
}

extension Trainer {
  /// A trainer restored from `file` with the run's own config and task (reading its text file again).
  public convenience init(restoringRunOf file: SafeTensorsFile) throws {
    let config = try CheckpointFormat.validatedConfigs(in: file).training
    try self.init(restoring: file, config: config, task: config.makeTask())
  }
}
