import RNNEngine
import TermCanvas

extension AppState {
  /// The whole screen for this state: tab bar, the current view, its hint, and the status line.
  public func render() -> Grid {
    var grid = Grid(width: width, height: height)
    guard !isTooSmall else {
      renderTooSmall(on: &grid)
      return grid
    }
    if !showsChrome { return renderViewOnly(on: &grid) }
    let timelineHeight = replay == nil ? 0 : 1
    let rows = Layout.rows([.fixed(1), .remainder, .fixed(timelineHeight), .fixed(1), .fixed(1)], in: grid.bounds)
    renderTabs(in: rows[0], on: &grid)
    if let replay { TimelineBar(timeline: replay).render(in: rows[2], on: &grid) }
    if view == .lab, modelKind == .encoderDecoder {
      renderAttentionLab(rows: rows, on: &grid)
    } else if view == .lab {
      renderLab(rows: rows, on: &grid)
    } else if let seq2seq {
      renderSeq2Seq(seq2seq, rows: rows, on: &grid)
    } else if let snapshot {
      renderView(snapshot, in: rows[1], on: &grid)
      renderHint(for: snapshot, in: rows[3].inset(horizontal: 1, vertical: 0), on: &grid)
      StatusBar(state: self, snapshot: snapshot).render(in: rows[4], on: &grid)
    } else {
      let box = rows[1].centered(width: min(rows[1].width, 40), height: 1)
      grid.put("Starting the trainer…", truncatingIn: box, style: Theme.dim, alignment: .center)
    }
    if showsHelp { KeyHelp.overlay.render(in: grid.bounds, on: &grid) }
    return grid
  }

  /// The view alone on the whole screen, for slides: no tabs, hint, timeline or status line.
  private func renderViewOnly(on grid: inout Grid) -> Grid {
    if view == .lab, modelKind == .encoderDecoder, let attentionLab {
      AttentionLabView(lab: attentionLab).render(in: grid.bounds, on: &grid)
    } else if view == .lab, let lab {
      LabView(state: self, lab: lab).render(in: grid.bounds, on: &grid)
    } else if let seq2seq {
      renderSeq2SeqView(seq2seq, in: grid.bounds, on: &grid)
    } else if let snapshot {
      renderView(snapshot, in: grid.bounds, on: &grid)
    }
    return grid
  }

  /// The screen as `s` saves it: what is on screen without the passing status-line message.
  public func renderForSaving() -> Grid {
    var saved = self
    saved.message = nil
    return saved.render()
  }

  private func renderView(_ snapshot: TrainingSnapshot, in rect: Rect, on grid: inout Grid) {
    switch view {
    case .unrolled: UnrolledView(state: self, snapshot: snapshot).render(in: rect, on: &grid)
    case .hidden: HiddenStateView(state: self, snapshot: snapshot).render(in: rect, on: &grid)
    case .gates: GatesView(state: self, snapshot: snapshot).render(in: rect, on: &grid)
    case .gradients: GradientsView(state: self, snapshot: snapshot).render(in: rect, on: &grid)
    case .training: TrainingView(state: self, snapshot: snapshot).render(in: rect, on: &grid)
    case .connectivity: ConnectivityView(state: self, snapshot: snapshot).render(in: rect, on: &grid)
    case .lab, .attention, .encoderDecoder: break  // the lab draws itself; the others are an encoder–decoder's
    }
  }

  /// The lab view with its own hint and status line (it runs without the trainer).
  private func renderLab(rows: [Rect], on grid: inout Grid) {
    guard let lab else {
      let box = rows[1].centered(width: min(rows[1].width, 40), height: 1)
      grid.put("Starting the lab…", truncatingIn: box, style: Theme.dim, alignment: .center)
      return
    }
    LabView(state: self, lab: lab).render(in: rows[1], on: &grid)
    grid.put(view.hint, truncatingIn: rows[3].inset(horizontal: 1, vertical: 0), style: Theme.dim)
    let status = lab.isFinished ? "■ finished" : (lab.isPaused ? "❚❚ paused" : "● training")
    let panes = lab.panes.map { "\($0.name) \($0.step)" }.joined(separator: " · ")
    grid.fill(rows[4], with: Cell(" ", style: Style(bg: Theme.statusBackground)))
    let base = Theme.statusText
    let gap = lab.experiment.usesRecall ? " · gap \(lab.settings.gap)" : ""
    let left = "lab \(lab.experiment.rawValue)\(gap) · \(panes)"
    grid.put(
      left, truncatingIn: Rect(x: rows[4].x + 1, y: rows[4].y, width: rows[4].width - status.count - 3, height: 1),
      style: base)
    _ = grid.put(status, at: (rows[4].maxX - status.count - 1, rows[4].y), style: base.fg(Theme.accent).adding(.bold))
  }

  /// The view's key hint, or, after a divergence, what happened and how to go on; in a lecture,
  /// paused between epochs, how to run the next one; or why recording stopped.
  private func renderHint(for snapshot: TrainingSnapshot, in rect: Rect, on grid: inout Grid) {
    if snapshot.pausesAtEpochEnd && snapshot.status == .paused && replay == nil {
      let done = snapshot.epochs.last.map { "epoch \($0.epoch) done" } ?? "ready"
      grid.put(
        "❚❚ \(done): space or n runs the next epoch · + - speed · 1–5 views",
        truncatingIn: rect, style: Style(fg: Theme.warning, attributes: .bold))
    } else if let importedModel, snapshot.status == .paused, snapshot.step == 0, replay == nil {
      grid.put(
        "\(importedModel) as saved, its probe run · space fine-tunes it on the \(snapshot.task.kind.rawValue) task",
        truncatingIn: rect, style: Style(fg: Theme.warning))
    } else if case .diverged(let reason) = snapshot.status {
      let text = "✖ diverged: \(reason). Lower the learning rate with [ and press space to go on."
      grid.put(text, truncatingIn: rect, style: Style(fg: Theme.bad, attributes: .bold))
    } else if let recordingProblem = snapshot.recordingProblem {
      grid.put("✖ \(recordingProblem)", truncatingIn: rect, style: Style(fg: Theme.bad, attributes: .bold))
    } else if replay != nil {
      grid.put(
        "replay: [ ] previous/next epoch · { } first/last · p play · ←/→ step · ↑/↓ unit · 1–5 views",
        truncatingIn: rect, style: Theme.dim)
    } else {
      grid.put(view.hint, truncatingIn: rect, style: Theme.dim)
    }
  }

  private static let programLabel = " rnnscope "
  /// The key reminder at the right end of the tab row.
  private static let helpLabel = "? keys  q quit "

  /// The label of each tab and the columns it takes on the top row, for drawing and for clicks.
  ///
  /// When the program's name, the padded labels and the key reminder do not fit the width, the name
  /// is left out and the labels lose their trailing space, then long names are shortened, so every
  /// tab stays on an 80-column screen.
  func tabPositions() -> [(view: ViewID, label: String, columns: Range<Int>)] {
    let shown = tabs.enumerated().filter { !isLabOnly || $0.element == .lab }
    let fullWidth = shown.reduce(Self.programLabel.count) { $0 + " \($1.offset + 1) \($1.element.title) ".count }
    let compact = fullWidth + Self.helpLabel.count + 1 > width
    let compactWidth = shown.reduce(0) { $0 + " \($1.offset + 1) \($1.element.title)".count }
    let short = compactWidth > width
    var x = compact ? 0 : Self.programLabel.count
    return shown.map { number, tab in
      let label = " \(number + 1) \(short ? tab.shortTitle : tab.title)" + (compact ? "" : " ")
      defer { x += label.count }
      return (tab, label, x..<(x + label.count))
    }
  }

  private func renderTabs(in rect: Rect, on grid: inout Grid) {
    let tabs = tabPositions()
    var x = rect.x
    if tabs.first?.columns.lowerBound != 0 {
      x += grid.put(Self.programLabel, at: (x, rect.y), style: Theme.title.fg(Theme.accent), maxX: rect.maxX)
    }
    for tab in tabs {
      let style = tab.view == view ? Theme.selectedTab : Theme.label
      x += grid.put(tab.label, at: (x, rect.y), style: style, maxX: rect.maxX)
    }
    if rect.maxX - x > Self.helpLabel.count + 1 {
      _ = grid.put(Self.helpLabel, at: (rect.maxX - Self.helpLabel.count, rect.y), style: Theme.dim)
    }
  }

  private func renderTooSmall(on grid: inout Grid) {
    let lines = [
      "Terminal too small: \(width)×\(height).",
      "rnnscope needs \(Self.minimumSize.width)×\(Self.minimumSize.height) or more.",
      "Enlarge the window, or press q to quit.",
    ]
    for (row, line) in lines.enumerated() where row < height {
      grid.put(line, truncatingIn: Rect(x: 0, y: row, width: width, height: 1))
    }
  }
}
