import RNNEngine
import TermCanvas

/// The encoder–decoder unrolled, as in the lecture's figure: the source cells left to right (h_j^e
/// as small heatmaps), the bridge h_n^e → h_0^d, then the decoder cells (h_i^d, what each step read
/// below it and predicted above it); from the selected decoder step a rail runs back to every
/// source cell, each drop shaded by α, or, without attention, from the bridge to every step: the
/// one context vector all of them share.
public struct EncoderDecoderView: Sendable {
  /// What to draw.
  public let scene: Seq2SeqScene
  /// The selected decoder step (during an animation, the step being decoded).
  public let step: Int
  /// The animation's frame, or nil when everything is shown: frames 0…S−1 read the source one
  /// position each, frames S…S+T−1 decode one step each (`frameCount(of:)` in all).
  public let frame: Int?
  /// Shades instead of colour.
  public let monochrome: Bool

  /// A view of `scene` with decoder step `step` selected (clamped), at animation frame `frame`.
  public init(scene: Seq2SeqScene, step: Int, frame: Int? = nil, monochrome: Bool = false) {
    let (s, t) = (scene.trace.sourceLength, scene.trace.targetLength)
    self.scene = scene
    self.frame = frame.map { min(max($0, 0), s + t - 1) }
    let animatedStep = self.frame.map { $0 - s }
    self.step = min(max(animatedStep ?? step, 0), t - 1)
    self.monochrome = monochrome
  }

  /// Frames of the `a` animation: one per source position, then one per decoder step.
  public static func frameCount(of scene: Seq2SeqScene) -> Int {
    scene.trace.sourceLength + scene.trace.targetLength
  }

  /// The one-line key hint under the view.
  public static let hint = "←/→ decoder step · a animate · drops under the source shaded by α"

  /// The whole screen: a title line, the view, the key hint.
  public func screen(width: Int, height: Int) -> Grid {
    Seq2SeqScreen.grid(view: "Encoder–decoder", model: scene.model, hint: Self.hint, width: width, height: height) {
      render(in: $0, on: &$1)
    }
  }

  /// Draws the view into `rect`.
  public func render(in rect: Rect, on grid: inout Grid) {
    // The cells take the rows they need (at least 6 are left below), the panels under them at most 16.
    let cellRows = contentRows(units: scene.trace.config.decoderHidden, in: rect.inset(by: 1)) + 2
    let (cellsArea, rest) = rect.splitTop(min(cellRows, rect.height - 6))
    let (detailsArea, insideArea) = rest.splitTop(min(rest.height, 14))
    let title = "Unrolled: encoder → bridge → decoder, step \(step + 1) of \(scene.trace.targetLength) selected"
    renderCells(in: Panel(title: title).keyHint("←→ step  a animate").render(in: cellsArea, on: &grid), on: &grid)
    let wide = detailsArea.width >= 120
    let columns = Layout.columns(
      wide ? [.fraction(0.36), .fraction(0.36), .remainder] : [.fraction(0.5), .remainder], in: detailsArea)
    renderStep(in: Panel(title: "Decoder step \(step + 1)").render(in: columns[0], on: &grid), on: &grid)
    let attentionTitle = attention ? "α_\(step + 1) over the source" : "No attention: one context"
    renderAlpha(in: Panel(title: attentionTitle).render(in: columns[1], on: &grid), on: &grid)
    if wide {
      renderBridge(in: Panel(title: "Bridge h_n^e → h_0^d").render(in: columns[2], on: &grid), on: &grid)
    }
    let insideRows = scene.trace.config.cell.gateNames.count + 3
    if insideArea.height >= insideRows + 2, step < decoded {
      let title =
        "Inside decoder step \(step + 1): h_\(step + 1)^d = cell([emb('\(scene.targetIn[step])'); c_\(step + 1)], h_\(step)^d)"
      renderInside(in: Panel(title: title).render(in: insideArea.splitTop(insideRows + 2).top, on: &grid), on: &grid)
    }
  }

  /// The top decoder layer's step as strips of units: what it started from, the context it read,
  /// its gates and where it ended.
  private func renderInside(in area: Rect, on grid: inout Grid) {
    let trace = scene.trace
    let top = trace.decoder[trace.config.layers - 1]
    let previous = step == 0 ? Array(trace.bridge[trace.config.layers - 1]) : Array(top.h[step - 1])
    var strips: [(String, [Float], ColorMap)] = [
      ("h_\(step)^d", previous, .diverging), ("c_\(step + 1)", Array(trace.context[step]), .diverging),
    ]
    strips += top.gates.map { ($0.name, Array($0.values[step]), Theme.colorMap(ofGate: $0.name)) }
    strips.append(("h_\(step + 1)^d", Array(top.h[step]), .diverging))
    let labelWidth = 18
    for (row, strip) in strips.enumerated() where row < area.height {
      let (name, values, colorMap) = strip
      let label = name.padding(toLength: 8, withPad: " ", startingAt: 0) + "‖·‖ " + Format.compact(Self.norm(values))
      grid.put(label, truncatingIn: Rect(x: area.x, y: area.y + row, width: labelWidth, height: 1), style: Theme.label)
      let width = min(values.count, area.width - labelWidth)
      guard width > 0 else { continue }
      Heatmap(matrix: [Array(values.prefix(width))]).colorMap(colorMap).monochrome(monochrome)
        .render(in: Rect(x: area.x + labelWidth, y: area.y + row, width: width, height: 1), on: &grid)
    }
  }

  // MARK: The unrolled cells

  private var attention: Bool { scene.trace.config.attention != .none }
  /// Source positions read so far (all but during the animation's encoding frames).
  private var encoded: Int { frame.map { min($0 + 1, scene.trace.sourceLength) } ?? scene.trace.sourceLength }
  /// Decoder steps computed so far.
  private var decoded: Int { frame.map { max($0 - scene.trace.sourceLength + 1, 0) } ?? scene.trace.targetLength }

  /// Where the cells go: one column block each for the source, the bridge and the decoder steps.
  struct CellLayout {
    /// Columns of one cell's heatmap.
    var width: Int
    /// The cells shown, left to right (source 0…S−1, bridge S, decoder S+1…).
    var cells: [Int]
    /// The left edge of the cell area.
    var x: Int

    /// The left column of cell `index`, nil when it is not shown.
    func column(of index: Int) -> Int? { cells.firstIndex(of: index).map { x + $0 * (width + 1) } }
  }

  /// Cells up to 6 columns wide when everything fits, narrower otherwise. When not even 1 column
  /// fits, two windows of 1-column cells: the decoder steps around the selected one (a quarter of
  /// the room, at least 3), and the source and bridge, or the part of the source around where the
  /// selected step looks most.
  func cellLayout(in area: Rect) -> CellLayout {
    let (s, t) = (scene.trace.sourceLength, scene.trace.targetLength)
    let count = s + 1 + t
    if let width = (1...6).reversed().first(where: { count * ($0 + 1) <= area.width }) {
      return CellLayout(width: width, cells: Array(0..<count), x: area.x)
    }
    let slots = max(2, area.width / 2)
    let decoderSlots = min(t, max(3, slots - s - 1, slots / 4))
    let sourceSlots = max(1, slots - decoderSlots)
    func window(around center: Int, size: Int, in range: Range<Int>) -> Range<Int> {
      let first = min(max(range.lowerBound, center - size / 2), max(range.lowerBound, range.upperBound - size))
      return first..<min(range.upperBound, first + size)
    }
    let alpha = scene.trace.alpha[step]
    let looked = attention ? alpha.indices.max { alpha[$0] < alpha[$1] } ?? s : s
    let source = window(around: looked, size: sourceSlots, in: 0..<(s + 1))
    let decoder = window(around: s + 1 + step, size: decoderSlots, in: (s + 1)..<count)
    return CellLayout(width: 1, cells: Array(source) + Array(decoder), x: area.x)
  }

  /// Columns of the row labels (`ŷ`, `h`, `in`, `α`) left of the cells, when there is room.
  private func gutter(in area: Rect) -> Int { area.width >= 60 ? 3 : 0 }

  /// Rows the cells need: region names, predictions, the heatmaps, the symbols read, α's drops,
  /// α's values, the rail and its caption.
  private func contentRows(units: Int, in area: Rect) -> Int {
    7 + heatmapRowsNeeded(units: units, width: cellLayout(in: area.splitLeft(gutter(in: area)).rest).width)
  }

  private func renderCells(in area: Rect, on grid: inout Grid) {
    let gutter = gutter(in: area)
    let (gutterArea, cellArea) = area.splitLeft(gutter)
    let layout = cellLayout(in: cellArea)
    let trace = scene.trace
    let (s, d) = (trace.sourceLength, trace.config.decoderHidden)
    let heatmapRows = max(1, min(area.height - 7, heatmapRowsNeeded(units: d, width: layout.width)))
    let y = (
      names: area.y, predicted: area.y + 1, heatmap: area.y + 2, symbols: area.y + 2 + heatmapRows,
      drops: area.y + 3 + heatmapRows, values: area.y + 4 + heatmapRows, rail: area.y + 5 + heatmapRows
    )
    if gutter > 0 {
      for (label, row) in [("ŷ", y.predicted), ("h", y.heatmap), ("in", y.symbols), ("α", y.drops)] {
        grid.put(label, at: (gutterArea.x, row), style: Theme.label)
      }
    }
    if let first = layout.cells.first, first < s, let x = layout.column(of: first) {
      grid.put(
        "encoder h_j^e", truncatingIn: Rect(x: x, y: y.names, width: area.maxX - x, height: 1), style: Theme.title)
    }
    if let first = layout.cells.first(where: { $0 > s }), let x = layout.column(of: first) {
      grid.put(
        "decoder h_i^d", truncatingIn: Rect(x: x, y: y.names, width: area.maxX - x, height: 1), style: Theme.title)
    }
    func heatmap(_ values: [Float], at x: Int) {
      Heatmap(matrix: Seq2SeqScreen.wrapped(values, columns: layout.width)).colorMap(.diverging).monochrome(monochrome)
        .render(in: Rect(x: x, y: y.heatmap, width: layout.width, height: heatmapRows), on: &grid)
    }
    func centered(_ text: String, at x: Int, row: Int, style: Style) {
      grid.put(text, at: (x + max(0, (layout.width - text.count) / 2), row), style: style, maxX: x + layout.width)
    }
    for j in 0..<s {
      guard let x = layout.column(of: j) else { continue }
      let read = j < encoded
      if read { heatmap(Array(trace.encoderOutputs[j]), at: x) }
      centered(AttentionView.visible(scene.source[j]), at: x, row: y.symbols, style: read ? Theme.value : Theme.dim)
      if read, j + 1 < s { grid.put("›", at: (x + layout.width, y.heatmap + heatmapRows / 2), style: Theme.label) }
    }
    let bridgeShown = encoded == s
    if let x = layout.column(of: s) {
      if bridgeShown { heatmap(Array(trace.bridge[trace.config.layers - 1]), at: x) }
      centered("h₀", at: x, row: y.symbols, style: Theme.title.fg(Theme.heldOut))
      if bridgeShown { grid.put("⇒", at: (x - 1, y.heatmap + heatmapRows / 2), style: Style(fg: Theme.heldOut)) }
    }
    for i in 0..<trace.targetLength {
      guard let x = layout.column(of: s + 1 + i) else { continue }
      let done = i < decoded
      if done {
        heatmap(Array(trace.decoder[trace.config.layers - 1].h[i]), at: x)
        let right = scene.isRight(step: i)
        centered(
          AttentionView.visible(scene.predicted[i]), at: x, row: y.predicted,
          style: Style(fg: right ? Theme.good : Theme.bad, attributes: .bold))
        grid.put("›", at: (x - 1, y.heatmap + heatmapRows / 2), style: Theme.label)
      }
      let symbol = AttentionView.visible(scene.targetIn[i])
      centered(symbol, at: x, row: y.symbols, style: i == step ? Theme.cursor : done ? Theme.value : Theme.dim)
    }
    if decoded > step { renderConnectors(layout, rows: (y.drops, y.values, y.rail), in: area, on: &grid) }
    let shownUnits = min(d, heatmapRows * layout.width * (monochrome ? 1 : 2))
    let hidden = [
      layout.cells.count < s + 1 + trace.targetLength
        ? "\(layout.cells.count) of \(s + 1 + trace.targetLength) cells" : nil,
      shownUnits < d ? "units 0–\(shownUnits - 1) of \(d)" : nil,
    ].compactMap { $0 }
    if !hidden.isEmpty {
      let note = "shown: " + hidden.joined(separator: ", ")
      grid.put(
        note, truncatingIn: Rect(x: area.x, y: y.names, width: area.width, height: 1), style: Theme.dim,
        alignment: .right)
    }
  }

  /// Text rows a `units`-value heatmap `width` columns wide needs (two values a row in colour).
  private func heatmapRowsNeeded(units: Int, width: Int) -> Int {
    let rows = (units + width - 1) / width
    return monochrome ? rows : (rows + 1) / 2
  }

  /// With attention, a drop under every source cell shaded by α_ij, its value, and a rail to the
  /// selected step; without, a rail from the bridge to every step (all read the same c).
  private func renderConnectors(
    _ layout: CellLayout, rows: (drops: Int, values: Int, rail: Int), in area: Rect, on grid: inout Grid
  ) {
    let trace = scene.trace
    let s = trace.sourceLength
    let center = { (index: Int) in layout.column(of: index).map { $0 + (layout.width - 1) / 2 } }
    let railStyle = Style(fg: Theme.accent)
    var ends: [Int] = []
    if attention {
      for j in 0..<s {
        guard let x = layout.column(of: j) else { continue }
        let alpha = trace.alpha[step][j]
        grid.put(
          String(repeating: Shade.character(forIntensity: alpha), count: layout.width), at: (x, rows.drops),
          style: Style(fg: ColorMap.viridis.color(for: alpha)))
        if layout.width >= 3 {
          grid.put(Self.shortFraction(alpha), at: (x, rows.values), style: Theme.label, maxX: x + layout.width)
        }
        ends.append(center(j)!)
      }
      if let x = center(s + 1 + step) {
        ends.append(x)
        grid.put("│", at: (x, rows.drops), style: railStyle)
        grid.put("│", at: (x, rows.values), style: railStyle)
      }
    } else {
      if let x = center(s) {
        ends.append(x)
        for row in [rows.drops, rows.values] { grid.put("│", at: (x, row), style: Style(fg: Theme.heldOut)) }
      }
      for i in 0..<min(decoded, trace.targetLength) {
        guard let x = center(s + 1 + i) else { continue }
        ends.append(x)
        grid.put("│", at: (x, rows.drops), style: i == step ? railStyle : Theme.dim)
      }
    }
    guard let left = ends.min(), let right = ends.max(), right > left else { return }
    for x in left...right { grid.put("─", at: (x, rows.rail), style: railStyle) }
    for x in ends { grid.put("┴", at: (x, rows.rail), style: railStyle) }
    grid.put("└", at: (left, rows.rail), style: railStyle)
    grid.put("┘", at: (right, rows.rail), style: railStyle)
    let caption =
      attention
      ? "c_\(step + 1) = Σ_j α_\(step + 1)j h_j^e: the drops' shades are the weights"
      : "c = h_n^e for every step: the whole source in one vector (the bottleneck)"
    grid.put(
      caption, truncatingIn: Rect(x: left, y: rows.rail + 1, width: area.maxX - left, height: 1), style: Theme.label)
  }

  /// α in three columns: `.62`, `1.0`, `.00`.
  static func shortFraction(_ value: Float) -> String {
    value >= 0.995 ? "1.0" : String(Format.fixed(value, decimals: 2).dropFirst())
  }

  // MARK: The selected step

  private func renderStep(in area: Rect, on grid: inout Grid) {
    let trace = scene.trace
    guard step < decoded else {
      grid.put("not decoded yet", truncatingIn: area, style: Theme.dim)
      return
    }
    let right = scene.isRight(step: step)
    let h = Array(trace.decoder[trace.config.layers - 1].h[step])
    var lines: [[Span]] = [
      [
        Span("reads ", style: Theme.label), Span("'\(scene.targetIn[step])'", style: Theme.value),
        Span("  must predict ", style: Theme.label), Span("'\(scene.targetOut[step])'", style: Theme.value),
        Span(right ? "  ✓" : "  ✗", style: Style(fg: right ? Theme.good : Theme.bad, attributes: .bold)),
      ],
      [Span("top-3 ", style: Theme.label)]
        + trace.top[step].flatMap { candidate in
          [
            Span("\(scene.symbol(ofTarget: candidate.id)) ", style: Theme.value),
            Span(Format.fixed(candidate.probability, decimals: 2) + "  "),
          ]
        },
      [
        Span("−log p ", style: Theme.label), Span(Format.fixed(trace.stepLoss[step], decimals: 3), style: Theme.value),
        Span("  ‖h_\(step + 1)^d‖ ", style: Theme.label), Span(Format.compact(Self.norm(h))),
      ],
      [Span("‖c_\(step + 1)‖ ", style: Theme.label), Span(Format.compact(Self.norm(Array(trace.context[step]))))],
    ]
    if attention, let strongest = trace.alpha[step].indices.max(by: { trace.alpha[step][$0] < trace.alpha[step][$1] }) {
      lines[3] += [
        Span("  looks at ", style: Theme.label), Span("'\(scene.source[strongest])'", style: Theme.value),
        Span(" (#\(strongest + 1)) α ", style: Theme.label),
        Span(Format.fixed(trace.alpha[step][strongest], decimals: 2)),
      ]
    }
    Text(lines: lines).render(in: area, on: &grid)
  }

  /// α of the selected step as a bar per source symbol, or what replaces it without attention.
  private func renderAlpha(in area: Rect, on grid: inout Grid) {
    guard attention else {
      let lines: [[Span]] = [
        [Span("--attention none: every step reads", style: Theme.label)],
        [Span("the same c = h_n^e, \(scene.trace.config.decoderHidden) numbers for", style: Theme.label)],
        [Span("the whole source of \(scene.trace.sourceLength) symbols.", style: Theme.label)],
      ]
      Text(lines: lines).render(in: area, on: &grid)
      return
    }
    guard step < decoded, area.height >= 2 else { return }
    let alpha = scene.trace.alpha[step]
    let width = alpha.count * 2 <= area.width ? 2 : 1
    let barHeight = area.height - 1
    for j in 0..<min(alpha.count, area.width / width) {
      for (row, character) in AttentionView.bar(alpha[j], height: barHeight).enumerated() {
        grid.put(
          String(repeating: character, count: width), at: (area.x + j * width, area.y + row),
          style: Style(fg: Theme.accent))
      }
      grid.put(AttentionView.visible(scene.source[j]), at: (area.x + j * width, area.maxY - 1), style: Theme.value)
    }
  }

  /// The decoder's start: each layer's h_0^d (for a bidirectional encoder the forward and the
  /// reverse direction's final states side by side), its norm, and the LSTM's c_0^d.
  private func renderBridge(in area: Rect, on grid: inout Grid) {
    let trace = scene.trace
    let config = trace.config
    var lines: [[Span]] = []
    if config.bidirectional {
      lines.append([Span("h_0^d = [forward at #\(trace.sourceLength), reverse at #1]", style: Theme.label)])
    }
    for layer in 0..<config.layers {
      var spans = [
        Span("layer \(layer + 1) ", style: Theme.label), Span("‖h_0^d‖ ", style: Theme.label),
        Span(Format.compact(Self.norm(Array(trace.bridge[layer]))), style: Theme.value),
      ]
      if !trace.bridgeCell.isEmpty {
        spans += [
          Span("  ‖c_0^d‖ ", style: Theme.label), Span(Format.compact(Self.norm(Array(trace.bridgeCell[layer])))),
        ]
      }
      lines.append(spans)
    }
    let (textArea, mapArea) = area.splitTop(min(lines.count, area.height))
    Text(lines: lines).render(in: textArea, on: &grid)
    guard encoded == trace.sourceLength, mapArea.height > 0, mapArea.width > 0 else { return }
    Heatmap(matrix: Seq2SeqScreen.wrapped(Array(trace.bridge[config.layers - 1]), columns: mapArea.width))
      .colorMap(.diverging).monochrome(monochrome).render(in: mapArea, on: &grid)
  }

  static func norm(_ values: [Float]) -> Float { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
