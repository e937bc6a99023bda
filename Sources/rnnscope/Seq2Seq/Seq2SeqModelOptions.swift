import ArgumentParser
import Foundation
import RNNEngine

/// Where `translate` and `eval --pairs` find an encoder–decoder: a training run or a weights file.
struct Seq2SeqModelOptions: ParsableArguments {
  @Option(help: "A directory written by 'rnnscope train --task … --out DIR' (reads DIR/model.safetensors).")
  var run: String?

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
  }

  /// The file the options point at.
  var weightsURL: URL {
    if let weights { return URL(fileURLWithPath: weights) }
    return URL(fileURLWithPath: run!).appendingPathComponent(Seq2SeqTrainCommand.weightsFileName)
  }

  /// Loads the model and its vocabularies, or throws one line naming the file and the problem.
  func load() throws -> (model: Seq2SeqModel, vocabulary: Seq2SeqVocabulary) {
    let vocabulary = try vocab.map { try Seq2SeqVocabulary.load(from: URL(fileURLWithPath: $0)) }
    return try Seq2SeqCheckpoint.read(weightsURL, vocabulary: vocabulary, attention: attention)
  }
}
