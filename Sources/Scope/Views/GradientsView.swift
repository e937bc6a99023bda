import RNNEngine
import TermCanvas

/// How the gradient flows back through time on the probe, next to the theory, and over training.
///
/// Backprop multiplies ∂L/∂h_t by the step Jacobian ∂h_t/∂h_{t−1} once per step, so its norm
/// can shrink or grow geometrically; Pascanu et al. bound each factor by γ·σmax(W_hh).
///
/// A bidirectional layer's backward direction reads right to left, so its gradient flows back
/// left to right: its own chart, under the forward direction's, mirrors every curve.
struct GradientsView {
  let state: AppState
  let snapshot: TrainingSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    let directions = ReadingDirection.of(layer: state.cursor.layer, in: snapshot)
    let layer = directions[0].trace
    let rows = Layout.rows([.fixed(directions.count), .fraction(0.5), .remainder], in: rect)
    for (index, direction) in directions.enumerated() {
      let line = Rect(x: rows[0].x + 1, y: rows[0].y + index, width: rows[0].width - 2, height: 1)
      renderSummary(direction, named: directions.count > 1, in: line, on: &grid)
    }
    let top = Layout.columns([.fraction(0.6), .remainder], in: rows[1])
    // ∏‖J‖ bounds what survives only where h_{t−1} → h_t is the one path back; an LSTM's c is another.
    let boundHint =
      layer.c.isEmpty ? "dashed: its bound ∏‖J‖" : "dashed: ∏‖J‖ bounds the h→h path only, c carries more"
    if directions.count == 1 {
      let flowPanel = Panel(title: "‖∂L/∂h_t‖ on the probe (log)").keyHint(
        "‖∂L_T/∂h_t‖: the last step's loss alone; \(boundHint)")
      renderFlow(directions[0], in: flowPanel.render(in: top[0], on: &grid), on: &grid)
    } else {
      let flowPanel = Panel(title: "‖∂L/∂h_t‖ on the probe (log), each direction").keyHint(
        "the loss alone from each direction's last step; \(boundHint)")
      let halves = Layout.rows([.fraction(0.5), .remainder], in: flowPanel.render(in: top[0], on: &grid))
      for (direction, half) in zip(directions, halves) where half.height >= 2 {
        let flows = direction.isReverse ? "gradient flows left to right →" : "← gradient flows right to left"
        // Where the whole title does not fit, the direction's name and arrow still do.
        let full = "\(direction.title): \(flows)"
        grid.put(
          full.count <= half.width ? full : "\(direction.arrow) \(direction.name): \(flows)",
          truncatingIn: Rect(x: half.x, y: half.y, width: half.width, height: 1), style: Theme.directionTitle)
        renderFlow(
          direction, in: Rect(x: half.x, y: half.y + 1, width: half.width, height: half.height - 1), on: &grid)
      }
    }
    let factorTitle =
      directions.count == 1 ? "step factor ‖∂h_t/∂h_{t−1}‖₂" : "step factor →‖∂h_t/∂h_{t−1}‖₂ ←‖∂h_t/∂h_{t+1}‖₂"
    renderJacobians(directions, in: Panel(title: factorTitle).render(in: top[1], on: &grid), on: &grid)
    let bottom = Layout.columns([.fraction(0.6), .remainder], in: rows[2])
    renderGlobalNorm(
      in: Panel(title: "global gradient norm per step (log)").keyHint("c clipping").render(in: bottom[0], on: &grid),
      on: &grid)
    renderParameterNorms(in: Panel(title: "‖∂L/∂θ‖ per tensor").render(in: bottom[1], on: &grid), on: &grid)
  }

  /// The per-step bound γ·σmax(W_hh); it holds for a vanilla RNN only (gates change the Jacobian).
  private func bound(_ layer: Trace.LayerTrace) -> Float? {
    snapshot.model.cell.gateCount == 1 ? layer.derivativeBound * layer.recurrentSpectralNorm : nil
  }

  /// One line of figures for a direction: σmax(W_hh), the bound, the mean step factor and how
  /// much the gradient changed from the end it starts at to the far end.
  private func renderSummary(_ direction: ReadingDirection, named: Bool, in rect: Rect, on grid: inout Grid) {
    let layer = direction.trace
    // The gradient starts at the direction's last step and flows toward its first.
    let norms = Self.inReadingOrder(TraceMatrices.norms(layer.dh), direction)
    let ratio = (norms.first ?? 0) / max(norms.last ?? 1, .leastNormalMagnitude)
    // A reverse direction's first step read is the last position: its factor there is not a step.
    let factors = direction.isReverse ? layer.jacobianNorm.dropLast() : layer.jacobianNorm.dropFirst()
    let meanFactor = factors.reduce(0, +) / Float(max(factors.count, 1))
    var spans: [Span] = [
      Span((named ? direction.arrow + " " : "") + "σmax(W_hh) ", style: Theme.label),
      Span(Format.compact(layer.recurrentSpectralNorm), style: Theme.value),
    ]
    if let bound = bound(layer) {
      spans += [
        Span("   γ ", style: Theme.label), Span(Format.compact(layer.derivativeBound), style: Theme.value),
        Span("   bound per step γ·σmax ", style: Theme.label), Span(Format.compact(bound), style: Theme.value),
      ]
    } else {
      spans.append(Span("   (γ·σmax bounds vanilla RNNs only: gates rescale every step)", style: Theme.dim))
    }
    spans += [
      Span("   mean step factor ", style: Theme.label), Span(Format.compact(meanFactor), style: Theme.value),
      Span(direction.isReverse ? "   ‖∂L/∂h_T‖/‖∂L/∂h_0‖ " : "   ‖∂L/∂h_0‖/‖∂L/∂h_T‖ ", style: Theme.label),
      Span(Format.compact(ratio), style: Theme.value),
    ]
    Text(lines: [spans]).render(in: rect, on: &grid)
  }

  /// A direction's gradient norms on a log axis, with what its last step alone sends back and the
  /// bounds; a reverse direction's last step is the first position, its curves run mirrored.
  private func renderFlow(_ direction: ReadingDirection, in rect: Rect, on grid: inout Grid) {
    let layer = direction.trace
    let norms = TraceMatrices.norms(layer.dh)
    // The bound carries the gradient at the direction's last step back through its step factors, in reading order.
    let readingFactors = Self.inReadingOrder(layer.jacobianNorm, direction)
    func carriedBack(from start: Float, factors: [Float]) -> [Float] {
      Self.inReadingOrder(Self.backwardProducts(from: start, factors: factors), direction)
    }
    guard let last = Self.inReadingOrder(norms, direction).last else { return }
    let lastName = direction.isReverse ? "h_0" : "h_T"
    var series = [LineChart.Series(label: "‖∂L/∂h_t‖", values: norms, color: Theme.accent)]
    if !layer.dc.isEmpty {
      series.append(.init(label: "‖∂L/∂c_t‖", values: TraceMatrices.norms(layer.dc), color: Theme.heldOut))
    }
    // What really survives from the last step: its loss alone, backpropagated through the true Jacobians.
    if !layer.lastStepGradientNorms.isEmpty {
      let alone = direction.isReverse ? "‖∂L_0/∂h_t‖" : "‖∂L_T/∂h_t‖"
      series.append(.init(label: alone, values: layer.lastStepGradientNorms, color: Theme.series[2]))
    }
    // The most it could be along h alone: the last step's gradient times the trace's step factors' norms.
    series.append(
      .init(
        label: (layer.c.isEmpty ? "bound " : "h→h path ") + "‖∂L/∂\(lastName)‖·∏‖J‖",
        values: carriedBack(from: last, factors: readingFactors),
        color: Theme.series[2], dashed: true))
    if let bound = bound(layer) {
      series.append(
        .init(
          label: direction.isReverse ? "(γσmax)^t" : "(γσmax)^(T−t)",
          values: carriedBack(from: last, factors: Array(repeating: bound, count: norms.count)),
          color: Theme.theory, dashed: true))
    }
    // The axis follows the gradients themselves; reference curves leave it rather than squash them.
    let finiteNorms = norms.filter { $0 > 0 && $0.isFinite }
    let low = max((finiteNorms.min() ?? 1e-8) / 10, 1e-30)
    let high = max((finiteNorms.max() ?? 1) * 10, low * 100)
    LineChart(series: series).yScale(.log10).yRange(low...high)
      .markers([.init(x: Float(state.cursor.step), color: Theme.warning)])
      .render(in: rect, on: &grid)
  }

  /// `last` carried back step by step: value t is last·factor_{t+1}·…·factor_{T−1}.
  static func backwardProducts(from last: Float, factors: [Float]) -> [Float] {
    var products = [Float](repeating: 0, count: factors.count)
    var product = last
    for t in stride(from: factors.count - 1, through: 0, by: -1) {
      products[t] = product
      product *= factors[t]
    }
    return products
  }

  /// `values` in the order a direction reads them: as they are, or reversed for a reverse direction.
  static func inReadingOrder(_ values: [Float], _ direction: ReadingDirection) -> [Float] {
    direction.isReverse ? values.reversed() : values
  }

  /// The step factors of every direction (`measured`, or `→`/`←`), 1 and the bound γ·σmax.
  private func renderJacobians(_ directions: [ReadingDirection], in rect: Rect, on grid: inout Grid) {
    let layer = directions[0].trace
    let steps = layer.jacobianNorm.count
    var series = directions.map { direction in
      LineChart.Series(
        label: directions.count > 1 ? direction.arrow : "measured", values: direction.trace.jacobianNorm,
        color: direction.isReverse ? Theme.series[3] : Theme.accent)
    }
    series.append(
      LineChart.Series(label: "1", values: Array(repeating: 1, count: steps), color: Theme.muted, dashed: true))
    var top = max(1.2, (directions.flatMap(\.trace.jacobianNorm).max() ?? 1) * 1.1)
    if let bound = bound(layer) {
      series.append(
        .init(label: "γ·σmax", values: Array(repeating: bound, count: steps), color: Theme.theory, dashed: true))
      top = max(top, bound * 1.1)
    }
    LineChart(series: series)
      .yRange(0...top)
      .markers([.init(x: Float(state.cursor.step), color: Theme.warning)])
      .render(in: rect, on: &grid)
  }

  private func renderGlobalNorm(in rect: Rect, on grid: inout Grid) {
    let history = snapshot.history
    guard !history.gradientNorm.isEmpty else {
      grid.put("No steps yet.", truncatingIn: rect, style: Theme.dim)
      return
    }
    let lastStep = Float(max(history.stepCount - 1, 1))
    var series = [
      LineChart.Series(
        label: "norm before clipping", values: history.gradientNorm, xs: history.pointSteps, color: Theme.accent)
    ]
    if let clip = snapshot.config.clip {
      series.append(
        .init(
          label: "clip at \(Format.compact(clip))", values: [clip, clip], xs: [0, lastStep], color: Theme.bad,
          dashed: true))
    }
    // Mark at most the latest 200 clipping events: beyond that the markers hide the curve.
    let markers = history.recentClippedSteps.suffix(200).map { LineChart.Marker(x: Float($0), color: Theme.warning) }
    var chart = LineChart(series: series).yScale(.log10).xRange(0...lastStep)
    if !markers.isEmpty {
      chart = chart.markers(
        [LineChart.Marker(x: markers[0].x, color: Theme.warning, label: "clipped (\(history.clippedCount))")]
          + markers.dropFirst())
    }
    chart.render(in: rect, on: &grid)
  }

  private func renderParameterNorms(in rect: Rect, on grid: inout Grid) {
    let norms = snapshot.trace.parameterGradientNorms
    let largest = norms.map(\.norm).max() ?? 1
    let nameWidth = min(18, (norms.map(\.name.count).max() ?? 10) + 1)
    let normWidth = 8
    let barX = rect.x + nameWidth + normWidth + 1
    let barWidth = max(1, rect.maxX - barX)
    for (index, entry) in norms.enumerated() where index < rect.height {
      let y = rect.y + index
      grid.put(entry.name, truncatingIn: Rect(x: rect.x, y: y, width: nameWidth, height: 1), style: Theme.label)
      grid.put(
        Format.compact(entry.norm).leftPadded(to: normWidth),
        truncatingIn: Rect(x: rect.x + nameWidth, y: y, width: normWidth, height: 1))
      Gauge(fraction: largest > 0 ? entry.norm / largest : 0).color(Theme.accent)
        .render(in: Rect(x: barX, y: y, width: barWidth, height: 1), on: &grid)
    }
  }
}
