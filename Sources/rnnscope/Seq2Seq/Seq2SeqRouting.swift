import ArgumentParser
import Foundation
import RNNEngine

/// Sends `train --task reverse|sort|dates|pairs` (or `--resume` of such a run), `tui --task …` (and plain
/// `rnnscope --task …`), `eval … --pairs` (or `--run` of an encoder–decoder's run) and `snapshot` of an
/// encoder–decoder (or of its bottleneck lab) to the encoder–decoder commands, which share their names
/// with the recurrent model's.
enum Seq2SeqRouting {
  /// The encoder–decoder command for these arguments (without the program name), or nil.
  static func command(for arguments: [String]) -> (any ParsableCommand.Type, [String])? {
    guard let name = arguments.first else { return nil }
    let rest = Array(arguments.dropFirst())
    // No subcommand: the TUI, as for the recurrent model.
    if name.hasPrefix("-") { return namesSeq2SeqTask(arguments) ? (Seq2SeqTUICommand.self, arguments) : nil }
    switch name {
    case "train":
      if namesSeq2SeqTask(rest) { return (Seq2SeqTrainCommand.self, rest) }
      guard let run = value(of: "--resume", in: rest), Seq2SeqRun.holdsRun(at: URL(fileURLWithPath: run)) else {
        return nil
      }
      return (Seq2SeqTrainCommand.self, rest)
    case "tui":
      return namesSeq2SeqTask(rest) ? (Seq2SeqTUICommand.self, rest) : nil
    case "eval":
      let pairs = rest.contains("--pairs") || rest.contains { $0.hasPrefix("--pairs=") }
      return pairs || isSeq2Seq(rest) || holdsSeq2SeqWeights(rest) ? (Seq2SeqEvalCommand.self, rest) : nil
    case "lab":  // the bottleneck experiment (RNNenc vs RNNsearch)
      guard let flag = rest.firstIndex(of: "--experiment"), flag + 1 < rest.count,
        rest[flag + 1] == AttentionLabCommand.experimentName
      else { return nil }
      return (AttentionLabCommand.self, rest)
    case "snapshot":  // the encoder–decoder's views, and the Training view of one trained here
      guard let view = value(of: "--view", in: rest) else { return nil }
      // The bottleneck lab, as an encoder–decoder session's Lab tab draws it.
      if view == "lab",
        value(of: "--experiment", in: rest) == AttentionLabCommand.experimentName || namesSeq2SeqTask(rest)
      {
        return (AttentionLabSnapshotCommand.self, rest)
      }
      // A run's Training view and replay screen are drawn from its recording, as `replay` shows them.
      if view == "training" || view == "replay", value(of: "--run", in: rest) != nil { return nil }
      guard Seq2SeqSnapshotCommand.ownViews.contains(view) || isSeq2Seq(rest)
      else { return nil }
      return view == "training" ? (Seq2SeqTrainingSnapshotCommand.self, rest) : (Seq2SeqSnapshotCommand.self, rest)
    default:
      return nil
    }
  }

  /// The value of `flag`, given as `--flag value` or `--flag=value`.
  private static func value(of flag: String, in arguments: [String]) -> String? {
    if let joined = arguments.first(where: { $0.hasPrefix(flag + "=") }) {
      return String(joined.dropFirst(flag.count + 1))
    }
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
  }

  /// Whether the arguments name an encoder–decoder: a seq2seq `--task`, or a `--run` directory
  /// holding an encoder–decoder's run.
  private static func isSeq2Seq(_ arguments: [String]) -> Bool {
    if namesSeq2SeqTask(arguments) { return true }
    guard let run = value(of: "--run", in: arguments) else { return false }
    return Seq2SeqRun.holdsRun(at: URL(fileURLWithPath: run))
  }

  /// Whether `--weights` names a safetensors file with an encoder–decoder's tensors, so that `eval`
  /// without `--pairs` says what it needs instead of asking for a recurrent model's `--text`.
  private static func holdsSeq2SeqWeights(_ arguments: [String]) -> Bool {
    guard value(of: "--text", in: arguments) == nil, let path = value(of: "--weights", in: arguments),
      let file = try? SafeTensorsFile(contentsOf: URL(fileURLWithPath: path))
    else { return false }
    return file.entries.contains { $0.name == "src_embedding.weight" }
  }

  /// Whether `--task` names an encoder–decoder task (reverse, sort, dates, pairs).
  private static func namesSeq2SeqTask(_ arguments: [String]) -> Bool {
    value(of: "--task", in: arguments).map { Seq2SeqTaskKind(rawValue: $0) != nil } ?? false
  }
}

extension Seq2SeqTaskKind: ExpressibleByArgument {}
extension AttentionKind: ExpressibleByArgument {}
