import ArgumentParser
import Foundation
import RNNEngine

/// Sends `train --task reverse|sort|dates|pairs` and `eval … --pairs` to the encoder–decoder
/// commands, which share their names with the recurrent model's `train` and `eval`.
enum Seq2SeqRouting {
  /// The encoder–decoder command for these arguments (without the program name), or nil.
  static func command(for arguments: [String]) -> (any ParsableCommand.Type, [String])? {
    guard let name = arguments.first else { return nil }
    let rest = Array(arguments.dropFirst())
    switch name {
    case "train":
      guard let flag = rest.firstIndex(of: "--task"), flag + 1 < rest.count,
        Seq2SeqTaskKind(rawValue: rest[flag + 1]) != nil
      else { return nil }
      return (Seq2SeqTrainCommand.self, rest)
    case "eval":
      return rest.contains("--pairs") ? (Seq2SeqEvalCommand.self, rest) : nil
    case "lab":  // the bottleneck experiment (RNNenc vs RNNsearch)
      guard let flag = rest.firstIndex(of: "--experiment"), flag + 1 < rest.count,
        rest[flag + 1] == AttentionLabCommand.experimentName
      else { return nil }
      return (AttentionLabCommand.self, rest)
    case "snapshot":  // the encoder–decoder's own views, and hidden/gates/gradients of a seq2seq model
      guard let view = value(of: "--view", in: rest),
        Seq2SeqSnapshotCommand.ownViews.contains(view) || isSeq2Seq(rest)
      else { return nil }
      return (Seq2SeqSnapshotCommand.self, rest)
    default:
      return nil
    }
  }

  /// The value after `flag`, if given.
  private static func value(of flag: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
  }

  /// Whether the arguments name an encoder–decoder: a seq2seq `--task`, or a `--run` directory
  /// holding an encoder–decoder's weights.
  private static func isSeq2Seq(_ arguments: [String]) -> Bool {
    if let task = value(of: "--task", in: arguments), Seq2SeqTaskKind(rawValue: task) != nil { return true }
    guard let run = value(of: "--run", in: arguments) else { return false }
    let weights = URL(fileURLWithPath: run).appendingPathComponent(Seq2SeqTrainCommand.weightsFileName)
    return FileManager.default.fileExists(atPath: weights.path)
  }
}

extension Seq2SeqTaskKind: ExpressibleByArgument {}
extension AttentionKind: ExpressibleByArgument {}
