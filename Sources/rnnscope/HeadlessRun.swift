import RNNEngine

/// A failure worded for the person at the command line.
struct ValidationFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

extension Trainer {
  /// Takes `steps` steps into `log`, throwing a readable error if training diverges.
  func train(steps: Int, into log: inout TrainingLog) throws {
    for _ in 0..<steps {
      switch trainStep() {
      case .diverged(let reason):
        throw ValidationFailure("training diverged at step \(step + 1): \(reason). Try a lower --lr or --clip 1.")
      case .trained(let stats, let tokens):
        log.record(stats, tokens: tokens, of: self)
      }
    }
  }
}
