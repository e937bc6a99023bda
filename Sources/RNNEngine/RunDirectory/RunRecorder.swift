import Foundation

/// Records a training run into a run directory (see `RunFiles` for the layout).
///
/// Call `recordStep` after every step and `finishEpoch` when `TrainingLog` returns an epoch summary.
/// Crash safety: step rows are appended to `metrics.csv` as they come and synced at each epoch end;
/// then the epoch's summary is appended to `epochs.jsonl` and synced, and finally the epoch's
/// checkpoint is written atomically. So whenever a
/// checkpoint exists, its epoch's rows and summary are on disk too, and a kill at any moment leaves
/// at worst a cut-off last CSV line of an unfinished epoch, which `RunDirectory` skips. Long runs
/// keep a thinned set of older checkpoints (see `CheckpointRetention`); every epoch's row and
/// summary stay.
public final class RunRecorder {
  /// The run directory.
  public let directory: URL
  /// The program version written into `run.json` and every checkpoint.
  public let programVersion: String
  /// Which epoch checkpoints stay on disk as the run goes on.
  public private(set) var retention: CheckpointRetention
  /// Whether `retention` follows the size of the first checkpoint written (none was given).
  private let fitsRetentionToBudget: Bool
  private let metrics: FileHandle
  /// `epochs.jsonl`, appended to (rewriting it each epoch would cost quadratic time over a long run).
  private let epochSummaries: FileHandle
  /// Epochs whose checkpoints are on disk, oldest first.
  private var checkpointEpochs: [Int]
  private var lastStepEnd = Date()

  /// Starts recording `trainer` (not yet trained) into `directory`, which is created if needed, locked
  /// against other writers (`RunDirectoryLock`) and must not hold a recording already.
  public init(
    directory: URL, trainer: Trainer, programVersion: String, retention: CheckpointRetention? = nil
  ) throws {
    try Self.prepareNewRecording(in: directory)
    self.directory = directory
    self.programVersion = programVersion
    self.retention = retention ?? CheckpointRetention()
    self.fitsRetentionToBudget = retention == nil
    self.checkpointEpochs = []
    // run.json first: a kill right after it still leaves a directory `RunDirectory` opens.
    try Self.writeInfo(RunInfo(trainer: trainer, programVersion: programVersion), to: directory)
    try Self.writeMetrics([], to: directory)
    self.metrics = try Self.openForAppending(directory.appendingPathComponent(RunFiles.metrics))
    try Self.writeEpochRecords([EpochRecord](), to: directory)
    self.epochSummaries = try Self.openForAppending(directory.appendingPathComponent(RunFiles.epochs))
  }

  /// Continues the recording `run` with `trainer`, restored from `run`'s last finished epoch.
  ///
  /// Rows and summaries of the unfinished epoch after it are dropped, leftovers of interrupted
  /// writes removed, and `run.json` rewritten with the trainer's (possibly extended) config.
  public init(
    continuing run: RunDirectory, trainer: Trainer, programVersion: String,
    retention: CheckpointRetention? = nil
  ) throws {
    let directory = run.url
    let finishedEpoch = trainer.step / trainer.stepsPerEpoch
    try Self.prepareContinuing(in: directory, after: finishedEpoch)
    try Self.writeMetrics(run.metrics.filter { $0.step <= trainer.step }, to: directory)
    var info = RunInfo(trainer: trainer, programVersion: programVersion)
    if let created = run.info?.created { info.created = created }
    try Self.writeInfo(info, to: directory)
    self.directory = directory
    self.programVersion = programVersion
    self.retention = retention ?? CheckpointRetention()
    self.fitsRetentionToBudget = retention == nil
    self.checkpointEpochs = run.epochs.map(\.number).filter { $0 <= finishedEpoch }
    try Self.writeEpochRecords(run.epochRecords.filter { $0.epoch <= finishedEpoch }, to: directory)
    self.metrics = try Self.openForAppending(directory.appendingPathComponent(RunFiles.metrics))
    self.epochSummaries = try Self.openForAppending(directory.appendingPathComponent(RunFiles.epochs))
  }

  deinit {
    try? metrics.close()
    try? epochSummaries.close()
  }

  /// Appends the row of the step `trainer` just took.
  public func recordStep(_ stats: StepStats, tokens: Int, of trainer: Trainer) throws {
    let now = Date()
    let seconds = now.timeIntervalSince(lastStepEnd)
    let row = StepMetrics(
      step: trainer.step, epoch: (trainer.step - 1) / trainer.stepsPerEpoch + 1, loss: stats.loss,
      gradientNorm: stats.gradNormBeforeClip, clipped: stats.clipped, learningRate: trainer.learningRate,
      tokensPerSecond: seconds > 0 ? Double(tokens) / seconds : 0)
    try Self.append(row.csvLine + "\n", to: metrics, name: RunFiles.metrics)
    lastStepEnd = now
  }

  /// Makes the epoch `summary` describes durable: syncs its rows, adds its summary, then writes its checkpoint.
  public func finishEpoch(_ summary: EpochSummary, of trainer: Trainer) throws {
    try Self.synchronize(metrics, name: RunFiles.metrics)
    try Self.append(try RecordingJSON.encode(EpochRecord(summary)) + "\n", to: epochSummaries, name: RunFiles.epochs)
    try Self.synchronize(epochSummaries, name: RunFiles.epochs)
    let checkpoint = try trainer.checkpoint(metadata: [
      CheckpointFormat.Metadata.epoch: String(summary.epoch),
      CheckpointFormat.Metadata.programVersion: programVersion,
    ])
    let file = directory.appendingPathComponent(RunFiles.checkpoint(epoch: summary.epoch))
    try checkpoint.write(to: file)
    if fitsRetentionToBudget, let size = try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize {
      retention = CheckpointRetention(budgetBytes: CheckpointRetention.defaultBudgetBytes, checkpointBytes: size)
    }
    checkpointEpochs.append(summary.epoch)
    try thinCheckpoints(latest: summary.epoch)
    lastStepEnd = Date()
  }

  /// Deletes the checkpoints `retention` no longer keeps, once the latest one is safely written.
  private func thinCheckpoints(latest: Int) throws {
    try Self.thin(&checkpointEpochs, in: directory, retention: retention, latest: latest)
  }

  /// Deletes from `directory` the checkpoints of `checkpointEpochs` that `retention` no longer keeps
  /// once epoch `latest` is written, and takes them out of the list.
  static func thin(
    _ checkpointEpochs: inout [Int], in directory: URL, retention: CheckpointRetention, latest: Int
  ) throws {
    for epoch in checkpointEpochs where !retention.keeps(epoch: epoch, latest: latest) {
      let name = RunFiles.checkpoint(epoch: epoch)
      do {
        try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
      } catch {
        throw RecordingError(
          file: name, problem: "cannot remove a thinned-out checkpoint (\(FileErrorText.describe(error)))")
      }
    }
    checkpointEpochs.removeAll { !retention.keeps(epoch: $0, latest: latest) }
  }

  /// Creates and locks `directory` for a new recording: refused when it holds one already; leftovers
  /// of interrupted writes are removed.
  static func prepareNewRecording(in directory: URL) throws {
    let manager = FileManager.default
    try createDirectory(directory)
    _ = try RunDirectoryLock.acquire(directory)
    if manager.fileExists(atPath: directory.appendingPathComponent(RunFiles.info).path)
      || (try? manager.contentsOfDirectory(atPath: directory.path))?.contains(where: {
        RunFiles.epoch(ofCheckpoint: $0) != nil
      }) == true
    {
      throw RecordingError(
        file: directory.path, problem: "already holds a recording (continue it with --resume, or choose another --out)")
    }
    try removeAbandonedTemporaries(in: directory)
  }

  /// Locks `directory` to continue its recording after epoch `finishedEpoch`: removes leftovers of
  /// interrupted writes and checkpoints of later epochs (an unfinished continuation's).
  static func prepareContinuing(in directory: URL, after finishedEpoch: Int) throws {
    _ = try RunDirectoryLock.acquire(directory)
    let manager = FileManager.default
    for name in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] {
      let stale =
        RunFiles.isAbandonedTemporary(name) || (RunFiles.epoch(ofCheckpoint: name).map { $0 > finishedEpoch } ?? false)
      if stale { try manager.removeItem(at: directory.appendingPathComponent(name)) }
    }
  }

  /// `runs/<yyyyMMdd-HHmmss>-<task>-<cell>` under `root`, with `-2`, `-3`… if that name is taken.
  public static func defaultDirectory(for config: TrainingConfig, under root: URL, date: Date = Date()) -> URL {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    let base = "\(formatter.string(from: date))-\(config.task.kind.rawValue)-\(config.cell.rawValue)"
    var candidate = root.appendingPathComponent(base)
    var suffix = 2
    while FileManager.default.fileExists(atPath: candidate.path) {
      candidate = root.appendingPathComponent("\(base)-\(suffix)")
      suffix += 1
    }
    return candidate
  }

  static func append(_ text: String, to file: FileHandle, name: String) throws {
    do {
      try file.write(contentsOf: Data(text.utf8))
    } catch {
      throw RecordingError(file: name, problem: "cannot append (\(FileErrorText.describe(error)))")
    }
  }

  static func synchronize(_ file: FileHandle, name: String) throws {
    do {
      try file.synchronize()
    } catch {
      throw RecordingError(file: name, problem: "cannot sync (\(FileErrorText.describe(error)))")
    }
  }

  private static func createDirectory(_ directory: URL) throws {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw RecordingError(
        file: directory.path, problem: "cannot create the run directory (\(FileErrorText.describe(error)))")
    }
  }

  /// Deletes the temporary files of writers that died mid-write (the lock shows none is alive).
  private static func removeAbandonedTemporaries(in directory: URL) throws {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    where RunFiles.isAbandonedTemporary(name) {
      do {
        try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
      } catch {
        throw RecordingError(
          file: name,
          problem: "cannot remove a temporary file of an interrupted write (\(FileErrorText.describe(error)))")
      }
    }
  }

  static func openForAppending(_ url: URL) throws -> FileHandle {
    do {
      let handle = try FileHandle(forWritingTo: url)
      try handle.seekToEnd()
      return handle
    } catch {
      throw RecordingError(
        file: url.lastPathComponent, problem: "cannot open for appending (\(FileErrorText.describe(error)))")
    }
  }

  static func writeInfo(_ info: some Encodable, to directory: URL) throws {
    try AtomicFile.write(
      Data((try RecordingJSON.encode(info) + "\n").utf8), to: directory.appendingPathComponent(RunFiles.info))
  }

  /// Rewrites `metrics.csv` with its header and `rows`.
  static func writeMetrics(_ rows: [StepMetrics], to directory: URL) throws {
    try AtomicFile.write(
      Data(([StepMetrics.header] + rows.map(\.csvLine)).map { $0 + "\n" }.joined().utf8),
      to: directory.appendingPathComponent(RunFiles.metrics))
  }

  static func writeEpochRecords(_ records: [some Encodable], to directory: URL) throws {
    let lines = try records.map { try RecordingJSON.encode($0) + "\n" }
    try AtomicFile.write(Data(lines.joined().utf8), to: directory.appendingPathComponent(RunFiles.epochs))
  }
}
