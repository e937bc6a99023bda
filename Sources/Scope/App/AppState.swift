import RNNEngine
import TermCanvas

/// Everything the TUI shows, as one value: `render` is a pure function of it.
public struct AppState: Sendable {
  /// The terminal's size in cells.
  public var width: Int
  /// The terminal's height in cells.
  public var height: Int
  /// Whether to draw heatmaps with shade characters instead of colour.
  public var monochrome: Bool
  /// The view on screen.
  public var view: ViewID = .training
  /// The latest training snapshot (nil until the trainer publishes one).
  public var snapshot: TrainingSnapshot?
  /// Where the person is looking: step, unit and layer.
  public var cursor = Cursor()
  /// Whether the key help is open.
  public var showsHelp = false
  /// Frames drawn per second, as the main loop counts them.
  public var framesPerSecond: Double = 0
  /// A short message for the status line (e.g. where a screenshot went) and until when to show it.
  public var message: Message?
  /// The unrolled view's animation, while it runs.
  public var animation: UnrolledAnimation?
  /// The latest snapshot that arrived while the animation ran: shown once it ends, so the
  /// animated pass stays the one it started on.
  public var snapshotAfterAnimation: TrainingSnapshot?
  /// First unit row shown in the hidden-state and gate heatmaps.
  public var unitScroll = 0
  /// The sampling temperature asked for with `t`/`T` (language models); the sample on screen names the one it was drawn at.
  public var temperature = TextSample.defaultTemperature
  /// The recording's epochs when replaying one (nil while training live).
  public var replay: ReplayTimeline?
  /// The latest snapshot of the vanishing/exploding lab, once it runs.
  public var lab: LabSnapshot?
  /// Whether the lab was asked to start (it starts the first time its view opens).
  public var labStarted = false
  /// Whether the lab chart shows the gradients at initialisation instead of now.
  public var labShowsInit = false
  /// Whether only the lab runs (`rnnscope lab`): there is no trainer behind the other views.
  public var isLabOnly = false
  /// The model file the session started from (`tui --weights`): training it is fine-tuning, and says so.
  public var importedModel: String?
  /// Whether the tab bar, key hint and status line are drawn (`snapshot --no-chrome` leaves them out).
  public var showsChrome = true
  /// The latest snapshot of a live encoder–decoder session (nil for a recurrent model).
  public var seq2seq: Seq2SeqSessionSnapshot?
  /// The latest snapshot of the bottleneck lab, the lab of an encoder–decoder session, once it runs.
  public var attentionLab: AttentionLabSnapshot?
  /// The side of an encoder–decoder the Hidden state, Gates and Gradients views show (`e` switches).
  public var side = Seq2SeqSide.encoder
  /// The encoder–decoder view's animation (`a`), while it runs: the source read, then each step decoded.
  public var encoderDecoderAnimation: EncoderDecoderAnimation?
  /// What the Attention view's matrix shades: α, or the gradient connectivity (`g`).
  public var attentionMatrix = AttentionView.Matrix.alpha
  /// Pattern search in the Hidden state view: the span being marked or searched, threshold, match.
  public var patternSearch = PatternSearchMarks()

  /// A state for a terminal of this size.
  public init(width: Int, height: Int, monochrome: Bool = false, view: ViewID = .training) {
    self.width = width
    self.height = height
    self.monochrome = monochrome
    self.view = view
  }

  /// The kind of model on screen: an encoder–decoder once its session or its bottleneck lab (alone,
  /// in `snapshot --view lab --experiment attention`) publishes, else a recurrent one.
  public var modelKind: ModelKind { seq2seq == nil && attentionLab == nil ? .recurrent : .encoderDecoder }

  /// The tabs of the model on screen, in order.
  public var tabs: [ViewID] { ViewID.tabs(for: modelKind) }

  /// The smallest terminal the views are laid out for.
  public static let minimumSize = (width: 60, height: 16)

  /// Whether the terminal is too small to draw the views.
  public var isTooSmall: Bool { width < Self.minimumSize.width || height < Self.minimumSize.height }
}

/// The selected position in the probe: timestep, hidden unit, layer.
public struct Cursor: Sendable, Equatable {
  /// Timestep, from 0.
  public var step = 0
  /// Hidden unit, from 0.
  public var unit = 0
  /// Layer, from 0 (bottom).
  public var layer = 0
  /// Which direction of a bidirectional layer the unrolled view works out inside a step: false
  /// forward, true backward (`d`).
  public var isReverse = false
}

/// A status-line message that disappears after a while.
public struct Message: Sendable, Equatable {
  /// The text.
  public var text: String
  /// Frames left to show it.
  public var framesLeft: Int
}

/// The unrolled view's animation: the forward pass left to right, then the backward pass right to left.
public struct UnrolledAnimation: Sendable, Equatable {
  /// Which pass is being shown.
  public enum Phase: Sendable, Equatable { case forward, backward }
  /// The pass.
  public var phase: Phase
  /// The step the pass has reached.
  public var step: Int
  /// Frames until it moves on one step.
  public var framesUntilNext: Int
}

/// The encoder–decoder view's animation: one frame per source position read, then one per step decoded.
public struct EncoderDecoderAnimation: Sendable, Equatable {
  /// The frame shown, from 0 to `EncoderDecoderView.frameCount(of:)` − 1.
  public var frame: Int
  /// Display frames until it moves on one frame.
  public var framesUntilNext: Int
}
