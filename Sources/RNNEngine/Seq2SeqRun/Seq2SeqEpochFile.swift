import Foundation

/// A seq2seq run's `epoch-NNNN.safetensors`: the trainer's whole state after an epoch.
///
/// The model's tensors under the reference's PyTorch names with its shape and vocabularies in the
/// metadata, as `Seq2SeqCheckpoint` writes them (so `translate --weights`, `eval --weights` and
/// PyTorch open an epoch as they open any model file), then the optimizer's state, the random state
/// and the step count (`CheckpointFormat`'s names) and the run's settings, so a run continues from
/// its last epoch bit for bit.
public enum Seq2SeqEpochFile {
  /// `__metadata__["format"]` of an epoch file (not the char model's `rnnscope`: the two never mix).
  public static let formatName = "rnnscope-seq2seq"
  /// Metadata key of the run's settings (JSON).
  static let settingsKey = "rnnscope.seq2seq.settings"

  /// What an epoch file holds, read and checked.
  public struct Contents: Sendable {
    /// The model as it was after the epoch.
    public var model: Seq2SeqModel
    /// Its vocabularies.
    public var vocabulary: Seq2SeqVocabulary
    /// The run's settings.
    public var settings: Seq2SeqRunSettings
    /// Steps taken when the epoch ended.
    public var step: Int
    /// The file, for the trainer state.
    let file: SafeTensorsFile
  }

  /// Writes `trainer`'s state after epoch `epoch` to `url`, atomically.
  public static func write(
    _ trainer: Seq2SeqTrainer, settings: Seq2SeqRunSettings, epoch: Int, programVersion: String, to url: URL
  ) throws {
    var writer = try Seq2SeqCheckpoint.writer(trainer.model, vocabulary: trainer.task.vocabulary)
    writer.metadata[CheckpointFormat.Metadata.format] = formatName
    writer.metadata[CheckpointFormat.Metadata.epoch] = String(epoch)
    writer.metadata[CheckpointFormat.Metadata.programVersion] = programVersion
    writer.metadata[settingsKey] = try RecordingJSON.encode(settings)
    CheckpointFormat.addTrainingState(
      optimizer: trainer.optimizer, random: trainer.random, step: trainer.step, to: &writer)
    try writer.write(to: url)
  }

  /// Whether `file` is a seq2seq epoch file.
  public static func isEpochFile(_ file: SafeTensorsFile) -> Bool {
    file.metadata[CheckpointFormat.Metadata.format] == formatName
  }

  /// Reads and checks the file at `url`, which must be epoch `epoch`'s: the model with every tensor
  /// at its shape, usable settings, and a step count at which that epoch ends.
  public static func read(_ url: URL, epoch: Int) throws -> Contents {
    let file = try SafeTensorsFile(contentsOf: url)
    let fail = { (problem: String) in SafeTensorsError(file: file.fileName, problem: problem) }
    guard isEpochFile(file) else { throw fail("not an epoch of an encoder–decoder run (no __metadata__ format)") }
    // A renamed or copied file would replay and resume another epoch under this one's number.
    if let saved = file.metadata[CheckpointFormat.Metadata.epoch], saved != String(epoch) {
      throw fail("holds epoch \(saved), not epoch \(epoch) (renamed or copied?)")
    }
    guard let text = file.metadata[settingsKey] else { throw fail("no \"\(settingsKey)\" in __metadata__") }
    let settings = try RecordingJSON.decode(Seq2SeqRunSettings.self, from: Array(text.utf8)) {
      fail("__metadata__ \"\(settingsKey)\" is not valid: \($0)")
    }
    guard settings.isUsable else { throw fail("__metadata__ \"\(settingsKey)\" has a size out of range") }
    let (model, vocabulary) = try Seq2SeqCheckpoint.read(file, path: file.fileName)
    var optimizer = settings.makeOptimizer()
    let (_, step) = try CheckpointFormat.readTrainingState(
      from: file, into: &optimizer, parameterCount: model.parameters.count)
    guard settings.epoch(endingAt: step) == epoch else {
      throw fail(
        "holds step \(step), but epoch \(epoch) of \(settings.stepsPerEpoch) steps ends at step "
          + "\(settings.endStep(ofEpoch: epoch)) (a damaged file?)")
    }
    return Contents(model: model, vocabulary: vocabulary, settings: settings, step: step, file: file)
  }

  /// A trainer in exactly the state `contents` recorded, drawing from `task` (the run's, rebuilt).
  public static func restoreTrainer(_ contents: Contents, task: Seq2SeqTask) throws -> Seq2SeqTrainer {
    guard task.vocabulary == contents.vocabulary else {
      throw SafeTensorsError(
        file: contents.file.fileName, problem: "was trained on other symbols than the task's data now has")
    }
    let trainer = contents.settings.makeTrainer(model: contents.model, task: task)
    (trainer.random, trainer.step) = try CheckpointFormat.readTrainingState(
      from: contents.file, into: &trainer.optimizer, parameterCount: contents.model.parameters.count)
    return trainer
  }
}
