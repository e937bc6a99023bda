#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The last termination signal received (SIGINT, SIGTERM or SIGHUP), 0 for none.
///
/// A signal handler may only touch async-signal-safe state, so the handler stores the signal
/// number and the main loop notices it, restores the terminal and exits with 128 + signal.
nonisolated(unsafe) private var pendingSignal: sig_atomic_t = 0

/// Catches the signals that should end the program cleanly instead of killing it mid-frame.
public enum SignalMonitor {
  /// The signals that end a session: Ctrl-C, `kill`, and a closed SSH connection.
  public static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Installs the flag-setting handler for every termination signal.
  public static func install() {
    for signalNumber in terminationSignals {
      signal(signalNumber) { received in pendingSignal = received }
    }
  }

  /// The termination signal received since the last call, if any.
  public static func takePendingSignal() -> Int32? {
    let received = pendingSignal
    guard received != 0 else { return nil }
    pendingSignal = 0
    return Int32(received)
  }

  /// The conventional exit status for a process ended by `signalNumber`.
  public static func exitStatus(for signalNumber: Int32) -> Int32 { 128 + signalNumber }
}
