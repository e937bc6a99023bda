/// The names rnnscope's own checkpoints use beside the model's canonical tensors.
///
/// A checkpoint is a safetensors file: the model's tensors under their PyTorch names (so PyTorch can
/// load it), the optimizer state, the trainer's random state and step, and in `__metadata__` the
/// model and training configs as JSON.
public enum CheckpointFormat {
  /// `__metadata__["format"]` of an rnnscope checkpoint.
  public static let formatName = "rnnscope"

  /// Keys of `__metadata__`.
  enum Metadata {
    static let format = "format"
    static let modelConfig = "model_config"
    static let trainingConfig = "training_config"
    static let programVersion = "program_version"
    static let epoch = "epoch"
  }

  /// Names of the non-model tensors.
  enum Tensor {
    /// Adam's first and second moments (P), empty before the first step.
    static let adamM = "optimizer.adam.m"
    static let adamV = "optimizer.adam.v"
    /// Adam's step count t, one I64.
    static let adamStep = "optimizer.adam.step"
    /// SGD's momentum buffer (P), empty before the first step or without momentum.
    static let sgdVelocity = "optimizer.sgd.velocity"
    /// The trainer's xoshiro state: four UInt64 words stored as I64 bit patterns.
    static let randomState = "trainer.random_state"
    /// Optimizer steps the trainer has taken, one I64.
    static let step = "trainer.step"
  }

  /// Whether `file` was written by rnnscope (rather than exported from PyTorch).
  public static func isCheckpoint(_ file: SafeTensorsFile) -> Bool {
    file.metadata[Metadata.format] == formatName
  }

  /// The model architecture stored in an rnnscope checkpoint.
  public static func modelConfig(in file: SafeTensorsFile) throws -> ModelConfig {
    try decodeMetadata(ModelConfig.self, key: Metadata.modelConfig, in: file)
  }

  /// The training config stored in an rnnscope checkpoint.
  public static func trainingConfig(in file: SafeTensorsFile) throws -> TrainingConfig {
    try decodeMetadata(TrainingConfig.self, key: Metadata.trainingConfig, in: file)
  }

  /// Both configs of an rnnscope checkpoint, checked before they size anything: the training config's
  /// sizes within the command line's limits, and the model config agreeing with it.
  ///
  /// A damaged or hand-edited file can claim any number; an unchecked `hidden` of 2^40 would trap
  /// while computing tensor shapes.
  public static func validatedConfigs(in file: SafeTensorsFile) throws -> (model: ModelConfig, training: TrainingConfig)
  {
    let fail = { (problem: String) in SafeTensorsError(file: file.fileName, problem: problem) }
    let model = try modelConfig(in: file)
    let training = try trainingConfig(in: file)
    do {
      try training.validateSizes()
    } catch {
      throw fail("__metadata__ \"\(Metadata.trainingConfig)\" is not usable: \(error.description)")
    }
    let inputSizes: [Int]
    switch model.input {
    case .oneHot(let vocabulary): inputSizes = [vocabulary]
    case .embedding(let vocabulary, let width): inputSizes = [vocabulary, width]
    case .dense(let features): inputSizes = [features]
    }
    let sizesAgree =
      model.cell == training.cell && model.hidden == training.hidden && model.layers == training.layers
      && model.bidirectional == (training.bidirectional ?? false)
      && (inputSizes + [model.outputs]).allSatisfy {
        (1...ByteText.vocabulary).contains($0) || $0 == training.embedding
      }
    guard sizesAgree else {
      throw fail(
        "__metadata__ \"\(Metadata.modelConfig)\" does not match \"\(Metadata.trainingConfig)\" or has a size out of range"
      )
    }
    return (model, training)
  }

  /// One line on an rnnscope checkpoint (`rnnscope checkpoint: epoch 3, step 300, ...`), nil for other files.
  public static func summary(of file: SafeTensorsFile) -> String? {
    guard isCheckpoint(file) else { return nil }
    let epoch = file.metadata[Metadata.epoch] ?? "?"
    let step = (try? file.int64s(Tensor.step).first).flatMap { $0.map(String.init) } ?? "?"
    let version = file.metadata[Metadata.programVersion].map { ", written by rnnscope \($0)" } ?? ""
    guard let model = try? modelConfig(in: file) else {
      return "rnnscope checkpoint: epoch \(epoch), step \(step)\(version)"
    }
    return
      "rnnscope checkpoint: epoch \(epoch), step \(step)\(version); model \(model.cell.rawValue) \(model.layers)x\(model.hidden), \(model.outputs) outputs"
  }

  private static func decodeMetadata<Value: Decodable>(_ type: Value.Type, key: String, in file: SafeTensorsFile) throws
    -> Value
  {
    guard let text = file.metadata[key] else {
      throw SafeTensorsError(
        file: file.fileName, problem: "no \"\(key)\" in __metadata__ (not an rnnscope checkpoint?)")
    }
    return try RecordingJSON.decode(type, from: Array(text.utf8)) { reason in
      SafeTensorsError(file: file.fileName, problem: "__metadata__ \"\(key)\" is not a valid config: \(reason)")
    }
  }
}
