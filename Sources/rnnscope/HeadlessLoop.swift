import Terminal

/// Calls `step` until `isFinished` or a signal arrives; returns the signal that stopped it, if one did.
/// (`SignalMonitor.install()` must have been called.)
func stepUntilFinishedOrSignalled(_ isFinished: () -> Bool, _ step: () -> Void) -> Int32? {
  while !isFinished() {
    if let signal = SignalMonitor.takePendingSignal() { return signal }
    step()
  }
  return nil
}
