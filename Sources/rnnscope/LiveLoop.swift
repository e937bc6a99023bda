import Foundation
import RNNEngine
import Scope
import TermCanvas
import Terminal

/// The TUI's main loop: feed events to the app state, draw it, repeat at up to 30 frames/s.
///
/// Redraws only when something changed (a snapshot, a key, an animation, a message), so a
/// paused session idles instead of drawing the same frame.
struct LiveLoop {
  /// Target frame rate while something changes.
  static let framesPerSecond = 30.0

  let terminal: TerminalSession
  let session: TrainingSession

  /// Runs until `q`, Ctrl-C, SIGTERM or SIGHUP; returns the exit status.
  func run() -> Int32 {
    let size = terminal.size
    var state = AppState(width: size.width, height: size.height, monochrome: terminal.colorDepth == .monochrome)
    var meter = FrameMeter()
    var lastPublication: Int?
    var dirty = true
    while true {
      if let signal = SignalMonitor.takePendingSignal() { return SignalMonitor.exitStatus(for: signal) }
      let frameStart = Date()
      if let snapshot = session.snapshot, snapshot.publication != lastPublication {
        lastPublication = snapshot.publication
        _ = state.update(.snapshot(snapshot))
        dirty = true
      }
      if dirty || state.animation != nil || state.message != nil {
        _ = state.update(.frame(framesPerSecond: meter.rate))
        terminal.draw(state.render())
        meter.tick()
        dirty = false
      }
      // Wait for input until the next frame is due; each key is applied and redrawn at once.
      let frameBudget = 1 / Self.framesPerSecond - Date().timeIntervalSince(frameStart)
      guard let input = terminal.nextInput(timeoutMilliseconds: Int(max(frameBudget, 0.001) * 1000)) else { continue }
      dirty = true
      switch input {
      case .resize:
        terminal.invalidate()
        let size = terminal.size
        _ = state.update(.resize(width: size.width, height: size.height))
      case .key(let key):
        for effect in state.update(.key(key)) {
          switch effect {
          case .quit: return 0
          case .trainer(let command): session.send(command)
          case .saveScreen: state.showMessage(ScreenSaver.save(state.render(), view: state.view))
          }
        }
      case .click, .scroll:
        break
      }
    }
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
