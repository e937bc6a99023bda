import Foundation

/// What an encoder–decoder run trains with besides the model's shape: the task and its data, the
/// optimizer, the schedule and the seed. Kept in `run.json` and in every epoch file, so a run can be
/// rebuilt and continued from either.
public struct Seq2SeqRunSettings: Codable, Sendable, Equatable {
  /// The task.
  public var task: Seq2SeqTaskKind
  /// Source lengths of `reverse` and `sort`.
  public var minLength: Int, maxLength: Int
  /// Held-out pairs of a generated task.
  public var heldOut: Int
  /// The pairs file of the `pairs` task, as an absolute path.
  public var pairsPath: String?
  /// Adam or SGD.
  public var optimizer: TrainingConfig.OptimizerKind
  /// The optimizer's step size.
  public var learningRate: Float
  /// Global gradient-norm limit, or nil for none.
  public var clip: Float?
  /// Pairs per step.
  public var batchSize: Int
  /// Steps in all.
  public var steps: Int
  /// Steps per epoch (the last epoch may be shorter).
  public var stepsPerEpoch: Int
  /// Seed of weights, batches and held-out data.
  public var seed: UInt64

  /// Settings from their values; `pairsPath` is made absolute.
  public init(
    task: Seq2SeqTaskKind, minLength: Int, maxLength: Int, heldOut: Int, pairsPath: String?,
    optimizer: TrainingConfig.OptimizerKind, learningRate: Float, clip: Float?, batchSize: Int, steps: Int,
    stepsPerEpoch: Int, seed: UInt64
  ) {
    self.task = task
    self.minLength = minLength
    self.maxLength = maxLength
    self.heldOut = heldOut
    self.pairsPath = pairsPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.clip = clip
    self.batchSize = batchSize
    self.steps = steps
    self.stepsPerEpoch = stepsPerEpoch
    self.seed = seed
  }

  enum CodingKeys: String, CodingKey {
    case task
    case minLength = "min_length"
    case maxLength = "max_length"
    case heldOut = "held_out"
    case pairsPath = "pairs_path"
    case optimizer
    case learningRate = "learning_rate"
    case clip
    case batchSize = "batch_size"
    case steps
    case stepsPerEpoch = "steps_per_epoch"
    case seed
  }

  /// Epochs in all: the steps in epochs of `stepsPerEpoch`, the last one possibly shorter.
  public var epochs: Int { (steps + stepsPerEpoch - 1) / stepsPerEpoch }

  /// The step count at which epoch `epoch` (from 1) ends.
  public func endStep(ofEpoch epoch: Int) -> Int { min(epoch * stepsPerEpoch, steps) }

  /// The epoch that ends at `step`, or nil when no epoch ends there.
  public func epoch(endingAt step: Int) -> Int? {
    guard step > 0 else { return nil }
    let epoch = (step + stepsPerEpoch - 1) / stepsPerEpoch
    return endStep(ofEpoch: epoch) == step ? epoch : nil
  }

  /// The task, with its held-out set (reading and checking the pairs file of the `pairs` task).
  public func makeTask() throws -> Seq2SeqTask {
    guard task == .pairs else {
      return Seq2SeqTask.generated(task, lengths: minLength...maxLength, heldOutCount: heldOut, seed: seed)
    }
    guard let pairsPath else { throw Seq2SeqDataError.unreadable("the pairs task", reason: "has no pairs file") }
    return Seq2SeqTask.pairs(try PairsFile.load(URL(fileURLWithPath: pairsPath)), seed: seed)
  }

  /// A fresh optimizer of the recorded kind and learning rate.
  public func makeOptimizer() -> any Optimizer {
    optimizer == .adam ? Adam(learningRate: learningRate) : SGD(learningRate: learningRate)
  }

  /// A fresh trainer for `model` on `task` with these settings.
  public func makeTrainer(model: Seq2SeqModel, task: Seq2SeqTask) -> Seq2SeqTrainer {
    Seq2SeqTrainer(
      model: model, task: task, optimizer: makeOptimizer(), clip: clip, batchSize: batchSize, seed: seed)
  }

  /// Whether the sizes are usable (a damaged or hand-edited file can hold any number).
  public var isUsable: Bool {
    minLength >= 1 && maxLength >= minLength && maxLength <= PairsFile.maximumLineBytes && heldOut >= 1
      && heldOut <= 1_000_000 && batchSize >= 1 && batchSize <= 1 << 16 && steps >= 1
      && steps <= TrainingConfig.maximumSteps && stepsPerEpoch >= 1 && learningRate.isFinite
      && (task == .pairs) == (pairsPath != nil)
  }
}
