import ArgumentParser
import Foundation
import RNNEngine

/// Sends `train --task reverse|sort|dates|pairs` (or `--resume` of such a run) and `eval … --pairs` to the encoder–decoder
/// commands, which share their names with the recurrent model's `train` and `eval`.
enum Seq2SeqRouting {
  /// The encoder–decoder command for these arguments (without the program name), or nil.
  static func command(for arguments: [String]) -> (any ParsableCommand.Type, [String])? {
    guard let name = arguments.first else { return nil }
    let rest = Array(arguments.dropFirst())
    switch name {
    case "train":
      if let flag = rest.firstIndex(of: "--task"), flag + 1 < rest.count,
        Seq2SeqTaskKind(rawValue: rest[flag + 1]) != nil
      {
        return (Seq2SeqTrainCommand.self, rest)
      }
      guard let flag = rest.firstIndex(of: "--resume"), flag + 1 < rest.count,
        Seq2SeqRun.holdsRun(at: URL(fileURLWithPath: rest[flag + 1]))
      else { return nil }
      return (Seq2SeqTrainCommand.self, rest)
    case "eval":
      return rest.contains("--pairs") ? (Seq2SeqEvalCommand.self, rest) : nil
    case "lab":  // the bottleneck experiment (RNNenc vs RNNsearch)
      guard let flag = rest.firstIndex(of: "--experiment"), flag + 1 < rest.count,
        rest[flag + 1] == AttentionLabCommand.experimentName
      else { return nil }
      return (AttentionLabCommand.self, rest)
    case "snapshot":  // the Attention view of an encoder–decoder
      guard let flag = rest.firstIndex(of: "--view"), flag + 1 < rest.count,
        rest[flag + 1] == AttentionSnapshotCommand.viewName
      else { return nil }
      return (AttentionSnapshotCommand.self, rest)
    default:
      return nil
    }
  }
}

extension Seq2SeqTaskKind: ExpressibleByArgument {}
extension AttentionKind: ExpressibleByArgument {}
