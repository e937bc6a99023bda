import Dispatch
import Foundation
import Synchronization

/// The meeting point of a UI thread and a worker thread: commands go in, the latest snapshot comes
/// out, and neither side ever waits for the other's work.
///
/// The worker takes the queued commands between steps and publishes whole immutable snapshots;
/// the UI reads the latest one each frame.
public final class SessionMailbox<Command: Sendable, Snapshot: Sendable>: Sendable {
  private let inbox = Mutex<[Command]>([])
  private let latest = Mutex<Snapshot?>(nil)
  private let wakeUp = DispatchSemaphore(value: 0)
  private let done = DispatchSemaphore(value: 0)

  /// An empty mailbox: no command queued, nothing published.
  public init() {}

  /// Queues a command and wakes the worker if it is waiting.
  public func send(_ command: Command) {
    inbox.withLock { $0.append(command) }
    wakeUp.signal()
  }

  /// The most recent snapshot, or nil before the first is published.
  public var snapshot: Snapshot? { latest.withLock { $0 } }

  /// The commands queued since the last call, oldest first (worker side).
  func takeCommands() -> [Command] {
    inbox.withLock { commands in
      defer { commands.removeAll() }
      return commands
    }
  }

  /// Replaces the latest snapshot (worker side).
  func publish(_ snapshot: Snapshot) { latest.withLock { $0 = snapshot } }

  /// Waits up to `seconds` for a command to arrive (worker side).
  func waitForCommand(seconds: Double) { _ = wakeUp.wait(timeout: .now() + seconds) }

  /// Runs `work` on a thread of its own called `name`; `stop` returns once it has returned.
  func startWorker(named name: String, _ work: @escaping @Sendable () -> Void) {
    let thread = Thread { [done] in
      work()
      done.signal()
    }
    thread.name = name
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Sends `command` (the one that ends the worker's loop) and waits until the worker has returned.
  func stop(sending command: Command) {
    send(command)
    done.wait()
  }
}
