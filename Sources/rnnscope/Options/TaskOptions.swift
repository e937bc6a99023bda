import ArgumentParser
import RNNEngine

/// The flags `TrainingOptions` and `ReplayTaskOptions` share: the task and the text it reads.
struct TaskOptions: ParsableArguments {
  @Option(help: "Task: case (case correction), lm (next character), recall (long-range memory), adding.")
  var task: TaskKind = .caseCorrection

  @Option(help: "Text file for case and lm (UTF-8 or ASCII). Default: the built-in corpus.")
  var text: String?
}
