import ArgumentParser
import RNNEngine

/// The flags `TrainingOptions` and `ReplayTaskOptions` share: the task, the text it reads, its
/// probe and its sizes.
struct TaskOptions: ParsableArguments {
  @Option(help: "Task: case (case correction), lm (next character), recall (long-range memory), adding.")
  var task: TaskKind = .caseCorrection

  @Option(help: "Text file for case and lm (UTF-8 or ASCII). Default: the built-in corpus.")
  var text: String?

  @Option(
    help:
      "case/lm: the probe sentence the views show, decoded after every epoch (for case, give it correctly cased); default: the lecture's, or with --text the first sentence of the held-out tail."
  )
  var probe: String?

  @Option(help: "recall: distractor symbols between the payload and the query (default: 20; snapshot --view lab: 50).")
  var gap: Int?

  @Option(help: "lm: sequence length; adding: number of steps.")
  var length: Int?
}
