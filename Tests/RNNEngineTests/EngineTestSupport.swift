@testable import RNNEngine

/// Small random models and batches shared by the engine tests.
enum EngineTestSupport {
  /// A model with seeded PyTorch-default weights, scaled up so gates are not all near 0.5.
  static func model(_ config: ModelConfig, seed: UInt64 = 7, weightScale: Float = 3) -> RecurrentModel {
    var random = SeededRandom(seed: seed)
    let model = RecurrentModel(config: config, random: &random)
    model.parameters = model.parameters.map { $0 * weightScale }
    return model
  }

  /// A batch matching `config`'s input encoding with targets of the given kind.
  static func batch(
    _ config: ModelConfig, batchSize: Int = 2, length: Int = 5, targets kind: TargetKind, seed: UInt64 = 11
  ) -> Batch {
    var random = SeededRandom(seed: seed)
    let targets: Batch.Targets
    var mask: [Float] = []
    switch kind {
    case .everyStepMasked:
      targets = .everyStep((0..<(batchSize * length)).map { _ in Int32(random.int(in: 0..<config.outputs)) })
      mask = (0..<(batchSize * length)).map { $0 % 3 == 2 ? 0 : 1 }
    case .lastStep:
      targets = .lastStep((0..<batchSize).map { _ in Int32(random.int(in: 0..<config.outputs)) })
    case .regression:
      targets = .regression((0..<(batchSize * config.outputs)).map { _ in random.normal() })
    }
    switch config.input {
    case .dense(let features):
      let values = (0..<(batchSize * length * features)).map { _ in random.normal() }
      return Batch(batchSize: batchSize, length: length, features: values, targets: targets, mask: mask)
    case .oneHot(let vocab), .embedding(let vocab, _):
      let tokens = (0..<(batchSize * length)).map { _ in Int32(random.int(in: 0..<vocab)) }
      return Batch(batchSize: batchSize, length: length, tokens: tokens, targets: targets, mask: mask)
    }
  }

  /// What the loss scores.
  enum TargetKind { case everyStepMasked, lastStep, regression }
}
