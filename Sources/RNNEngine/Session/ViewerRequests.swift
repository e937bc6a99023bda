import Foundation

/// What the views asked the trainer thread to compute beside its snapshots (pattern search,
/// connectivity), the latest answers, and when each is due again as the weights change.
///
/// Lives on the trainer thread. Each answer is recomputed at most as often as keeps its cost
/// within `TrainingSession.publishShare` of the thread's time, and no more often than its
/// own interval: the views follow training without slowing it by more than that share each.
struct ViewerRequests {
  /// Seconds between two pattern searches of the same request while training runs.
  static let searchInterval: TimeInterval = 2
  /// Seconds between two measures of the probe's connectivity while training runs.
  static let probeConnectivityInterval: TimeInterval = 0.2
  /// Seconds between two measures of the held-out connectivity by distance.
  static let distanceInterval: TimeInterval = 5

  private(set) var unitSearch: UnitSearchResult?
  private(set) var connectivity: ProbeConnectivity?
  private var searchRequest: UnitSearchRequest?
  private var watchesConnectivity = false
  private var searchClock = RefreshClock(interval: searchInterval)
  private var probeClock = RefreshClock(interval: probeConnectivityInterval)
  private var distanceClock = RefreshClock(interval: distanceInterval)
  private var byDistance: (values: [Double], samples: Int) = ([], 0)

  /// Applies a command for the views (others are the training loop's and change nothing here).
  mutating func apply(_ command: TrainerCommand, to trainer: Trainer) {
    switch command {
    case .searchUnits(let request):
      searchRequest = request
      if request == nil { unitSearch = nil }
      searchClock.expire()
    case .watchConnectivity(let watches):
      watchesConnectivity = watches
      if !watches { connectivity = nil }
      probeClock.expire()
      distanceClock.expire()
    case .useHeldOutProbe(let range):
      guard let text = Self.probeText(of: range, for: trainer) else { return }
      try? trainer.useProbe(text: text)
      probeClock.expire()
    default:
      break
    }
  }

  /// Recomputes what is due with the trainer's current weights.
  mutating func refresh(_ trainer: Trainer) {
    if let searchRequest, searchClock.isDue() {
      searchClock.run { unitSearch = trainer.searchUnits(searchRequest) }
    }
    guard watchesConnectivity else { return }
    if distanceClock.isDue() {
      distanceClock.run {
        byDistance = (trainer.heldOutConnectivityByDistance() ?? [], ProbeConnectivity.distanceSamples)
      }
    }
    if probeClock.isDue() {
      probeClock.run { connectivity = trainer.probeConnectivity() }
    }
    connectivity?.byDistance = byDistance.values
    connectivity?.distanceSamples = byDistance.values.isEmpty ? 0 : byDistance.samples
  }

  /// The probe text for held-out positions `range`: the text the model read there, as the task
  /// takes a probe (a language model's one symbol longer, its last symbol only a target).
  private static func probeText(of range: Range<Int>, for trainer: Trainer) -> String? {
    switch trainer.task {
    case let languageModel as LanguageModelTask:
      let tokens = languageModel.heldOutText
      guard range.lowerBound >= 0, range.upperBound < tokens.count else { return nil }
      return languageModel.decode(classIds: tokens[range.lowerBound...range.upperBound].map { Int($0) })
    case let caseCorrection as CaseCorrectionTask:
      let bytes = caseCorrection.source.heldOutBytes
      guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
      return String(decoding: bytes[range], as: UTF8.self)
    default:
      return nil
    }
  }
}

/// When a recurring computation is due: after its interval, or later when its last run took so
/// long that running it more often would use more than `TrainingSession.publishShare` of the time.
private struct RefreshClock {
  let interval: TimeInterval
  private var last = Date.distantPast
  private var cost: TimeInterval = 0

  init(interval: TimeInterval) { self.interval = interval }

  func isDue(at now: Date = Date()) -> Bool {
    let share = TrainingSession.publishShare
    return now.timeIntervalSince(last) >= max(interval, cost * (1 - share) / share)
  }

  /// Makes the next `isDue` true (the request changed).
  mutating func expire() { last = .distantPast }

  /// Runs `work`, noting when and how long.
  mutating func run(_ work: () -> Void) {
    let started = Date()
    work()
    last = Date()
    cost = last.timeIntervalSince(started)
  }
}
