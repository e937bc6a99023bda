import RNNEngine
import TermCanvas

/// The encoder–decoder's side of the app: its views, hint and status line, and its lab.
extension AppState {
  /// The bottleneck lab an encoder–decoder session opens: the session's cell, sizes and optimiser on
  /// its generated task (reverse for the pairs task) at the lectures' source lengths 1–30, evaluated
  /// every 100 steps on 500 held-out pairs so the chart moves while a class watches.
  static func attentionLabSettings(for snapshot: Seq2SeqSessionSnapshot) -> AttentionLabSettings {
    let task = snapshot.task.kind == .pairs ? Seq2SeqTaskKind.reverse : snapshot.task.kind
    return AttentionLabSettings(
      task: task, lengths: 1...30, cell: snapshot.config.cell, hidden: snapshot.config.hidden,
      embedding: snapshot.config.embedding, batchSize: snapshot.batchSize, learningRate: snapshot.learningRate,
      clip: snapshot.clip ?? 1, recordEvery: 100, heldOut: 500)
  }

  /// Keys of the bottleneck lab: pause and restart.
  mutating func attentionLabControl(_ key: Key) -> [AppEffect] {
    guard let attentionLab else { return [] }
    switch key {
    case .character(" "): return [.lab(attentionLab.isPaused ? .resume : .pause)]
    case .character("r"):
      showMessage("bottleneck lab: every pane starts again")
      return [.lab(.restart)]
    default: return []
    }
  }

  /// The picture the Attention view draws: the session's probe decoded now, against its target.
  func attentionPicture(_ snapshot: Seq2SeqSessionSnapshot) -> AttentionPicture {
    AttentionPicture(
      probe: snapshot.probe, config: snapshot.config, vocabulary: snapshot.task.vocabulary,
      sourceText: snapshot.probePair.source, target: snapshot.probePair.target, connectivity: snapshot.connectivity)
  }

  /// The view body of an encoder–decoder session.
  func renderSeq2SeqView(_ snapshot: Seq2SeqSessionSnapshot, in rect: Rect, on grid: inout Grid) {
    switch view {
    case .attention:
      AttentionView(
        picture: attentionPicture(snapshot), step: cursor.step, monochrome: monochrome, matrix: attentionMatrix
      )
      .render(in: rect, on: &grid)
    case .training: Seq2SeqTrainingView(snapshot: snapshot).render(in: rect, on: &grid)
    default:
      guard let trace = snapshot.trace else {
        let area = Panel(title: view.title).render(in: rect, on: &grid)
        Text(["The probe's target has symbols outside the target vocabulary: there is no teacher-forced pass to draw."])
          .render(in: area, on: &grid)
        return
      }
      let scene = Seq2SeqScene(trace: trace, vocabulary: snapshot.task.vocabulary)
      switch view {
      case .hidden, .gates:
        Seq2SeqStatesView(
          scene: scene, kind: view == .hidden ? .hidden : .gates, side: side, layer: cursor.layer,
          position: cursor.step, unit: cursor.unit, monochrome: monochrome
        ).render(in: rect, on: &grid)
      case .gradients: Seq2SeqGradientsView(scene: scene, side: side, position: cursor.step).render(in: rect, on: &grid)
      default:
        EncoderDecoderView(
          scene: scene, step: cursor.step, frame: encoderDecoderAnimation?.frame, monochrome: monochrome
        ).render(in: rect, on: &grid)
      }
    }
  }

  /// The key hint under an encoder–decoder's view; in a replay the timeline's keys come first and
  /// the Training view's keys for the trainer are left out.
  var seq2seqHint: String {
    let viewKeys: String? =
      switch view {
      case .encoderDecoder: EncoderDecoderView.hint
      case .hidden, .gates: Seq2SeqStatesView.hint
      case .gradients: Seq2SeqGradientsView.hint
      case .training: replay == nil ? "[ ] halve/double learning rate · c clipping · +/- speed · space pause" : nil
      default: view.hint
      }
    guard replay != nil else { return viewKeys ?? "" }
    return (["replay: [ ] previous/next epoch · { } first/last · p play"] + [viewKeys].compactMap { $0 })
      .joined(separator: " · ")
  }

  /// Keeps the cursor inside what the view on screen selects: an output step of the probe (Attention),
  /// a decoder step of the trace (Encoder–decoder), or a position, unit and layer of the side shown.
  mutating func clampSeq2SeqCursor(_ snapshot: Seq2SeqSessionSnapshot) {
    guard let trace = snapshot.trace, view != .attention else {
      cursor.step = min(max(cursor.step, 0), max(snapshot.probe.steps.count - 1, 0))
      return
    }
    let recurrences = side == .encoder ? trace.encoder : trace.decoder
    let positions = view == .encoderDecoder || side == .decoder ? trace.targetLength : trace.sourceLength
    cursor.step = min(max(cursor.step, 0), max(positions - 1, 0))
    cursor.layer = min(max(cursor.layer, 0), max(recurrences.count - 1, 0))
    cursor.unit = min(max(cursor.unit, 0), max((recurrences.first?.h.width ?? 1) - 1, 0))
  }

  /// `e`: the Hidden state, Gates and Gradients views switch between the encoder and the decoder.
  mutating func switchSide() {
    side = side.toggled
    cursor.layer = 0
    if let seq2seq { clampSeq2SeqCursor(seq2seq) }
    showMessage(side == .encoder ? "encoder: the source, read left to right" : "decoder: the output, step by step")
  }

  /// `L`: the next layer of the side shown (each direction of a bidirectional encoder counts as one).
  mutating func cycleSeq2SeqLayer() {
    guard let trace = seq2seq?.trace else { return }
    let recurrences = side == .encoder ? trace.encoder : trace.decoder
    guard recurrences.count > 1 else {
      showMessage("the \(side.rawValue) has one layer")
      return
    }
    cursor.layer = (cursor.layer + 1) % recurrences.count
    let shown = recurrences[cursor.layer]
    showMessage("\(side.rawValue) layer \(shown.layer + 1)\(shown.reversed ? ", reverse direction" : "")")
  }

  /// `a`: the Encoder–decoder view animates the pass, the source read, then each step decoded.
  mutating func startEncoderDecoderAnimation() {
    guard seq2seq?.trace != nil else { return }
    view = .encoderDecoder
    encoderDecoderAnimation = EncoderDecoderAnimation(frame: 0, framesUntilNext: Self.animationFramesPerStep)
  }

  /// Moves the encoder–decoder animation on by one frame when its time is up; it ends after the last.
  mutating func advanceEncoderDecoderAnimation() {
    guard var animation = encoderDecoderAnimation, let seq2seq, let trace = seq2seq.trace else { return }
    animation.framesUntilNext -= 1
    if animation.framesUntilNext <= 0 {
      animation.framesUntilNext = Self.animationFramesPerStep
      animation.frame += 1
    }
    let scene = Seq2SeqScene(trace: trace, vocabulary: seq2seq.task.vocabulary)
    encoderDecoderAnimation = animation.frame < EncoderDecoderView.frameCount(of: scene) ? animation : nil
  }

  /// View, hint and status line of an encoder–decoder session.
  func renderSeq2Seq(_ snapshot: Seq2SeqSessionSnapshot, rows: [Rect], on grid: inout Grid) {
    renderSeq2SeqView(snapshot, in: rows[1], on: &grid)
    let hint = rows[3].inset(horizontal: 1, vertical: 0)
    if snapshot.pausesAtEpochEnd && snapshot.status == .paused {
      let done = snapshot.epochs.last.map { "epoch \($0.epoch) done" } ?? "ready"
      grid.put(
        "❚❚ \(done): space or n runs the next epoch · + - speed · 1–\(tabs.count) views", truncatingIn: hint,
        style: Style(fg: Theme.warning, attributes: .bold))
    } else if case .diverged(let reason) = snapshot.status {
      grid.put(
        "✖ diverged: \(reason). Lower the learning rate with [ and press space to go on.", truncatingIn: hint,
        style: Style(fg: Theme.bad, attributes: .bold))
    } else {
      grid.put(seq2seqHint, truncatingIn: hint, style: Theme.dim)
    }
    Seq2SeqStatusBar(state: self, snapshot: snapshot).render(in: rows[4], on: &grid)
  }

  /// The bottleneck lab with its hint and status line.
  func renderAttentionLab(rows: [Rect], on grid: inout Grid) {
    guard let attentionLab else {
      let box = rows[1].centered(width: min(rows[1].width, 40), height: 1)
      grid.put("Starting the bottleneck lab…", truncatingIn: box, style: Theme.dim, alignment: .center)
      return
    }
    AttentionLabView(lab: attentionLab).render(in: rows[1], on: &grid)
    grid.put(
      "space pause · r restart · every pane: the same data, seed and size; only the attention differs",
      truncatingIn: rows[3].inset(horizontal: 1, vertical: 0), style: Theme.dim)
    let status = attentionLab.isFinished ? "■ finished" : (attentionLab.isPaused ? "❚❚ paused" : "● training")
    let panes =
      AttentionLabView.sharedStep(attentionLab.panes.map(\.step)).map {
        "every pane at step \($0)/\(attentionLab.settings.steps)"
      } ?? attentionLab.panes.map { "\($0.name) \($0.step)" }.joined(separator: " · ")
    StatusBar.draw(
      parts: ["lab attention", attentionLab.settings.task.rawValue, panes] + StatusBar.frames(self), status: status,
      statusColor: Theme.accent,
      message: message, in: rows[4], on: &grid)
  }
}
