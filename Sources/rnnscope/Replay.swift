import Foundation
import RNNEngine

/// What `rnnscope replay PATH` (and `snapshot --run PATH`) opens: a run directory's epochs (of a
/// recurrent model or an encoder–decoder), or one model file.
enum Replay {
  /// Opens `path` on `epoch` (default: the last finished one), or throws a one-line error.
  ///
  /// A run directory or an rnnscope checkpoint brings its own task and model, so `training` must be
  /// left at its defaults; a model from elsewhere (a PyTorch `state_dict`) is shown on `training`'s task,
  /// over `vocabulary`'s symbols when one is given.
  static func open(_ path: String, epoch: Int?, training: TrainingOptions, vocabulary: ImportVocabulary?) throws
    -> any ReplaySource
  {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw ValidationFailure("\(path): no such file or directory")
    }
    if isDirectory.boolValue {
      try requireDefaults(training, vocabulary: vocabulary, path: path, what: "a recording")
      if Seq2SeqRun.holdsRun(at: url) {
        let run = try Seq2SeqRun.open(url)
        for note in run.notes { printError("rnnscope: note: \(note)") }
        return try Seq2SeqRecordedRun(run: run, epoch: epoch)
      }
      let run = try RunDirectory(url)
      for note in run.notes { printError("rnnscope: note: \(note)") }
      return try RecordedRun(run: run, epoch: epoch)
    }
    let file = try SafeTensorsFile(contentsOf: url)
    let source: SingleModel
    if CheckpointFormat.isCheckpoint(file) {
      try requireDefaults(training, vocabulary: vocabulary, path: path, what: "an rnnscope checkpoint")
      source = SingleModel(file: url, trainer: try Trainer(restoringRunOf: file), imported: false)
    } else {
      let model = try RecurrentModel.load(from: file)
      try TrainingOptions.require(vocabulary, fits: model, name: path)
      let task = try training.makeTask(vocabulary: vocabulary)
      let trainer = Trainer(config: try training.config(adopting: model, for: task, name: path), task: task)
      trainer.model.parameters = model.parameters
      source = SingleModel(file: url, trainer: trainer, imported: true)
    }
    if let epoch, epoch != source.epoch {
      throw ValidationFailure("\(path) holds one model (epoch \(source.epoch)); --epoch \(epoch) is not in it")
    }
    return source
  }

  /// Throws unless `training` is all defaults: the recording at `path` brings its own task and model.
  private static func requireDefaults(
    _ training: TrainingOptions, vocabulary: ImportVocabulary?, path: String, what: String
  ) throws {
    guard training.leavesDefaults, vocabulary == nil else {
      throw ValidationFailure(
        "\(path) is \(what): it replays with its own task and model; leave out the training flags (--task, --cell, --hidden, --vocab, …)"
      )
    }
  }
}
