import ArgumentParser
import RNNEngine

/// Sends `train --task reverse|sort|dates|pairs`, `tui --task …` (and plain `rnnscope --task …`) and
/// `eval … --pairs` to the encoder–decoder commands, which share their names with the recurrent model's.
enum Seq2SeqRouting {
  /// The encoder–decoder command for these arguments (without the program name), or nil.
  static func command(for arguments: [String]) -> (any ParsableCommand.Type, [String])? {
    guard let name = arguments.first else { return nil }
    let rest = Array(arguments.dropFirst())
    // No subcommand: the TUI, as for the recurrent model.
    if name.hasPrefix("-") { return namesSeq2SeqTask(arguments) ? (Seq2SeqTUICommand.self, arguments) : nil }
    switch name {
    case "train":
      return namesSeq2SeqTask(rest) ? (Seq2SeqTrainCommand.self, rest) : nil
    case "tui":
      return namesSeq2SeqTask(rest) ? (Seq2SeqTUICommand.self, rest) : nil
    case "eval":
      return rest.contains("--pairs") ? (Seq2SeqEvalCommand.self, rest) : nil
    case "lab":  // the bottleneck experiment (RNNenc vs RNNsearch)
      guard let flag = rest.firstIndex(of: "--experiment"), flag + 1 < rest.count,
        rest[flag + 1] == AttentionLabCommand.experimentName
      else { return nil }
      return (AttentionLabCommand.self, rest)
    case "snapshot":  // the Attention view of an encoder–decoder, or the Training view of one trained here
      guard let flag = rest.firstIndex(of: "--view"), flag + 1 < rest.count else { return nil }
      if rest[flag + 1] == AttentionSnapshotCommand.viewName { return (AttentionSnapshotCommand.self, rest) }
      return namesSeq2SeqTask(rest) ? (Seq2SeqSnapshotCommand.self, rest) : nil
    default:
      return nil
    }
  }

  /// Whether `--task` names an encoder–decoder task (reverse, sort, dates, pairs).
  private static func namesSeq2SeqTask(_ arguments: [String]) -> Bool {
    guard let flag = arguments.firstIndex(of: "--task"), flag + 1 < arguments.count else { return false }
    return Seq2SeqTaskKind(rawValue: arguments[flag + 1]) != nil
  }
}

extension Seq2SeqTaskKind: ExpressibleByArgument {}
extension AttentionKind: ExpressibleByArgument {}
