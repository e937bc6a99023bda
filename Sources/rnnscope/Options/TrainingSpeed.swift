import ArgumentParser
import Scope

/// `--speed`: the training speed a session starts at, one of the settings `+` and `-` step through.
struct TrainingSpeed: ExpressibleByArgument {
  /// Steps per second; nil runs as fast as possible.
  let stepsPerSecond: Int?

  /// `1`, `2`, `5`, `10`, `30`, `100` or `full`; anything else is not a speed.
  init?(argument: String) {
    if argument.lowercased() == "full" {
      stepsPerSecond = nil
      return
    }
    guard let value = Int(argument), AppState.speedLevels.contains(value) else { return nil }
    stepsPerSecond = value
  }

  /// The speeds there are, for `--help` and the error message.
  static var allValueStrings: [String] { AppState.speedLevels.map { $0.map(String.init) ?? "full" } }
}
