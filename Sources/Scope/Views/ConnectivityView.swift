import RNNEngine
import TermCanvas

/// How far back a prediction looks (Madsen 2019, "Visualizing memorization in RNNs"): under the
/// probe's text, each input t shaded by ‖∂ logit_k(t̃) / ∂x_t‖ for the prediction at the cursor t̃
/// and its target k; below, the mean connectivity by distance t̃ − t over the held-out text.
struct ConnectivityView {
  let state: AppState
  let snapshot: TrainingSnapshot

  /// Bar characters from no connectivity to the row's largest.
  static let bars: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  /// The smallest share of the row's largest norm that gets a background colour.
  static let shadedShare: Float = 0.01
  /// The label column's width.
  static let labelWidth = 8

  func render(in rect: Rect, on grid: inout Grid) {
    guard let connectivity = snapshot.connectivity else {
      let text =
        if snapshot.model.head != .classifier {
          "Connectivity differentiates a class logit: this model's head is a regression."
        } else if state.replay != nil {
          "A replay shows recorded epochs; connectivity is measured live (or: rnnscope snapshot --weights FILE --view connectivity)."
        } else {
          "Measuring connectivity with the current weights…"
        }
      grid.put(text, truncatingIn: rect.inset(horizontal: 1, vertical: 1), style: Theme.dim)
      return
    }
    let length = snapshot.trace.length
    let textWidth = max(1, rect.width - 2 - Self.labelWidth)
    let wrappedRows = (length + textWidth - 1) / textWidth
    let probeHeight = min(max(rect.height / 2, 6), 3 * wrappedRows + 4)
    let rows = Layout.rows([.fixed(probeHeight), .remainder], in: rect)
    let step = min(state.cursor.step, length - 1)
    let norms = connectivity.norms.indices.contains(step) ? connectivity.norms[step] : []
    let title = "‖∂logit_k(t̃)/∂x_t‖ for the prediction at t̃ = \(step), step \(connectivity.step)"
    let probeArea = Panel(title: title).keyHint("←→ t̃").render(in: rows[0], on: &grid)
    renderSummary(norms, at: step, in: probeArea, on: &grid)
    let textArea = Rect(x: probeArea.x, y: probeArea.y + 1, width: probeArea.width, height: probeArea.height - 1)
    renderProbe(norms, at: step, in: textArea, textWidth: textWidth, on: &grid)
    let samples = connectivity.distanceSamples
    // The held-out windows end at t̃, so a bidirectional model's backward direction has nothing after it.
    let windows = snapshot.model.bidirectional ? ", inputs up to t̃ only" : ""
    let curveTitle =
      samples > 0
      ? "mean share \(windows.isEmpty ? "of connectivity " : "")at distance t̃ − t\(windows), \(samples) held-out predictions (log)"
      : "mean share of connectivity by distance: measuring…"
    let curveArea = Panel(title: curveTitle).render(in: rows[1], on: &grid)
    renderByDistance(connectivity.byDistance, in: curveArea, on: &grid)
  }

  /// `reads 'e' → 'r' · 90 % within 4 inputs · reaches 17 back (≥ 1 % of its peak)`: the sum's 90 % and the
  /// farthest input with at least 1 % of the largest norm (`… 3 inputs of it · reaches 16 back and 5
  /// ahead` for a bidirectional model).
  private func renderSummary(_ norms: [Float], at step: Int, in rect: Rect, on grid: inout Grid) {
    let probe = snapshot.task.probe
    var spans: [Span] = [
      Span("reads ", style: Theme.label), Span(ProbeLines.quoted(probe.inputLabels[step]), style: Theme.value),
    ]
    if probe.targetLabels.count == probe.inputLabels.count {
      spans += [Span(" → ", style: Theme.label), Span(ProbeLines.quoted(probe.targetLabels[step]), style: Theme.value)]
    }
    if let reach = Self.reach(norms, at: step, bothSides: snapshot.model.bidirectional) {
      let within =
        reach.ahead == nil
        ? (reach.ninety == 0 ? "1 input" : "\(reach.ninety + 1) inputs")
        : (reach.ninety == 0 ? "its own input" : "\(reach.ninety) inputs of it")
      spans += [
        Span(" · 90 % within ", style: Theme.label), Span(within, style: Theme.value),
        Span(" · reaches ", style: Theme.label), Span("\(reach.back) back", style: Theme.value),
      ]
      if let ahead = reach.ahead {
        spans += [Span(" and ", style: Theme.label), Span("\(ahead) ahead", style: Theme.value)]
      }
      spans.append(Span(" (≥ 1 % of its peak)", style: Theme.label))
    } else {
      spans.append(Span(" · no target here (the task scores the last step only)", style: Theme.dim))
    }
    Text(lines: [spans]).render(in: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), on: &grid)
  }

  /// How far from `step` the norms reach: the distance within which 90 % of their sum lies, and the
  /// farthest inputs back (and, with `bothSides`, ahead: a bidirectional model reads the inputs after
  /// the prediction too) whose norm is at least 1 % of the largest; nil without norms at `step` (a
  /// probe that just changed).
  static func reach(_ norms: [Float], at step: Int, bothSides: Bool = false) -> (ninety: Int, back: Int, ahead: Int?)? {
    guard norms.indices.contains(step), let largest = norms.max(), largest > 0 else { return nil }
    let total = norms.reduce(0, +)
    let lastAhead = bothSides ? norms.count - 1 - step : 0
    var covered: Float = 0
    var ninety = max(step, lastAhead)
    for distance in 0...max(step, lastAhead) {
      if distance <= step { covered += norms[step - distance] }
      if distance > 0, distance <= lastAhead { covered += norms[step + distance] }
      if covered >= 0.9 * total {
        ninety = distance
        break
      }
    }
    let back = (0...step).last { norms[step - $0] >= 0.01 * largest } ?? 0
    let ahead = bothSides ? (0...lastAhead).last { norms[step + $0] >= 0.01 * largest } ?? 0 : nil
    return (ninety, back, ahead)
  }

  /// The probe's input wrapped in rows; under each symbol a bar of its connectivity, shaded too.
  private func renderProbe(_ norms: [Float], at step: Int, in rect: Rect, textWidth: Int, on grid: inout Grid) {
    let labels = snapshot.task.probe.inputLabels
    let largest = norms.max() ?? 0
    for (row, start) in stride(from: 0, to: labels.count, by: textWidth).enumerated() {
      let y = rect.y + 2 * row
      guard y + 1 < rect.maxY else { break }
      grid.put(
        row == 0 ? "input" : "", truncatingIn: Rect(x: rect.x, y: y, width: Self.labelWidth, height: 1),
        style: Theme.label)
      grid.put(
        row == 0 ? "‖∂/∂x_t‖" : "", truncatingIn: Rect(x: rect.x, y: y + 1, width: Self.labelWidth, height: 1),
        style: Theme.label)
      for t in start..<min(start + textWidth, labels.count) {
        let x = rect.x + Self.labelWidth + t - start
        let share = largest > 0 && norms.indices.contains(t) ? norms[t] / largest : 0
        var cell = Cell(Self.symbol(labels[t]))
        // Inputs with (almost) no share keep the screen's background, so the shading stands out.
        if !state.monochrome && share >= Self.shadedShare {
          cell.bg = ColorMap.viridis.color(for: share)
          cell.fg = share > 0.5 ? RGB.black : nil
        }
        if t == step { cell.attributes.insert([.bold, .underline]) }
        if t > step && norms.indices.contains(t) && norms[t] == 0 { cell.attributes.insert(.dim) }
        grid[x, y] = cell
        let level = Int((share * Float(Self.bars.count - 1)).rounded())
        var bar = Cell(String(Self.bars[min(max(level, 0), Self.bars.count - 1)]))
        bar.fg = t == step ? Theme.warning : Theme.accent
        grid[x, y + 1] = bar
      }
    }
  }

  /// One cell's text for an input label: escapes (`\\n`, `\\t`) and NUL as the symbols the probe lines use.
  static func symbol(_ label: String) -> String {
    switch label {
    case "\\n": "⏎"
    case "\\t": "⇥"
    case "NUL": "·"
    default: ProbeLines.printable(label).first.map(String.init) ?? " "
    }
  }

  /// The share of connectivity at each distance, on a log axis.
  private func renderByDistance(_ shares: [Double], in rect: Rect, on grid: inout Grid) {
    guard !shares.isEmpty else { return }
    let values = shares.map { Float($0) }
    LineChart(series: [.init(label: "share at distance d = t̃ − t", values: values, color: Theme.accent)])
      .yScale(.log10)
      .xRange(0...Float(max(values.count - 1, 1)))
      .render(in: rect, on: &grid)
  }
}
