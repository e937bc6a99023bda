#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An immutable picture of a whole experiment that the lab thread publishes for the UI.
public struct LabSnapshot: Sendable {
  /// Counts the snapshots a session published, so a reader can tell a new one from the last.
  public var publication: Int
  /// Which experiment runs.
  public var experiment: LabExperiment
  /// The settings in force (gap, forget bias and scales may have changed live).
  public var settings: LabSettings
  /// Whether the session is paused.
  public var isPaused: Bool
  /// Every pane, in display order.
  public var panes: [LabPaneSnapshot]
  /// Case correction: the probe's target class at each position, which `LabPaneSnapshot.probePrediction`
  /// is read against; empty on recall.
  public var probeTargets: [Int] = []
  /// Case correction: a readable name for each probe target (`ByteText.symbolName`).
  public var probeTargetLabels: [String] = []

  /// The direction experiment's probe compared between its first pane (unidirectional) and its
  /// second (bidirectional) at the latest evaluation both have made; nil for other experiments or
  /// before both have predicted.
  public var probeComparison: ProbeComparison? { probeComparisons.last?.comparison }

  /// The direction experiment's probe compared at every evaluation both panes have made, with its step.
  public var probeComparisons: [(step: Int, comparison: ProbeComparison)] {
    guard experiment == .direction, panes.count == 2 else { return [] }
    let (unidirectional, bidirectional) = (panes[0], panes[1])
    let count = min(unidirectional.probePredictions.count, bidirectional.probePredictions.count)
    return (0..<count).map { index in
      (
        unidirectional.evaluationSteps[index],
        ProbeComparison(
          targets: probeTargets, unidirectional: unidirectional.probePredictions[index],
          bidirectional: bidirectional.probePredictions[index])
      )
    }
  }

  /// The probe positions whose target is a capital letter A–Z, the letters the backward direction is for.
  public var probeCapitals: [Int] { probeTargets.indices.filter { (65...90).contains(probeTargets[$0]) } }

  /// The evaluation at which the most of the probe's capitals were right only with both directions
  /// (the earliest of equals); nil before any. Early on the bidirectional model also learns to copy
  /// lowercase letters sooner, which is not what its backward direction is for.
  public var mostBidirectionalOnlyCapitals: (step: Int, comparison: ProbeComparison)? {
    let capitals = probeCapitals
    return probeComparisons.max {
      $0.comparison.count(.onlyBidirectional, among: capitals)
        < $1.comparison.count(.onlyBidirectional, among: capitals)
    }
  }

  /// The experiment's name: `scale`, `arch`, `clip`, `activation` or `direction`.
  public var experimentName: String { experiment.rawValue }
  /// Whether every pane has stopped (passed, diverged or used its budget).
  public var isFinished: Bool { panes.allSatisfy { !$0.status.isTraining } }
  /// T, the number of distances a gradient profile covers (gap + 2 steps).
  public var distanceCount: Int { settings.gap + 2 }
  /// The slides' vanishing reference 0.9^d for d in 0..<T.
  public var vanishingReference: [Float] { Self.powers(of: 0.9, count: distanceCount) }
  /// The slides' exploding reference 1.1^d for d in 0..<T.
  public var explodingReference: [Float] { Self.powers(of: 1.1, count: distanceCount) }

  /// `[base^0, base^1, …]`, `count` entries.
  public static func powers(of base: Float, count: Int) -> [Float] {
    (0..<count).map { Float(pow(Double(base), Double($0))) }
  }
}
