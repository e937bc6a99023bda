import ArgumentParser
import Foundation
import RNNEngine

/// The flags of `eval` and `sample` that say which model to load and what its symbols are.
struct WeightsOptions: ParsableArguments {
  @Option(help: "A safetensors file (PyTorch state_dict or rnnscope checkpoint), or a run directory (its last epoch).")
  var weights: String

  @OptionGroup var vocabulary: VocabularyOption

  @Option(help: "Module prefix of the recurrent weights, when the file has several (e.g. lstm).")
  var recurrentPrefix: String?

  @Option(help: "Module prefix of the embedding (default: found by shape; none means one-hot input).")
  var embeddingPrefix: String?

  @Option(help: "Module prefix of the output layer (default: found by shape).")
  var outputPrefix: String?

  @Flag(help: "A plain RNN in the file uses ReLU (PyTorch saves tanh and ReLU RNNs alike; tanh is assumed).")
  var relu = false

  /// The model, or a one-line error naming the file.
  func loadModel() throws -> RecurrentModel {
    let options = ImportedRecurrentModel.Options(
      recurrentPrefix: recurrentPrefix, embeddingPrefix: embeddingPrefix, outputPrefix: outputPrefix,
      plainRNNCell: relu ? .rnnRelu : .rnnTanh)
    return try RecurrentModel.load(contentsOf: URL(fileURLWithPath: weights), options: options)
  }

  /// The `--vocab` file's symbols, or nil for the byte vocabulary.
  func loadVocabulary() throws -> ImportVocabulary? { try vocabulary.load() }
}

/// Runs `body`, turning any error into `rnnscope: <one line>` on standard error and exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
  try reportingErrorsReturning(body)
}

/// `reportingErrors` for a body that returns a value.
func reportingErrorsReturning<Value>(_ body: () throws -> Value) throws -> Value {
  do {
    return try body()
  } catch let exit as ExitCode {
    throw exit
  } catch {
    printError("rnnscope: \(error)")
    throw ExitCode(1)
  }
}
