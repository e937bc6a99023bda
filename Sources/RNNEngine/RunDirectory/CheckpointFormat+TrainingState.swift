extension CheckpointFormat {
  /// Adds what a trainer needs beyond the weights to continue bit for bit: the optimizer's state
  /// (Adam's moments and step count, or SGD's velocity), the random state and the step count.
  static func addTrainingState(
    optimizer: any Optimizer, random: SeededRandom, step: Int, to writer: inout SafeTensorsWriter
  ) {
    switch optimizer {
    case let adam as Adam:
      writer.add(Tensor.adamM, shape: [adam.m.count], values: adam.m)
      writer.add(Tensor.adamV, shape: [adam.v.count], values: adam.v)
      writer.add(Tensor.adamStep, shape: [1], values: [Int64(adam.step)])
    case let sgd as SGD:
      writer.add(Tensor.sgdVelocity, shape: [sgd.velocity.count], values: sgd.velocity)
    default:
      preconditionFailure("checkpoints know Adam and SGD; add the new optimizer's state here")
    }
    writer.add(Tensor.randomState, shape: [4], values: random.state.map { Int64(bitPattern: $0) })
    writer.add(Tensor.step, shape: [1], values: [Int64(step)])
  }

  /// Reads back what `addTrainingState` wrote: sets `optimizer`'s state (moments of
  /// `parameterCount` values, or none yet) and returns the random state and step count.
  static func readTrainingState(
    from file: SafeTensorsFile, into optimizer: inout any Optimizer, parameterCount: Int
  ) throws -> (random: SeededRandom, step: Int) {
    let fail = { (problem: String) in SafeTensorsError(file: file.fileName, problem: problem) }
    func moments(_ name: String) throws -> [Float] {
      let values = try file.floats(name)
      guard values.isEmpty || values.count == parameterCount else {
        throw fail("\"\(name)\" has \(values.count) values; the model has \(parameterCount) parameters")
      }
      return values
    }
    switch optimizer {
    case var adam as Adam:
      adam.m = try moments(Tensor.adamM)
      adam.v = try moments(Tensor.adamV)
      guard adam.m.count == adam.v.count else { throw fail("Adam's m and v have different sizes") }
      adam.step = Int(try scalar(Tensor.adamStep, in: file, fail: fail))
      optimizer = adam
    case var sgd as SGD:
      sgd.velocity = try moments(Tensor.sgdVelocity)
      optimizer = sgd
    default:
      preconditionFailure("checkpoints know Adam and SGD; add the new optimizer's state here")
    }
    let words = try file.int64s(Tensor.randomState).map { UInt64(bitPattern: $0) }
    guard words.count == 4, words.contains(where: { $0 != 0 }) else {
      throw fail("\"\(Tensor.randomState)\" must be four words, not all zero")
    }
    return (SeededRandom(state: words), Int(try scalar(Tensor.step, in: file, fail: fail)))
  }

  /// Whether `name` is one of the trainer-state tensors rather than a model weight.
  static func isTrainingState(_ name: String) -> Bool {
    name.hasPrefix("optimizer.") || name.hasPrefix("trainer.")
  }

  /// The single I64 called `name`, a step count between 0 and `TrainingConfig.maximumSteps`.
  private static func scalar(_ name: String, in file: SafeTensorsFile, fail: (String) -> SafeTensorsError) throws
    -> Int64
  {
    let values = try file.int64s(name)
    guard values.count == 1, let value = values.first, (0...Int64(TrainingConfig.maximumSteps)).contains(value) else {
      throw fail(
        "\"\(name)\" must hold one integer between 0 and \(TrainingConfig.maximumSteps) (found \(values.prefix(4)))")
    }
    return value
  }
}
