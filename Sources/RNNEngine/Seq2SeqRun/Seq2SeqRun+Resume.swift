import Foundation

extension Seq2SeqRun {
  /// A trainer restored from the last kept epoch, ready to continue the run bit for bit (the same
  /// batches and updates as a run never stopped), with the settings it continues under; or a fresh
  /// one from `run.json` when the run stopped before its first epoch ended.
  ///
  /// `steps`, when given, replaces the steps in all (to extend a run). The task is rebuilt from the
  /// settings; a pairs file must be the one `run.json` describes (size and hash) unless
  /// `allowingChangedPairs`.
  public func resumeTrainer(steps newSteps: Int? = nil, allowingChangedPairs: Bool = false) throws
    -> (trainer: Seq2SeqTrainer, settings: Seq2SeqRunSettings)
  {
    guard var settings else { throw legacyError("no optimizer state to continue from") }
    let contents = try epochs.last.map { try Seq2SeqEpochFile.read($0.file, epoch: $0.number) }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    if contents == nil, names.contains(where: { RunFiles.epoch(ofCheckpoint: $0) != nil }) {
      // Only a run stopped before its first epoch starts again; a damaged one is not overwritten.
      throw RecordingError(file: url.path, problem: "has no usable epoch (\(notes.joined(separator: "; ")))")
    }
    if let contents { settings = contents.settings }
    if let newSteps {
      let taken = contents?.step ?? 0
      guard newSteps >= taken else {
        throw RecordingError(file: url.path, problem: "has taken \(taken) steps already; --steps \(newSteps) is fewer")
      }
      settings.steps = newSteps
    }
    if let recorded = info?.pairs, let path = settings.pairsPath, !allowingChangedPairs {
      try recorded.requireUnchanged(at: path, what: "pairs file", overrideFlag: "--allow-changed-text")
    }
    let task = try settings.makeTask()
    guard task.vocabulary == vocabulary else {
      throw RecordingError(
        file: settings.pairsPath ?? url.path, problem: "now has other symbols than the run was trained on")
    }
    guard let contents else {
      let model = Seq2SeqModel(config: config, seed: settings.seed)
      return (settings.makeTrainer(model: model, task: task), settings)
    }
    var restored = contents
    restored.settings = settings
    return (try Seq2SeqEpochFile.restoreTrainer(restored, task: task), settings)
  }
}
