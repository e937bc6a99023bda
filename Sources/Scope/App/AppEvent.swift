import RNNEngine
import TermCanvas

/// Something that happened: input, a resize, a new snapshot, or the passing of a frame.
public enum AppEvent: Sendable {
  /// A key press.
  case key(Key)
  /// A mouse click at a cell of the screen.
  case click(x: Int, y: Int)
  /// The mouse wheel turned, up or down.
  case scroll(up: Bool)
  /// The terminal changed size.
  case resize(width: Int, height: Int)
  /// The trainer published a snapshot.
  case snapshot(TrainingSnapshot)
  /// The lab published a snapshot.
  case labSnapshot(LabSnapshot)
  /// An encoder–decoder session published a snapshot.
  case seq2seqSnapshot(Seq2SeqSessionSnapshot)
  /// The bottleneck lab published a snapshot.
  case attentionLabSnapshot(AttentionLabSnapshot)
  /// A frame passed; `framesPerSecond` is the rate the loop counted.
  case frame(framesPerSecond: Double)
}

/// What `update` asks the outside world to do.
public enum AppEffect: Sendable, Equatable {
  /// Send a command to the trainer thread.
  case trainer(TrainerCommand)
  /// Save the current screen as a picture.
  case saveScreen
  /// Show this finished epoch of the recording being replayed.
  case showEpoch(Int)
  /// Start (or restart) the lab with this experiment and settings.
  case startLab(LabExperiment, LabSettings)
  /// Send a command to the running lab.
  case lab(LabSessionCommand)
  /// Start the bottleneck lab with these settings (an encoder–decoder session's lab view).
  case startAttentionLab(AttentionLabSettings)
  /// Leave the program.
  case quit
}
