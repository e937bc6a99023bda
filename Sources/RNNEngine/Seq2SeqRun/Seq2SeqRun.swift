import Foundation

/// An encoder–decoder run directory opened for reading: the model's shape and vocabularies, the
/// settings it trained with, its epochs (any of which reopens as a model), the per-epoch held-out
/// figures and the per-step metrics. What `replay`, `inspect`, `translate --run` and `--resume` read.
///
/// The layout is the char model's (`RunFiles`): `run.json` (a `Seq2SeqRunInfo`, `"kind": "seq2seq"`),
/// `metrics.csv` (`StepMetrics` rows), `epochs.jsonl` (`Seq2SeqEpochRecord` lines) and
/// `epoch-NNNN.safetensors` (`Seq2SeqEpochFile`), thinned by `CheckpointRetention` on long runs.
/// An out-directory of an older rnnscope, holding only `model.safetensors`, opens as a run of one
/// model with no history.
///
/// As with `RunDirectory`, one bad file never stops the opening: a damaged epoch file, `run.json` or
/// line is left out and described in `notes`.
public struct Seq2SeqRun: Sendable {
  /// An epoch that can be reopened.
  public struct Epoch: Sendable, Equatable {
    /// Epoch number, from 1.
    public var number: Int
    /// Steps taken when it ended (nil for an older out-directory's one model).
    public var step: Int?
    /// Its file.
    public var file: URL
  }

  /// The one file an older rnnscope's `train --task … --out DIR` wrote.
  public static let legacyWeightsFileName = "model.safetensors"

  /// The directory.
  public let url: URL
  /// `run.json`, or nil when it is missing or unreadable (and in older out-directories).
  public let info: Seq2SeqRunInfo?
  /// The model's shape.
  public let config: Seq2SeqConfig
  /// Source and target symbols.
  public let vocabulary: Seq2SeqVocabulary
  /// What the run trains with (nil in an older out-directory).
  public let settings: Seq2SeqRunSettings?
  /// The epochs that reopen, in order.
  public let epochs: [Epoch]
  /// The readable lines of `epochs.jsonl`, in file order (every epoch's, also the thinned-out ones').
  public let records: [Seq2SeqEpochRecord]
  /// The readable rows of `metrics.csv`, one per step.
  public let steps: [StepMetrics]
  /// What was left out and why, one line each.
  public let notes: [String]

  /// Whether this is an older out-directory holding only `model.safetensors`.
  public var isLegacy: Bool { settings == nil }

  /// Opens the seq2seq run at `url` (also `Seq2SeqRun.open(url)`), or throws one line naming the
  /// directory and the problem: not a directory, a char model's recording, nothing readable.
  public init(_ url: URL) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw RecordingError(file: url.path, problem: "no such directory")
    }
    guard isDirectory.boolValue else { throw RecordingError(file: url.path, problem: "is a file, not a run directory") }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: url.path)
    } catch {
      throw RecordingError(file: url.path, problem: "cannot list the directory (\(FileErrorText.describe(error)))")
    }
    var notes: [String] = []

    var info: Seq2SeqRunInfo?
    if names.contains(RunFiles.info) {
      if Self.kind(ofInfoIn: url) == .char {
        throw RecordingError(
          file: url.path, problem: "is a recording of a recurrent model, not of an encoder–decoder (seq2seq) run")
      }
      do {
        let read = try RunDirectory.readInfo(
          Seq2SeqRunInfo.self, at: url.appendingPathComponent(RunFiles.info),
          description: "encoder–decoder run description")
        guard read.model.isWithinLimits, read.settings.isUsable else {
          throw RecordingError(file: RunFiles.info, problem: "holds a model shape or setting out of range")
        }
        info = read
      } catch {
        notes.append("\(error)")
      }
    }

    // Epoch files: an epoch is finished when its file is complete and agrees with run.json.
    var epochs: [Epoch] = []
    var last: Seq2SeqEpochFile.Contents?
    let numbered = names.compactMap { name in RunFiles.epoch(ofCheckpoint: name).map { (name, $0) } }
    for (name, number) in numbered.sorted(by: { $0.1 < $1.1 }) {
      let file = url.appendingPathComponent(name)
      do {
        let contents = try Seq2SeqEpochFile.read(file, epoch: number)
        if let info, contents.model.config != info.model || contents.vocabulary != info.vocabulary {
          throw RecordingError(file: name, problem: "holds another model or vocabulary than run.json describes")
        }
        epochs.append(Epoch(number: number, step: contents.step, file: file))
        last = contents
      } catch {
        notes.append("\(error); epoch \(number) is ignored")
      }
    }
    if names.contains(where: RunFiles.isAbandonedTemporary) {
      notes.append("temporary files of an interrupted write are present (ignored)")
    }

    if info == nil, last == nil, numbered.isEmpty, names.contains(Self.legacyWeightsFileName) {
      // An older out-directory: one model, no settings, no history.
      let file = url.appendingPathComponent(Self.legacyWeightsFileName)
      let (model, vocabulary) = try Seq2SeqCheckpoint.read(file)
      self.url = url
      self.info = nil
      self.config = model.config
      self.vocabulary = vocabulary
      self.settings = nil
      self.epochs = [Epoch(number: 1, step: nil, file: file)]
      self.records = []
      self.steps = []
      self.notes = ["\(Self.legacyWeightsFileName) only (an older rnnscope's --out): one model, no epochs recorded"]
      return
    }
    guard let config = info?.model ?? last?.model.config, let vocabulary = info?.vocabulary ?? last?.vocabulary,
      let settings = info?.settings ?? last?.settings
    else {
      let problems = notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"
      throw RecordingError(
        file: url.path,
        problem: "not a readable encoder–decoder run: no run.json and no valid epoch file\(problems)")
    }
    if info == nil, let number = epochs.last?.number {
      notes.append("the run's settings are taken from epoch \(number)'s file")
    }

    self.url = url
    self.info = info
    self.config = config
    self.vocabulary = vocabulary
    self.settings = settings
    self.epochs = epochs
    self.steps = RunDirectory.readLines(
      url.appendingPathComponent(RunFiles.metrics), header: StepMetrics.header, notes: &notes
    ) { try StepMetrics(csvLine: $0) }
    self.records = RunDirectory.readLines(url.appendingPathComponent(RunFiles.epochs), header: nil, notes: &notes) {
      line in
      try RecordingJSON.decode(Seq2SeqEpochRecord.self, from: Array(line.utf8)) {
        RecordingError(file: RunFiles.epochs, problem: "not an epoch summary: \($0)")
      }
    }
    self.notes = notes
  }

  /// Opens the seq2seq run at `url`; see `init(_:)`.
  public static func open(_ url: URL) throws -> Seq2SeqRun { try Seq2SeqRun(url) }

  /// The model as it was after epoch `epoch`, read and checked again.
  public func model(atEpoch epoch: Int) throws -> Seq2SeqModel {
    guard let found = epochs.first(where: { $0.number == epoch }) else {
      let kept = epochs.map { String($0.number) }.joined(separator: ", ")
      throw RecordingError(file: url.path, problem: "epoch \(epoch) is not a kept epoch (kept: \(kept))")
    }
    if isLegacy { return try Seq2SeqCheckpoint.read(found.file).model }
    return try Seq2SeqEpochFile.read(found.file, epoch: epoch).model
  }

  /// The held-out figures and probe recorded after epoch `epoch` (also for epochs whose file was thinned out).
  public func record(atEpoch epoch: Int) -> Seq2SeqEpochRecord? {
    records.last { $0.epoch == epoch }
  }

  /// The run's task, rebuilt from its settings (reading its pairs file again).
  public func task() throws -> Seq2SeqTask {
    guard let settings else { throw legacyError("has no task") }
    return try settings.makeTask()
  }

  /// The error for what an older out-directory cannot do.
  func legacyError(_ what: String) -> RecordingError {
    RecordingError(
      file: url.path,
      problem: "holds only \(Self.legacyWeightsFileName) (written by an older rnnscope) and \(what); "
        + "train again with --out to record a run")
  }

  // MARK: Telling runs apart

  /// The error of a command for the char model's recordings given an encoder–decoder run.
  public static func otherKindError(_ url: URL) -> RecordingError {
    RecordingError(
      file: url.path,
      problem: "is an encoder–decoder (seq2seq) run; open it with rnnscope replay, inspect, translate --run, "
        + "eval --run … --pairs, snapshot --view attention --run or train --resume")
  }

  /// What kind of recording a directory's `run.json` says it holds.
  enum InfoKind { case seq2seq, char, unreadable }

  /// Whether the directory at `url` holds an encoder–decoder run (rather than a char model's
  /// recording): its `run.json` says so; or, with no readable `run.json`, its epoch files are
  /// seq2seq ones or it holds only an older rnnscope's `model.safetensors`.
  public static func holdsRun(at url: URL) -> Bool {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    if names.contains(RunFiles.info) {
      switch kind(ofInfoIn: url) {
      case .seq2seq: return true
      case .char: return false
      case .unreadable: break
      }
    }
    let epochFiles = names.filter { RunFiles.epoch(ofCheckpoint: $0) != nil }.sorted()
    if epochFiles.isEmpty { return names.contains(legacyWeightsFileName) }
    return epochFiles.contains { name in
      (try? SafeTensorsFile(contentsOf: url.appendingPathComponent(name))).map(Seq2SeqEpochFile.isEpochFile) ?? false
    }
  }

  /// The kind `run.json` in `directory` declares: `seq2seq` by its `kind`, a char model's by its `config`.
  static func kind(ofInfoIn directory: URL) -> InfoKind {
    struct Declared: Decodable {
      var kind: String?
      var config: TrainingConfig?
    }
    guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(RunFiles.info).path),
      let declared = try? RecordingJSON.decode(
        Declared.self, from: data, fail: { _ in RecordingError(file: "", problem: "") })
    else { return .unreadable }
    if declared.kind == Seq2SeqRunInfo.kindName { return .seq2seq }
    return declared.kind == nil && declared.config != nil ? .char : .unreadable
  }
}
