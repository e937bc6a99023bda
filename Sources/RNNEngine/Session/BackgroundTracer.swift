import CKernels
import Foundation
import Synchronization

/// Traces the probe on a thread of its own, from a copy of the weights, so that the trainer never
/// waits for a trace: how the live session watches a model without slowing its training.
///
/// The trainer hands over the weights a step started from and that step's gradient norms
/// (`start`) and goes on training; this thread runs the probe's forward and backward pass and the
/// stability measures on its own copy of the model, and keeps the trace until it is taken. One
/// trace at a time: `start` while one is running is refused. Each trace's iterations start where
/// the previous one's ended (`TraceWarmStart`).
public final class BackgroundTracer: @unchecked Sendable {
  /// A trace the tracer finished.
  public struct Finished: Sendable {
    /// The probe's trace: what a pass of its own records with the weights step `step` started
    /// from, with that step's gradient norms.
    public var trace: Trace
    /// The trainer's step count after the step whose starting weights the trace describes.
    public var step: Int
    /// Seconds the trace took on the tracer's thread.
    public var seconds: Double

    /// Seconds the trace took from the trainer: none where the tracer has a core the trainer does
    /// not use (the session trains on one thread), else all of them.
    public var secondsTakenFromTrainer: Double {
      ProcessInfo.processInfo.activeProcessorCount > 1 ? 0 : seconds
    }
  }

  private struct Request {
    var parameters: [Float]
    var gradientNorms: [Trace.NamedNorm]
    var probe: Batch
    var step: Int
  }

  private struct State {
    var request: Request?
    var running = false
    var finished: Finished?
    var stopping = false
  }

  /// The tracer's copy of the model: only the tracer's thread touches it after `init`.
  private let model: RecurrentModel
  private let state = Mutex(State())
  private let wakeUp = DispatchSemaphore(value: 0)
  /// Signalled whenever a trace finishes, for `waitForTrace`.
  private let traceDone = DispatchSemaphore(value: 0)

  /// A tracer for models of `config`, its thread started; its first trace starts from `warmStart`.
  public init(config: ModelConfig, warmStart: TraceWarmStart = TraceWarmStart()) {
    model = RecurrentModel(config: config)
    let thread = Thread { [self] in run(startingFrom: warmStart) }
    thread.name = "rnnscope-tracer"
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Starts tracing `probe` with `parameters` (the weights step `step` started from, laid out as
  /// the model's), the trace carrying `gradientNorms`; false, doing nothing, while a trace runs.
  @discardableResult
  public func start(parameters: [Float], gradientNorms: [Trace.NamedNorm], probe: Batch, step: Int) -> Bool {
    let accepted = state.withLock { state in
      guard !state.running, !state.stopping else { return false }
      state.request = Request(parameters: parameters, gradientNorms: gradientNorms, probe: probe, step: step)
      state.running = true
      return true
    }
    if accepted { wakeUp.signal() }
    return accepted
  }

  /// Whether a trace is running.
  public var isBusy: Bool { state.withLock { $0.running } }

  /// The latest finished trace not taken yet, taken; nil when there is none.
  public func takeFinished() -> Finished? {
    state.withLock { state in
      defer { state.finished = nil }
      return state.finished
    }
  }

  /// Waits for the running trace, if any, and then takes the latest finished one.
  public func waitForTrace() -> Finished? {
    while isBusy { traceDone.wait() }
    return takeFinished()
  }

  /// Ends the tracer's thread once the running trace, if any, is done.
  public func stop() {
    state.withLock { $0.stopping = true }
    wakeUp.signal()
  }

  private func run(startingFrom firstStart: TraceWarmStart) {
    // Background work: waking up to trace must not take the trainer's core from it.
    rk_make_background_thread()
    var warmStart = firstStart
    while true {
      wakeUp.wait()
      guard let request = state.withLock({ state in state.stopping ? nil : state.request }) else { return }
      let started = ContinuousClock.now
      model.parameters = request.parameters
      var trace = model.probe(request.probe, warmStart: &warmStart)
      trace.parameterGradientNorms = request.gradientNorms
      let finished = Finished(
        trace: trace, step: request.step, seconds: (ContinuousClock.now - started) / .seconds(1))
      state.withLock { state in
        state.request = nil
        state.running = false
        state.finished = finished
      }
      traceDone.signal()
    }
  }
}
