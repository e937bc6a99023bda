import Foundation
import RNNEngine
import Scope
import TermCanvas
import Terminal

/// The TUI's main loop: feed events to the app state, draw it, repeat at up to 30 frames/s.
///
/// Redraws only when something changed (a snapshot, a key, an animation, a message), so a
/// paused session idles instead of drawing the same frame.
struct LiveLoop<Source: SnapshotSource> {
  /// Target frame rate while something changes.
  static var framesPerSecond: Double { 30 }

  let terminal: TerminalSession
  var source: Source
  /// The state the loop starts from (e.g. with a replay timeline).
  var initialState: AppState?
  /// Where `s` saves screens: beside the recording, or a folder of their own.
  let screensDirectory: URL
  /// The vanishing/exploding lab, once its view has been opened.
  var lab = LabController()

  /// Runs until `q`, Ctrl-C, SIGTERM or SIGHUP; returns the exit status.
  mutating func run() -> Int32 {
    defer { lab.stop() }
    let size = terminal.size
    var state = initialState ?? AppState(width: size.width, height: size.height)
    state.width = size.width
    state.height = size.height
    state.monochrome = terminal.colorDepth == .monochrome
    var meter = FrameMeter()
    var dirty = true
    var frames = FrameClock(interval: 1 / Self.framesPerSecond)
    while true {
      if let signal = SignalMonitor.takePendingSignal() { return SignalMonitor.exitStatus(for: signal) }
      if let event = source.newEvent() {
        _ = state.update(event)
        dirty = true
      }
      if let labSnapshot = lab.newSnapshot() {
        _ = state.update(.labSnapshot(labSnapshot))
        dirty = true
      }
      if let attentionLabSnapshot = lab.newAttentionSnapshot() {
        _ = state.update(.attentionLabSnapshot(attentionLabSnapshot))
        dirty = true
      }
      if dirty || state.animation != nil || state.message != nil || state.replay?.isPlaying == true {
        for effect in state.update(.frame(framesPerSecond: meter.rate)) { perform(effect, on: &state) }
        terminal.draw(state.render())
        meter.tick()
        dirty = false
      }
      // Wait for input until the next frame is due; each key is applied and redrawn at once.
      guard let input = terminal.nextInput(timeoutMilliseconds: frames.millisecondsToNextFrame()) else {
        frames.advance()
        continue
      }
      dirty = true
      switch input {
      case .resize:
        terminal.invalidate()
        let size = terminal.size
        _ = state.update(.resize(width: size.width, height: size.height))
      case .key(let key):
        let effects = state.update(.key(key))
        if effects.contains(.quit) { return 0 }
        for effect in effects { perform(effect, on: &state) }
      case .click(let x, let y):
        for effect in state.update(.click(x: x, y: y)) { perform(effect, on: &state) }
      case .scroll(let up):
        for effect in state.update(.scroll(up: up)) { perform(effect, on: &state) }
      }
    }
  }
}

extension LiveLoop {
  /// Saves the screen, or hands the effect to the source; any message goes to the status line.
  private mutating func perform(_ effect: AppEffect, on state: inout AppState) {
    let message: String?
    switch effect {
    case .saveScreen: message = ScreenSaver.save(state.renderForSaving(), view: state.view, in: screensDirectory)
    case .quit: message = nil
    case .trainer, .showEpoch: message = source.perform(effect)
    case .startLab(let experiment, let settings): message = lab.start(experiment, settings: settings)
    case .startAttentionLab(let settings): message = lab.startAttention(settings)
    case .lab(let command):
      lab.send(command)
      message = nil
    }
    if let message { state.showMessage(message) }
  }
}

/// Frame deadlines on a fixed cadence, so waiting for input between frames does not add up to a
/// slower rate: each deadline follows the previous one, not the moment the last frame ended.
struct FrameClock {
  let interval: TimeInterval
  private var deadline = Date()

  init(interval: TimeInterval) {
    self.interval = interval
    deadline = Date().addingTimeInterval(interval)
  }

  /// How long to wait for input before the next frame is due (at least 1 ms).
  func millisecondsToNextFrame() -> Int {
    Int(max(1, (deadline.timeIntervalSinceNow * 1000).rounded(.up)))
  }

  /// Moves to the next deadline; after a stall longer than a frame, starts again from now.
  mutating func advance() {
    deadline = deadline.addingTimeInterval(interval)
    if deadline < Date() { deadline = Date().addingTimeInterval(interval) }
  }
}

/// Frames drawn over the last second.
struct FrameMeter {
  private var times: [Date] = []

  mutating func tick() {
    let now = Date()
    times.append(now)
    times.removeAll { now.timeIntervalSince($0) > 1 }
  }

  var rate: Double { Double(times.count) }
}
