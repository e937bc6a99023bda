import ArgumentParser
import Foundation
import RNNEngine

/// Where `translate` and `eval --pairs` find an encoder–decoder: a training run or a weights file.
struct Seq2SeqModelOptions: ParsableArguments {
  @Option(help: "A run directory written by 'rnnscope train --task … --out DIR' (its last epoch, or --epoch N).")
  var run: String?

  @Option(help: "With --run: the epoch to open (default: the last one kept).") var epoch: Int?

  @Option(help: "A safetensors file with the reference's names (rnnscope's own, or a PyTorch state dict).")
  var weights: String?

  @Option(help: #"Vocabulary JSON {"source": [...], "target": [...]} for a file that carries none."#)
  var vocab: String?

  @Option(help: "Attention of a PyTorch file without rnnscope's metadata (none and dot have the same tensors).")
  var attention: AttentionKind?

  func validate() throws {
    guard (run == nil) != (weights == nil) else {
      throw ValidationError("give exactly one of --run DIR and --weights FILE")
    }
    if epoch != nil, run == nil { throw ValidationError("--epoch N goes with --run DIR") }
  }

  /// Loads the model and its vocabularies (and the run, for --run), or throws one line naming the
  /// file and the problem.
  func load() throws -> (model: Seq2SeqModel, vocabulary: Seq2SeqVocabulary, run: Seq2SeqRun?) {
    let vocabulary = try vocab.map { try Seq2SeqVocabulary.load(from: URL(fileURLWithPath: $0)) }
    guard let run else {
      let (model, stored) = try Seq2SeqCheckpoint.read(
        URL(fileURLWithPath: weights!), vocabulary: vocabulary, attention: attention)
      return (model, stored, nil)
    }
    let recorded = try Seq2SeqRun.open(URL(fileURLWithPath: run))
    for note in recorded.notes { printError("rnnscope: note: \(note)") }
    guard let number = epoch ?? recorded.epochs.last?.number else {
      throw RecordingError(file: run, problem: "has no finished epoch yet")
    }
    let model = try recorded.model(atEpoch: number)
    if let attention, attention != model.config.attention {
      throw RecordingError(
        file: run,
        problem: "holds a model with --attention \(model.config.attention.rawValue), not \(attention.rawValue)")
    }
    return (model, vocabulary ?? recorded.vocabulary, recorded)
  }
}
