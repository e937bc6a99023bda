import Foundation
import RNNEngine

/// What watching costs: training speed while snapshots are published as the live session
/// publishes them (each with a fresh probe trace from the background tracer, started as
/// `TrainingSession.publishGap` allows), against the same training with nobody watching, for
/// `rnnscope bench --live`.
///
/// Both sides train on the live session's one training thread (`TrainingBenchmark.liveSessionThreads`);
/// the watched side's tracer runs beside it on a thread of its own, as in the session.
///
/// Workload: the next-byte task on the built-in story (B = 32, T = 100, one-hot bytes, Adam).
/// Both sides log every step and evaluate and sample at each epoch's end, as `rnnscope train`
/// and the session do, and run the same whole epochs in alternating rounds, driven from the
/// calling thread: a session thread and a poller would only add noise to a difference of a few
/// percent.
public enum LiveBenchmark {
  /// Steps per second of one configuration, watched and not (medians of the rounds).
  public struct Result: Sendable, Equatable, Codable {
    /// Cell timed.
    public var cell: CellType
    /// H.
    public var hidden: Int
    /// Optimizer steps per second with nobody watching.
    public var unwatchedStepsPerSecond: Double
    /// Optimizer steps per second while publishing snapshots.
    public var watchedStepsPerSecond: Double
    /// Snapshots published per second while watched.
    public var snapshotsPerSecond: Double
    /// The share of the watched run's time the trainer spent publishing (building the snapshots,
    /// and the traces where the tracer has no core of its own): what
    /// `TrainingSession.publishShare` bounds, free of the noise in the two speeds.
    public var publishingShare: Double
    /// The share of the watched run's time the background tracer spent tracing, on its own thread.
    public var tracerShare: Double
    /// The share of training speed that watching costs (0.06 = 6 % slower).
    public var slowdown: Double { 1 - watchedStepsPerSecond / unwatchedStepsPerSecond }
  }

  /// The median of each figure over `rounds` (one result a process), for `rnnscope bench`.
  public static func median(of rounds: [Result]) -> Result? {
    medianFields(
      of: rounds,
      fields: [
        \.unwatchedStepsPerSecond, \.watchedStepsPerSecond, \.snapshotsPerSecond, \.publishingShare, \.tracerShare,
      ])
  }

  /// Runs `rounds` rounds of whole epochs (at least `seconds` each) unwatched and then watched.
  public static func run(cell: CellType, hidden: Int, seconds: Double = 2, rounds: Int = 3) throws -> Result {
    EngineThreads.set(TrainingBenchmark.liveSessionThreads)
    let config = TrainingConfig(
      task: .defaults(for: .languageModel), cell: cell, hidden: hidden, learningRate: 1e-3, epochs: nil)
    let trainer = Trainer(config: config, task: try config.makeTask())
    var log = TrainingLog()
    var schedule = PublishSchedule()
    var snapshots = 0
    var publishingSeconds: TimeInterval = 0
    var tracerSeconds: TimeInterval = 0

    /// Seconds that `count` steps take, publishing snapshots on the session's schedule if `watched`
    /// (each finished trace published, and the next handed to the tracer with the same step once
    /// due from the snapshot before).
    func time(steps count: Int, watched: Bool) -> TimeInterval {
      let start = Date()
      for _ in 0..<count {
        let finished = watched ? trainer.takeFinishedTrace() : nil
        let tracing = watched && schedule.isDue() && !trainer.isTracing
        if let finished {
          let publishStart = Date()
          _ = TrainingSnapshot(trainer: trainer, status: .training, log: log, trace: finished.trace)
          let cost = Date().timeIntervalSince(publishStart) + finished.secondsTakenFromTrainer
          schedule.published(at: Date(), cost: cost)
          publishingSeconds += cost
          tracerSeconds += finished.seconds
          snapshots += 1
        }
        if case .trained(let stats, let tokens) = trainer.trainStep(tracing: tracing) {
          log.record(stats, tokens: tokens, of: trainer)
        }
      }
      return Date().timeIntervalSince(start)
    }

    // Warm up with one epoch, and size a round as the whole epochs that fill `seconds`.
    let epochSeconds = time(steps: trainer.stepsPerEpoch, watched: false)
    let steps = trainer.stepsPerEpoch * max(1, Int((seconds / max(epochSeconds, 1e-6)).rounded(.up)))
    var unwatched: [Double] = []
    var watched: [Double] = []
    var snapshotRates: [Double] = []
    var shares: [Double] = []
    var tracerShares: [Double] = []
    for _ in 0..<rounds {
      unwatched.append(Double(steps) / time(steps: steps, watched: false))
      (snapshots, publishingSeconds, tracerSeconds) = (0, 0, 0)
      let watchedSeconds = time(steps: steps, watched: true)
      watched.append(Double(steps) / watchedSeconds)
      snapshotRates.append(Double(snapshots) / watchedSeconds)
      shares.append(publishingSeconds / watchedSeconds)
      tracerShares.append(tracerSeconds / watchedSeconds)
      _ = trainer.probeTrace()  // the last trace ends here, not in the next unwatched round
    }
    return Result(
      cell: cell, hidden: hidden, unwatchedStepsPerSecond: Benchmarks.median(unwatched),
      watchedStepsPerSecond: Benchmarks.median(watched),
      snapshotsPerSecond: Benchmarks.median(snapshotRates), publishingShare: Benchmarks.median(shares),
      tracerShare: Benchmarks.median(tracerShares))
  }
}
