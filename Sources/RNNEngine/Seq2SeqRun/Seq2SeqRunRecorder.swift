import Foundation

/// Records an encoder–decoder run into a run directory (the layout `Seq2SeqRun` reads), with the
/// char model's guarantees (`RunRecorder`): one writer per directory (`RunDirectoryLock`), step rows
/// appended and synced at each epoch end, then the epoch's record, then its file written atomically
/// last; so a kill at any moment loses at most the unfinished epoch. Epoch files are kept while they
/// fit `CheckpointRetention`'s budget, then thinned; every epoch's record stays.
public final class Seq2SeqRunRecorder {
  /// The run directory.
  public let directory: URL
  /// The program version written into `run.json` and every epoch file.
  public let programVersion: String
  /// The settings the run trains with.
  public let settings: Seq2SeqRunSettings
  /// Which epoch files stay on disk as the run goes on.
  public private(set) var retention: CheckpointRetention
  /// Whether `retention` follows the size of the first epoch file written (none was given).
  private let fitsRetentionToBudget: Bool
  private let metrics: FileHandle
  private let epochRecords: FileHandle
  /// Epochs whose files are on disk, oldest first.
  private var keptEpochs: [Int]
  private var lastStepEnd = Date()

  /// Starts recording `trainer` (not yet trained) into `directory`, which is created if needed,
  /// locked, and must not hold a recording already.
  public init(
    directory: URL, trainer: Seq2SeqTrainer, settings: Seq2SeqRunSettings, programVersion: String,
    retention: CheckpointRetention? = nil
  ) throws {
    try RunRecorder.prepareNewRecording(in: directory)
    if FileManager.default.fileExists(atPath: directory.appendingPathComponent(Seq2SeqRun.legacyWeightsFileName).path) {
      throw RecordingError(
        file: directory.path,
        problem: "holds \(Seq2SeqRun.legacyWeightsFileName) of an earlier run; choose another --out")
    }
    self.directory = directory
    self.programVersion = programVersion
    self.settings = settings
    self.retention = retention ?? CheckpointRetention()
    self.fitsRetentionToBudget = retention == nil
    self.keptEpochs = []
    // run.json first: a kill right after it still leaves a directory `Seq2SeqRun` opens.
    try RunRecorder.writeInfo(
      Seq2SeqRunInfo(trainer: trainer, settings: settings, programVersion: programVersion), to: directory)
    try RunRecorder.writeMetrics([], to: directory)
    metrics = try RunRecorder.openForAppending(directory.appendingPathComponent(RunFiles.metrics))
    try RunRecorder.writeEpochRecords([Seq2SeqEpochRecord](), to: directory)
    epochRecords = try RunRecorder.openForAppending(directory.appendingPathComponent(RunFiles.epochs))
  }

  /// Continues the recording `run` with `trainer` and `settings` from `Seq2SeqRun.resumeTrainer`.
  ///
  /// Rows and records after the trainer's step are dropped (an unfinished epoch's), leftovers of
  /// interrupted writes removed, and `run.json` rewritten with the (possibly extended) settings.
  public init(
    continuing run: Seq2SeqRun, trainer: Seq2SeqTrainer, settings: Seq2SeqRunSettings, programVersion: String,
    retention: CheckpointRetention? = nil
  ) throws {
    let directory = run.url
    let finishedEpoch = run.epochs.last { $0.step == trainer.step }?.number ?? 0
    try RunRecorder.prepareContinuing(in: directory, after: finishedEpoch)
    try RunRecorder.writeMetrics(run.steps.filter { $0.step <= trainer.step }, to: directory)
    var info = Seq2SeqRunInfo(trainer: trainer, settings: settings, programVersion: programVersion)
    if let created = run.info?.created { info.created = created }
    if let recorded = run.info?.pairs, info.pairs == nil { info.pairs = recorded }
    try RunRecorder.writeInfo(info, to: directory)
    self.directory = directory
    self.programVersion = programVersion
    self.settings = settings
    self.retention = retention ?? CheckpointRetention()
    self.fitsRetentionToBudget = retention == nil
    self.keptEpochs = run.epochs.map(\.number).filter { $0 <= finishedEpoch }
    try RunRecorder.writeEpochRecords(run.records.filter { $0.epoch <= finishedEpoch }, to: directory)
    metrics = try RunRecorder.openForAppending(directory.appendingPathComponent(RunFiles.metrics))
    epochRecords = try RunRecorder.openForAppending(directory.appendingPathComponent(RunFiles.epochs))
  }

  deinit {
    try? metrics.close()
    try? epochRecords.close()
  }

  /// Appends the row of the step `trainer` just took.
  public func recordStep(_ result: Seq2SeqTrainer.StepResult, of trainer: Seq2SeqTrainer) throws {
    let now = Date()
    let seconds = now.timeIntervalSince(lastStepEnd)
    let row = StepMetrics(
      step: trainer.step, epoch: (trainer.step - 1) / settings.stepsPerEpoch + 1, loss: Float(result.loss),
      gradientNorm: result.gradientNorm, clipped: settings.clip.map { result.gradientNorm > $0 } ?? false,
      learningRate: trainer.optimizer.learningRate,
      tokensPerSecond: seconds > 0 ? Double(result.tokens) / seconds : 0)
    try RunRecorder.append(row.csvLine + "\n", to: metrics, name: RunFiles.metrics)
    lastStepEnd = now
  }

  /// Makes the epoch `record` describes durable: syncs its rows, adds its record, then writes its file.
  public func finishEpoch(_ record: Seq2SeqEpochRecord, of trainer: Seq2SeqTrainer) throws {
    try RunRecorder.synchronize(metrics, name: RunFiles.metrics)
    try RunRecorder.append(try RecordingJSON.encode(record) + "\n", to: epochRecords, name: RunFiles.epochs)
    try RunRecorder.synchronize(epochRecords, name: RunFiles.epochs)
    let file = directory.appendingPathComponent(RunFiles.checkpoint(epoch: record.epoch))
    try Seq2SeqEpochFile.write(
      trainer, settings: settings, epoch: record.epoch, programVersion: programVersion, to: file)
    if fitsRetentionToBudget, let size = try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize {
      retention = CheckpointRetention(budgetBytes: CheckpointRetention.defaultBudgetBytes, checkpointBytes: size)
    }
    keptEpochs.append(record.epoch)
    try RunRecorder.thin(&keptEpochs, in: directory, retention: retention, latest: record.epoch)
    lastStepEnd = Date()
  }
}
