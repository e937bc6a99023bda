import ArgumentParser
import RNNEngine

/// What `lab --experiment` names: one of the gradient lab's experiments, or the memory comparison.
enum LabChoice: Equatable, ExpressibleByArgument {
  /// A vanishing/exploding gradient experiment (TUI or headless).
  case gradients(LabExperiment)
  /// RNN vs LSTM vs GRU connectivity against distance (headless only).
  case memory

  init?(argument: String) {
    if argument == "memory" {
      self = .memory
    } else if let experiment = LabExperiment(rawValue: argument) {
      self = .gradients(experiment)
    } else {
      return nil
    }
  }

  static var allValueStrings: [String] { LabExperiment.allCases.map(\.rawValue) + ["memory"] }
}
