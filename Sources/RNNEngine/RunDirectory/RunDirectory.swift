import Foundation

/// A run directory opened for reading: its config, finished epochs, metrics and epoch summaries.
///
/// Opening never fails because of one bad file: a damaged checkpoint, a missing or garbled
/// `run.json` or a cut-off CSV line is left out and described in `notes` (one line each, naming the
/// file). Only a path that is not a directory, or a directory with nothing of a recording, throws.
public struct RunDirectory: Sendable {
  /// A finished epoch: its number and its (valid) checkpoint.
  public struct Epoch: Sendable, Equatable {
    /// Epoch number, from 1.
    public var number: Int
    /// The checkpoint file.
    public var checkpoint: URL
  }

  /// The directory.
  public let url: URL
  /// The contents of `run.json`, or nil when it is missing or unreadable.
  public let info: RunInfo?
  /// The training config: from `run.json`, else from the last valid checkpoint.
  public let config: TrainingConfig?
  /// Finished epochs in order: those whose checkpoint is present and valid.
  public let epochs: [Epoch]
  /// The readable rows of `metrics.csv`, in file order.
  public let metrics: [StepMetrics]
  /// The readable lines of `epochs.jsonl`, in file order.
  public let epochRecords: [EpochRecord]
  /// What was left out and why, one line each.
  public let notes: [String]

  /// Opens the recording at `url`.
  public init(_ url: URL) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw RecordingError(file: url.path, problem: "no such directory")
    }
    guard isDirectory.boolValue else { throw RecordingError(file: url.path, problem: "is a file, not a run directory") }
    if Seq2SeqRun.holdsRun(at: url) { throw Seq2SeqRun.otherKindError(url) }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: url.path)
    } catch {
      throw RecordingError(file: url.path, problem: "cannot list the directory (\(FileErrorText.describe(error)))")
    }
    var notes: [String] = []

    // Checkpoints: an epoch is finished when its file is a complete, consistent checkpoint.
    var epochs: [Epoch] = []
    var lastCheckpointConfig: (file: String, config: TrainingConfig)?
    let numbered = names.compactMap { name in RunFiles.epoch(ofCheckpoint: name).map { (name, $0) } }
    for (name, number) in numbered.sorted(by: { $0.1 < $1.1 }) {
      let checkpoint = url.appendingPathComponent(name)
      do {
        let config = try Self.validateCheckpoint(SafeTensorsFile(contentsOf: checkpoint), epoch: number)
        epochs.append(Epoch(number: number, checkpoint: checkpoint))
        lastCheckpointConfig = (name, config)
      } catch {
        notes.append("\(error); epoch \(number) is ignored")
      }
    }
    if names.contains(where: RunFiles.isAbandonedTemporary) {
      notes.append("temporary files of an interrupted write are present (ignored)")
    }

    // run.json, with the last checkpoint's config as the fallback.
    var info: RunInfo?
    if names.contains(RunFiles.info) {
      do {
        info = try Self.readInfo(
          RunInfo.self, at: url.appendingPathComponent(RunFiles.info), description: "run description")
      } catch {
        notes.append("\(error)")
      }
    } else {
      notes.append("\(RunFiles.info): missing")
    }
    if info == nil, let fallback = lastCheckpointConfig {
      notes.append("the training config is taken from \(fallback.file)")
    }

    let metrics = Self.readLines(
      url.appendingPathComponent(RunFiles.metrics), header: StepMetrics.header, notes: &notes
    ) {
      try StepMetrics(csvLine: $0)
    }
    let epochRecords = Self.readLines(url.appendingPathComponent(RunFiles.epochs), header: nil, notes: &notes) { line in
      try RecordingJSON.decode(EpochRecord.self, from: Array(line.utf8)) {
        RecordingError(file: RunFiles.epochs, problem: "not an epoch summary: \($0)")
      }
    }
    guard info != nil || !epochs.isEmpty || !metrics.isEmpty || !epochRecords.isEmpty else {
      let problems = notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"
      throw RecordingError(
        file: url.path, problem: "not a readable run directory: no run.json and no valid epoch checkpoint\(problems)")
    }
    self.url = url
    self.info = info
    self.config = info?.config ?? lastCheckpointConfig?.config
    self.epochs = epochs
    self.metrics = metrics
    self.epochRecords = epochRecords
    self.notes = notes
  }

  /// The checkpoint of finished epoch `epoch`, read and validated.
  public func checkpoint(epoch: Int) throws -> SafeTensorsFile {
    guard let found = epochs.first(where: { $0.number == epoch }) else {
      let finished = epochs.isEmpty ? "none" : epochs.map { String($0.number) }.joined(separator: ", ")
      throw RecordingError(file: url.path, problem: "epoch \(epoch) is not a finished epoch (finished: \(finished))")
    }
    return try SafeTensorsFile(contentsOf: found.checkpoint)
  }

  /// The model as it was after epoch `epoch`.
  public func model(epoch: Int) throws -> RecurrentModel {
    try RecurrentModel.load(from: checkpoint(epoch: epoch))
  }

  /// A trainer restored from the last finished epoch, ready to continue the run bit for bit, or a
  /// fresh one from `run.json` when the run was stopped before it wrote any checkpoint.
  ///
  /// The task is rebuilt from the checkpoint's config, reading its text file again, which must be the
  /// text `run.json` describes (size and hash) unless `allowingChangedText`; the epochs per text pass
  /// then stay the recorded ones. The epoch to continue after is the checkpoint's own (its name, its
  /// metadata and its step count agree). `epochs`, when given, replaces the number of epochs to train.
  public func resumeTrainer(epochs newEpochs: Int? = nil, allowingChangedText: Bool = false) throws -> Trainer {
    guard let last = epochs.last else {
      // Only a run stopped before any checkpoint was written starts again; a damaged one is not overwritten.
      let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
      guard var config = info?.config, !names.contains(where: { RunFiles.epoch(ofCheckpoint: $0) != nil }) else {
        throw noEpochsError
      }
      if let newEpochs { config.epochs = newEpochs }
      try validateForResuming(&config, allowingChangedText: allowingChangedText)
      return Trainer(config: config, task: try config.makeTask())
    }
    let file = try checkpoint(epoch: last.number)
    var config = try CheckpointFormat.trainingConfig(in: file)
    if let newEpochs { config.epochs = newEpochs }
    try validateForResuming(&config, allowingChangedText: allowingChangedText)
    let trainer = try Trainer(restoring: file, config: config, task: config.makeTask())
    // Multiplying cannot overflow: epoch numbers have at most nine digits and steps per epoch are bounded.
    let epochEnd = last.number * trainer.stepsPerEpoch
    guard trainer.step == epochEnd else {
      throw RecordingError(
        file: last.checkpoint.lastPathComponent,
        problem: "holds step \(trainer.step), but epoch \(last.number) of \(trainer.stepsPerEpoch) steps ends at step "
          + "\(epochEnd) (a damaged checkpoint, or a text of another size)")
    }
    return trainer
  }

  /// Checks a config about to be resumed: its sizes and memory, and its text against `run.json`'s
  /// record of it; with `allowingChangedText`, pins the steps per epoch to the recorded ones.
  private func validateForResuming(_ config: inout TrainingConfig, allowingChangedText: Bool) throws {
    try config.validateSizes()
    try config.validateMemory()
    guard let recorded = info?.text, let path = config.textPath else { return }
    if allowingChangedText {
      config.stepsPerEpoch = config.stepsPerEpoch ?? info?.stepsPerEpoch
      return
    }
    try recorded.requireUnchanged(at: path, what: "text", overrideFlag: "--allow-changed-text")
  }

  /// The error for a recording that has no finished epoch to load.
  var noEpochsError: RecordingError {
    let why = notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"
    return RecordingError(file: url.path, problem: "has no finished epoch\(why)")
  }

  // MARK: Reading

  /// Checks a checkpoint is rnnscope's, is the epoch its name says, and holds every tensor its model
  /// and trainer need; returns its training config.
  private static func validateCheckpoint(_ file: SafeTensorsFile, epoch: Int) throws -> TrainingConfig {
    let fail = { (problem: String) in SafeTensorsError(file: file.fileName, problem: problem) }
    guard CheckpointFormat.isCheckpoint(file) else { throw fail("not an rnnscope checkpoint (no __metadata__ format)") }
    // A renamed or copied checkpoint would replay and resume another epoch under this one's number.
    if let saved = file.metadata[CheckpointFormat.Metadata.epoch], saved != String(epoch) {
      throw fail("holds epoch \(saved), not epoch \(epoch) (renamed or copied?)")
    }
    let (model, config) = try CheckpointFormat.validatedConfigs(in: file)
    for entry in ParameterLayout(config: model).entries {
      guard let found = file.entry(named: entry.name) else { throw fail("no tensor \"\(entry.name)\"") }
      guard found.shape == entry.shape else {
        throw fail("tensor \"\(entry.name)\" has shape \(found.shape); the model needs \(entry.shape)")
      }
    }
    let trainerTensors = [CheckpointFormat.Tensor.randomState, CheckpointFormat.Tensor.step]
    if let missing = trainerTensors.first(where: { file.entry(named: $0) == nil }) {
      throw fail("no tensor \"\(missing)\"")
    }
    return config
  }

  /// Reads and decodes a `run.json`; errors name the file and call its content `description`.
  static func readInfo<Info: Decodable>(_ type: Info.Type, at url: URL, description: String) throws -> Info {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw RecordingError(file: RunFiles.info, problem: "cannot read (\(FileErrorText.describe(error)))")
    }
    return try RecordingJSON.decode(type, from: data) {
      RecordingError(file: RunFiles.info, problem: "not a valid \(description): \($0)")
    }
  }

  /// Parses every line of a text file with `parse`, noting and skipping bad lines; a missing
  /// file is noted and gives no rows. A last line without its newline was cut off by a kill.
  static func readLines<Row>(
    _ url: URL, header: String?, notes: inout [String], parse: (Substring) throws -> Row
  ) -> [Row] {
    let name = url.lastPathComponent
    guard let data = FileManager.default.contents(atPath: url.path) else {
      notes.append("\(name): missing")
      return []
    }
    let text = String(decoding: data, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" {
      lines.removeLast()
    } else if !lines.isEmpty {
      lines.removeLast()
      notes.append("\(name): the last line is cut off (an interrupted write); it is ignored")
    }
    var rows: [Row] = []
    for (index, line) in lines.enumerated() {
      if index == 0, let header {
        if line != header { notes.append("\(name): line 1 is not the header \"\(header)\"") }
        continue
      }
      do {
        rows.append(try parse(line))
      } catch {
        notes.append("\(name) line \(index + 1): \(problem(of: error)); it is ignored")
      }
    }
    return rows
  }

  /// The reason of a recording error without its file name (the caller names the line).
  private static func problem(of error: Error) -> String {
    (error as? RecordingError)?.problem ?? "\(error)"
  }
}
