/// All panes of one experiment on one task (recall, or case correction for `direction`), trained
/// round-robin: the engine of `rnnscope lab`.
///
/// Not thread-safe: the headless command drives it on the main thread, `LabSession` on its own thread.
public final class LabRun {
  /// Which experiment runs.
  public let experiment: LabExperiment
  /// The settings in force.
  public private(set) var settings: LabSettings
  private var task: any SequenceTask
  private var panes: [LabPane]

  /// A run of `experiment` with `settings`; throws if the recall task rejects the gap.
  public convenience init(experiment: LabExperiment, settings: LabSettings) throws(TaskError) {
    self.init(experiment: experiment, settings: settings, task: try experiment.task(settings))
  }

  /// A run on an already validated task (`LabExperiment.task`; recall's gap is `settings.gap`).
  init(experiment: LabExperiment, settings: LabSettings, task: any SequenceTask) {
    self.experiment = experiment
    self.settings = settings
    self.task = task
    panes = []  // set before `makePane`, which needs a fully initialised self
    panes = experiment.panes(settings).map(makePane)
  }

  /// Whether every pane has stopped.
  public var isFinished: Bool { panes.allSatisfy { !$0.status.isTraining } }

  /// One step of every pane still training, in display order.
  public func advance() {
    for pane in panes { pane.advance() }
  }

  /// Switches to `newSettings`, restarting only the panes they change (a new gap or seed restarts all).
  ///
  /// Keeps the old settings and returns false if the new gap is not a valid recall task.
  @discardableResult
  public func apply(_ newSettings: LabSettings) -> Bool {
    // The forget bias and the scales only change some panes' specs; any other setting changes every pane.
    var othersOnly = newSettings
    othersOnly.forgetBias = settings.forgetBias
    othersOnly.scales = settings.scales
    let keepsPanes = othersOnly == settings
    if newSettings.gap != settings.gap, experiment.usesRecall {
      guard let newTask = try? RecallTask(config: .init(gap: newSettings.gap)) else { return false }
      task = newTask
    }
    // Each kept pane is claimed once, so two panes with equal specs (e.g. a repeated ρ) stay two models.
    var unclaimed = keepsPanes ? panes : []
    settings = newSettings
    panes = experiment.panes(newSettings).map { spec in
      if let index = unclaimed.firstIndex(where: { $0.spec == spec }) { return unclaimed.remove(at: index) }
      return makePane(spec)
    }
    return true
  }

  /// Starts every pane again from its initial weights.
  public func restart() {
    panes = panes.map { makePane($0.spec) }
  }

  /// The run now.
  public func snapshot(publication: Int = 0, isPaused: Bool = false) -> LabSnapshot {
    LabSnapshot(
      publication: publication, experiment: experiment, settings: settings, isPaused: isPaused,
      panes: panes.map(\.snapshot), probeTargets: experiment.usesRecall ? [] : Self.targets(of: task.probe.batch),
      probeTargetLabels: experiment.usesRecall ? [] : task.probe.targetLabels)
  }

  /// A per-step target's classes, `(T)` for a one-sequence batch.
  private static func targets(of batch: Batch) -> [Int] {
    guard case .everyStep(let ids) = batch.targets else { return [] }
    return ids.map(Int.init)
  }

  /// A fresh pane of this run's task and settings.
  private func makePane(_ spec: LabPaneSpec) -> LabPane {
    LabPane(spec: spec, task: task, settings: settings, stepBudget: settings.stepBudget(for: experiment))
  }
}
