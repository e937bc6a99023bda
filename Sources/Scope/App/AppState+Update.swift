import RNNEngine
import TermCanvas

extension AppState {
  /// Training speeds that `+` and `-` step through, in steps per second (`nil`: as fast as possible).
  public static let speedLevels: [Int?] = [1, 2, 5, 10, 30, 100, nil]
  /// Clipping thresholds that `c` cycles through (`nil`: off).
  static let clipLevels: [Float?] = [nil, 1, 5, 25]
  /// Learning rates `[` and `]` can reach: past these a run only stalls or diverges.
  static let learningRateRange: ClosedRange<Float> = 1e-6...10
  /// Sampling temperatures `t` and `T` can reach, in steps of 0.1.
  static let temperatureRange: ClosedRange<Float> = 0.1...3
  /// Frames between two animation steps of the unrolled view.
  static let animationFramesPerStep = 4

  /// Applies one event and returns what the outside world should do; the only way state changes.
  public mutating func update(_ event: AppEvent) -> [AppEffect] {
    switch event {
    case .resize(let width, let height):
      self.width = width
      self.height = height
      return []
    case .snapshot(let snapshot):
      // The animation shows the snapshot it started on; newer ones wait until it ends.
      if animation != nil && self.snapshot != nil {
        snapshotAfterAnimation = snapshot
        return []
      }
      self.snapshot = snapshot
      clampCursor()
      return []
    case .labSnapshot(let lab):
      self.lab = lab
      return []
    case .seq2seqSnapshot(let snapshot):
      seq2seq = snapshot
      clampCursor()
      return []
    case .attentionLabSnapshot(let lab):
      attentionLab = lab
      return []
    case .frame(let framesPerSecond):
      self.framesPerSecond = framesPerSecond
      advanceFrame()
      return advanceReplay()
    case .key(let key):
      return handle(key)
    case .click(let x, let y):
      // The tab row switches views; elsewhere a click only closes the help, like a key.
      if showsHelp {
        showsHelp = false
        return []
      }
      guard y == 0, let tab = tabPositions().first(where: { $0.columns.contains(x) })?.view else { return [] }
      return switchView(to: tab)
    case .scroll(let up):
      return handle(up ? .up : .down)
    }
  }

  private mutating func handle(_ key: Key) -> [AppEffect] {
    if showsHelp {
      if key == .character("q") { return [.quit] }
      showsHelp = false
      return []
    }
    if view == .hidden, replay == nil, let effects = patternSearchKey(key) { return effects }
    switch key {
    case .character("q"): return [.quit]
    case .character("?"), .function(1): showsHelp = true
    case .tab: return switchView(to: view.next(in: tabs))
    case .backTab: return switchView(to: view.previous(in: tabs))
    case .character(let digit) where digit.wholeNumberValue.map { (1...tabs.count).contains($0) } == true:
      return switchView(to: tabs[(digit.wholeNumberValue ?? 1) - 1])
    case .left, .character("h"): moveCursor(steps: -1)
    case .right, .character("l"): moveCursor(steps: 1)
    case .home: moveCursor(steps: -Int.max / 2)
    case .end: moveCursor(steps: Int.max / 2)
    case .up, .character("k"): moveCursor(units: -1)
    case .down, .character("j"): moveCursor(units: 1)
    case .pageUp: moveCursor(units: -8)
    case .pageDown: moveCursor(units: 8)
    case .character("L"): modelKind == .recurrent ? cycleLayer() : cycleSeq2SeqLayer()
    case .character("a"): modelKind == .recurrent ? startAnimation() : startEncoderDecoderAnimation()
    case .character("e") where modelKind == .encoderDecoder && view != .lab: switchSide()
    case .character("g") where modelKind == .encoderDecoder && view == .attention:
      attentionMatrix = attentionMatrix.toggled
      showMessage(
        attentionMatrix == .alpha
          ? "α: where each output step looks" : "connectivity ‖∂ logit / ∂e_j‖: what each output depends on (not α)")
      // A live session measures the probe's connectivity only while it is shown.
      return replay == nil ? [.trainer(.watchConnectivity(attentionMatrix == .connectivity))] : []
    case .character("d") where snapshot?.model.bidirectional == true:
      cursor.isReverse.toggle()
      showMessage(
        (cursor.isReverse ? "← backward direction" : "→ forward direction")
          + ": Unrolled works it out inside the step, Hidden state reads out its unit")
    case .character("s"): return [.saveScreen]
    case .character("t"), .character("T"): return changeTemperature(by: key == .character("T") ? 0.1 : -0.1)
    default:
      if view == .lab { return modelKind == .encoderDecoder ? attentionLabControl(key) : labControl(key) }
      return replay == nil ? trainingControl(key) : replayControl(key)
    }
    return []
  }

  /// Switches to `target`; the lab starts the first time its view opens.
  private mutating func switchView(to target: ViewID) -> [AppEffect] {
    guard !isLabOnly else { return [] }
    // The trainer measures connectivity only while a view shows it: the Connectivity view, or an
    // encoder–decoder's Attention view switched to it with `g`.
    let matrix = attentionMatrix
    let shows = { (view: ViewID) in view == .connectivity || (view == .attention && matrix == .connectivity) }
    let watch: [AppEffect] =
      shows(view) != shows(target) && replay == nil ? [.trainer(.watchConnectivity(shows(target)))] : []
    view = target
    clampCursor()
    guard target == .lab, !labStarted else { return watch }
    labStarted = true
    if let seq2seq { return [.startAttentionLab(Self.attentionLabSettings(for: seq2seq))] }
    return watch + [.startLab(.scale, LabSettings())]
  }

  /// Keys of the lab view: experiment, forget bias, gap, init/now, pause, restart.
  private mutating func labControl(_ key: Key) -> [AppEffect] {
    guard let lab else { return [] }
    switch key {
    case .character("e"):
      let all = LabExperiment.allCases
      let next = all[((all.firstIndex(of: lab.experiment) ?? 0) + 1) % all.count]
      showMessage("lab: \(next.rawValue) experiment")
      return [.startLab(next, lab.settings)]
    case .character("f"):
      guard lab.experiment.usesRecall else { return [] }
      let bias: Float? = lab.settings.forgetBias == nil ? 3 : nil
      showMessage(
        bias.map { "LSTM forget-gate bias \(Format.compact($0)): the LSTM pane restarts" }
          ?? "LSTM forget-gate bias: default init")
      return [.lab(.setForgetBias(bias))]
    case .character("g"), .character("G"):
      guard lab.experiment.usesRecall else { return [] }
      let gap = max(1, key == .character("g") ? lab.settings.gap / 2 : lab.settings.gap * 2)
      showMessage("recall gap \(gap): every pane restarts")
      return [.lab(.setGap(gap))]
    case .character("i"): labShowsInit.toggle()
    case .character(" "): return [.lab(lab.isPaused ? .resume : .pause)]
    case .character("r"): return [.lab(.restart)]
    default: break
    }
    return []
  }

  /// Keys that move through a recording: previous/next epoch, first/last, play.
  private mutating func replayControl(_ key: Key) -> [AppEffect] {
    guard var timeline = replay, !timeline.epochs.isEmpty else { return [] }
    let target: Int
    switch key {
    case .character("["), .character("<"), .character(","): target = timeline.current - 1
    case .character("]"), .character(">"), .character("."), .character("n"): target = timeline.current + 1
    case .character("{"): target = 0
    case .character("}"): target = timeline.epochs.count - 1
    case .character("p"), .character(" "):
      timeline.isPlaying.toggle()
      if timeline.isPlaying && timeline.current == timeline.epochs.count - 1 { timeline.current = -1 }
      timeline.framesUntilNext = 0
      replay = timeline
      return []
    default: return []
    }
    timeline.isPlaying = false
    return moveReplay(toEpoch: target, of: &timeline)
  }

  /// Moves a playing replay on by one epoch when its time is up; stops at the last epoch.
  private mutating func advanceReplay() -> [AppEffect] {
    guard var timeline = replay, timeline.isPlaying else { return [] }
    timeline.framesUntilNext -= 1
    guard timeline.framesUntilNext <= 0 else {
      replay = timeline
      return []
    }
    timeline.framesUntilNext = ReplayTimeline.framesPerEpoch
    if timeline.current + 1 >= timeline.epochs.count - 1 { timeline.isPlaying = false }
    return moveReplay(toEpoch: timeline.current + 1, of: &timeline)
  }

  /// Moves the replay to epoch `index` (clamped to the recording) and asks for it if it changed.
  private mutating func moveReplay(toEpoch index: Int, of timeline: inout ReplayTimeline) -> [AppEffect] {
    let clamped = min(max(index, 0), timeline.epochs.count - 1)
    let changed = clamped != timeline.current
    timeline.current = clamped
    replay = timeline
    return changed ? [.showEpoch(timeline.epochs[clamped])] : []
  }

  /// Keys that steer the trainer: pause, single step, speed, learning rate, clipping.
  private mutating func trainingControl(_ key: Key) -> [AppEffect] {
    guard let controls = trainerControls else { return [] }
    switch key {
    case .character(" "):
      switch controls.status {
      case .training: return [.trainer(.pause)]
      case .paused, .diverged:
        if let importedModel, controls.step == 0 {
          showMessage("fine-tuning \(importedModel) on the \(controls.taskName) task (the file stays as it is)")
        }
        return [.trainer(.resume)]
      case .finished: showMessage("training finished: all epochs done")
      }
    case .character("n"):
      guard controls.status != .training else {
        showMessage("pause first (space), then n takes one step")
        return []
      }
      // In a lecture n runs to the end of the epoch, where training pauses again.
      if controls.pausesAtEpochEnd && controls.status == .paused { return [.trainer(.resume)] }
      return [.trainer(.singleStep)]
    case .character("+"), .character("="): return changeSpeed(by: 1, from: controls.speedLimit)
    case .character("-"), .character("_"): return changeSpeed(by: -1, from: controls.speedLimit)
    case .character("["), .character("]"):
      let wanted = controls.learningRate * (key == .character("]") ? 2 : 0.5)
      let rate = min(max(wanted, Self.learningRateRange.lowerBound), Self.learningRateRange.upperBound)
      guard rate != controls.learningRate else {
        showMessage(
          "learning rate stays at \(Format.compact(rate)): the keys keep it within \(Format.compact(Self.learningRateRange.lowerBound))–\(Format.compact(Self.learningRateRange.upperBound))"
        )
        return []
      }
      showMessage("learning rate \(Format.compact(rate))")
      return [.trainer(.setLearningRate(rate))]
    case .character("c"):
      let levels = Self.clipLevels
      let index = levels.firstIndex(of: controls.clip) ?? 0
      let clip = levels[(index + 1) % levels.count]
      showMessage(clip.map { "clipping the gradient norm at \(Format.compact($0))" } ?? "clipping off")
      return [.trainer(.setClip(clip))]
    default: break
    }
    return []
  }

  /// Lowers or raises the sampling temperature by `delta` and asks for a sample written at it.
  private mutating func changeTemperature(by delta: Float) -> [AppEffect] {
    guard snapshot?.task.kind == .languageModel else {
      showMessage("t/T set the sampling temperature of a language model (--task lm)")
      return []
    }
    let wanted = ((temperature + delta) * 10).rounded() / 10
    let clamped = min(max(wanted, Self.temperatureRange.lowerBound), Self.temperatureRange.upperBound)
    guard clamped != temperature else {
      showMessage(
        "temperature stays at \(Format.fixed(clamped, decimals: 1)): t/T keep it within \(Format.fixed(Self.temperatureRange.lowerBound, decimals: 1))–\(Format.fixed(Self.temperatureRange.upperBound, decimals: 1))"
      )
      return []
    }
    temperature = clamped
    showMessage("temperature \(Format.fixed(clamped, decimals: 1)): sampling again")
    return [.trainer(.setSampleTemperature(clamped))]
  }

  private mutating func changeSpeed(by delta: Int, from current: Int?) -> [AppEffect] {
    let levels = Self.speedLevels
    let index = levels.firstIndex(of: current) ?? levels.count - 1
    let limit = levels[min(max(index + delta, 0), levels.count - 1)]
    showMessage(limit.map { "speed: \($0) steps/s" } ?? "speed: full")
    return [.trainer(.setSpeedLimit(limit))]
  }

  /// Shows `text` on the status line for a few seconds.
  public mutating func showMessage(_ text: String) {
    message = Message(text: text, framesLeft: 90)
  }

  private mutating func moveCursor(steps: Int = 0, units: Int = 0) {
    // The Attention and Encoder–decoder views select an output step, not a unit: ↑/↓ move through the steps too.
    let selectsStep = modelKind == .encoderDecoder && (view == .attention || view == .encoderDecoder)
    let (steps, units) = selectsStep ? (steps.addingReportingOverflow(units).partialValue, 0) : (steps, units)
    cursor.step = cursor.step.addingReportingOverflow(steps).partialValue
    cursor.unit += units
    clampCursor()
  }

  private mutating func cycleLayer() {
    guard let layers = snapshot?.model.layers, layers > 1 else {
      showMessage("the model has one layer")
      return
    }
    cursor.layer = (cursor.layer + 1) % layers
    showMessage("layer \(cursor.layer + 1) of \(layers)")
  }

  private mutating func startAnimation() {
    view = .unrolled
    animation = UnrolledAnimation(phase: .forward, step: 0, framesUntilNext: Self.animationFramesPerStep)
    cursor.step = 0
  }

  private mutating func advanceFrame() {
    if var current = message {
      current.framesLeft -= 1
      message = current.framesLeft > 0 ? current : nil
    }
    advanceEncoderDecoderAnimation()
    guard var animation, let length = snapshot?.trace.length, length > 0 else { return }
    animation.framesUntilNext -= 1
    if animation.framesUntilNext <= 0 {
      animation.framesUntilNext = Self.animationFramesPerStep
      switch animation.phase {
      case .forward where animation.step + 1 < length: animation.step += 1
      case .forward: animation.phase = .backward
      case .backward where animation.step > 0: animation.step -= 1
      case .backward:
        self.animation = nil
        if let newer = snapshotAfterAnimation {
          snapshot = newer
          snapshotAfterAnimation = nil
          clampCursor()
        }
        return
      }
    }
    cursor.step = animation.step
    self.animation = animation
  }

  /// Keeps the cursor inside the probe, the hidden units and the layers.
  mutating func clampCursor() {
    if let seq2seq {
      clampSeq2SeqCursor(seq2seq)
      return
    }
    guard let snapshot else { return }
    cursor.step = min(max(cursor.step, 0), max(snapshot.trace.length - 1, 0))
    cursor.unit = min(max(cursor.unit, 0), snapshot.model.hidden - 1)
    cursor.layer = min(max(cursor.layer, 0), snapshot.model.layers - 1)
    cursor.isReverse = cursor.isReverse && snapshot.model.bidirectional
  }
}
