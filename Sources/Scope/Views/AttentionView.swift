import RNNEngine
import TermCanvas

/// The Attention view of an encoder–decoder: α as a matrix of shades (output symbols down the side,
/// source symbols along the top), the selected output step's α row again as a bar per source symbol,
/// its context c_i, its top three predictions, and the greedy output beside the target.
public struct AttentionView: Sendable {
  /// What to draw.
  public let picture: AttentionPicture
  /// The selected output step.
  public let step: Int
  /// Whether to draw the context with shade characters instead of colour.
  public let monochrome: Bool
  /// Which matrix the shades show: α, or the gradient connectivity (when the picture has it).
  public let matrix: Matrix

  /// What the matrix shows.
  public enum Matrix: Sendable, Equatable {
    /// α, where each step's attention looks.
    case alpha
    /// ‖∂ logit_{k_i}(i) / ∂e_j‖ scaled per row, how much each step's output depends on each source symbol.
    case connectivity

    /// The other matrix (the `g` key).
    public var toggled: Matrix { self == .alpha ? .connectivity : .alpha }
  }

  /// A view of `picture` with output step `step` selected (clamped to the steps there are).
  public init(picture: AttentionPicture, step: Int, monochrome: Bool = false, matrix: Matrix = .alpha) {
    self.picture = picture
    self.step = min(max(step, 0), max(picture.output.count - 1, 0))
    self.monochrome = monochrome
    self.matrix = picture.connectivity == nil ? .alpha : matrix
  }

  /// The one-line key hint under the view.
  public static let hint = "↑/↓ (or ←/→) output step · bars under the source: the selected step's α row"

  /// The hint, with the `g` key when the picture has a connectivity matrix to toggle to.
  private var screenHint: String {
    guard picture.connectivity != nil else { return Self.hint }
    return matrix == .alpha ? Self.hint + " · g connectivity" : "↑/↓ output step · g back to α · bars: the step's ∂ row"
  }

  /// The rows the matrix shades, α or connectivity `[steps][S]`.
  private var shownRows: [[Float]] {
    guard matrix == .connectivity, let rows = picture.connectivity, rows.count == picture.alpha.count else {
      return picture.alpha
    }
    return rows
  }

  /// The whole screen: a title line, the view, the key hint.
  public func screen(width: Int, height: Int) -> Grid {
    Seq2SeqScreen.grid(view: "Attention", model: picture.model, hint: screenHint, width: width, height: height) {
      render(in: $0, on: &$1)
    }
  }

  /// Draws the view into `rect`.
  public func render(in rect: Rect, on grid: inout Grid) {
    let sideWidth = min(max(32, rect.width * 2 / 5), 48)
    let columns = Layout.columns([.remainder, .fixed(sideWidth)], in: rect)
    if picture.attention == .none, matrix == .alpha {
      renderFixedContext(in: columns[0], on: &grid)
    } else {
      let size = "(\(picture.output.count) × \(picture.source.count))"
      let title = matrix == .alpha ? "α: output ↓ × source → " + size : "connectivity ∂logit/∂e_j, NOT α " + size
      let area = Panel(title: title).keyHint("↑↓ step").render(in: columns[0], on: &grid)
      renderMatrix(in: area, on: &grid)
    }
    let side = Layout.rows([.remainder, .fixed(min(7, rect.height / 3))], in: columns[1])
    renderStep(in: Panel(title: "Output step \(step + 1)").render(in: side[0], on: &grid), on: &grid)
    renderDecoding(in: Panel(title: "Greedy output vs target").render(in: side[1], on: &grid), on: &grid)
  }

  // MARK: The α matrix

  /// Cell sizes the matrix tries, largest first: about twice as wide as tall, as a terminal cell is
  /// about half as wide as it is tall, so a cell looks square.
  private static let cellSizes = [(8, 4), (6, 3), (4, 2), (3, 1), (2, 1), (1, 1)]

  /// Columns and rows one α takes: the largest size at which the whole matrix fits in `width` ×
  /// `height`, else one row a step (the rows scroll) at the widest size the source fits in.
  static func cellSize(source: Int, steps: Int, width: Int, height: Int) -> (width: Int, height: Int) {
    let fits = { (w: Int, h: Int) in source * w <= width && steps * h <= height }
    if let size = cellSizes.first(where: fits) { return size }
    return (cellSizes.first { source * $0.0 <= width && $0.1 == 1 }?.0 ?? 1, 1)
  }

  /// Row labels: the step number and its output symbol, e.g. ` 3 7`.
  private var labelWidth: Int { String(picture.output.count).count + 3 }

  private func renderMatrix(in area: Rect, on grid: inout Grid) {
    let barHeight = area.height >= 20 ? 3 : 1
    let (matrixArea, below) = area.splitBottom(barHeight + 2)
    let x0 = area.x + labelWidth
    // Room for the source and the ◀ marking the selected row; one row for the source symbols.
    let (width, height) = Self.cellSize(
      source: picture.source.count, steps: picture.output.count, width: area.maxX - x0 - 2,
      height: matrixArea.height - 1)
    // Source symbols along the top, each over the middle of its column.
    let middle = (width - 1) / 2
    for (j, symbol) in picture.source.enumerated() {
      grid.put(Self.visible(symbol), at: (x0 + j * width + middle, matrixArea.y), style: Theme.value, maxX: area.maxX)
    }
    // One band of `height` rows per output step; the bands scroll to keep the selected step on screen.
    let visibleRows = max(matrixArea.height - 1, 0) / height
    let first = visibleRows == 0 ? 0 : min(max(0, step - visibleRows + 1), max(0, picture.output.count - visibleRows))
    let shown = first..<min(picture.output.count, first + visibleRows)
    for (offset, i) in shown.enumerated() {
      let y = matrixArea.y + 1 + offset * height
      let selected = i == step
      let label = String(i + 1).leftPadded(to: labelWidth - 3) + " " + Self.visible(picture.output[i])
      grid.put(label, at: (area.x, y + (height - 1) / 2), style: selected ? Theme.cursor : Theme.label, maxX: x0)
      for (j, value) in shownRows[i].enumerated() {
        let shade = String(repeating: Shade.character(forIntensity: value), count: width)
        let style = Style(fg: ColorMap.viridis.color(for: value))
        for row in 0..<height { grid.put(shade, at: (x0 + j * width, y + row), style: style, maxX: area.maxX) }
      }
      if selected, x0 + picture.source.count * width + 2 <= area.maxX {
        grid.put("◀", at: (x0 + picture.source.count * width + 1, y + (height - 1) / 2), style: Style(fg: Theme.accent))
      }
    }
    // The selected row again: a bar per source symbol, over the source text.
    let selectedRow = shownRows.isEmpty ? [] : shownRows[step]
    for (j, value) in selectedRow.enumerated() {
      for (row, character) in Self.bar(value, height: barHeight).enumerated() {
        grid.put(
          String(repeating: character, count: width), at: (x0 + j * width, below.y + row),
          style: Style(fg: Theme.accent), maxX: area.maxX)
      }
    }
    for (j, symbol) in picture.source.enumerated() {
      grid.put(
        Self.visible(symbol), at: (x0 + j * width + middle, below.y + barHeight), style: Theme.value, maxX: area.maxX)
    }
    var caption =
      "\(matrix == .alpha ? "α" : "connectivity") of step \(step + 1) ('\(picture.output.isEmpty ? "" : picture.output[step])')"
    // Say what does not fit: steps scrolled away, source symbols cut at the right edge.
    if shown.count < picture.output.count {
      caption += " · steps \(shown.lowerBound + 1)–\(shown.upperBound) of \(picture.output.count) shown"
    }
    let fittingSymbols = max(area.maxX - x0, 0) / width
    if fittingSymbols < picture.source.count {
      caption += " · source cut after \(fittingSymbols) of \(picture.source.count) symbols"
    }
    grid.put(
      caption, truncatingIn: Rect(x: area.x, y: below.y + barHeight + 1, width: area.width, height: 1), style: Theme.dim
    )
  }

  /// Without attention: what every step receives instead of an α row.
  private func renderFixedContext(in rect: Rect, on grid: inout Grid) {
    let area = Panel(title: "No attention (RNNenc)").render(in: rect, on: &grid)
    let lines: [[Span]] = [
      [Span("--attention none: there is no α.", style: Theme.value)],
      [Span("Every output step receives the same", style: Theme.label)],
      [Span("context c = h_n^e, the encoder's final", style: Theme.label)],
      [Span("state: the whole source in one vector", style: Theme.label)],
      [Span("(the bottleneck).", style: Theme.label)],
      [],
      [Span("source ", style: Theme.label), Span(picture.source.joined(), style: Theme.value)],
      [Span("c = h_n^e (\(picture.contexts.first?.count ?? 0) values):", style: Theme.label)],
    ]
    let (textArea, mapArea) = area.splitTop(min(lines.count, area.height))
    Text(lines: lines).render(in: textArea, on: &grid)
    renderContext(picture.contexts.first ?? [], in: mapArea.splitTop(min(mapArea.height, 4)).top, on: &grid)
  }

  // MARK: The selected step

  private func renderStep(in area: Rect, on grid: inout Grid) {
    guard step < picture.output.count else { return }
    let symbol = picture.output[step]
    var lines: [[Span]] = [
      [Span("output ", style: Theme.label), Span("'\(symbol)'", style: Theme.value)]
        + targetSpans(step: step)
    ]
    lines.append(
      [Span("top-3 ", style: Theme.label)]
        + picture.top[step].flatMap { candidate in
          [
            Span("\(candidate.symbol) ", style: Theme.value),
            Span(Format.fixed(candidate.probability, decimals: 2) + "  "),
          ]
        })
    if picture.attention == .none {
      lines.append([Span("c_i = h_n^e at every step", style: Theme.label)])
    } else if let strongest = picture.alpha[step].indices.max(by: { picture.alpha[step][$0] < picture.alpha[step][$1] })
    {
      lines.append([
        Span("looks at ", style: Theme.label),
        Span("'\(picture.source[strongest])'", style: Theme.value),
        Span(" (#\(strongest + 1)) α ", style: Theme.label),
        Span(Format.fixed(picture.alpha[step][strongest], decimals: 2)),
      ])
    }
    if matrix == .connectivity, let rows = picture.connectivity, step < rows.count {
      let strongest = Seq2SeqConnectivity.argmax(rows[step])
      let agrees = picture.attention != .none && strongest == Seq2SeqConnectivity.argmax(picture.alpha[step])
      lines.append([
        Span("depends most on ", style: Theme.label),
        Span("'\(picture.source[strongest])'", style: Theme.value),
        Span(" (#\(strongest + 1))", style: Theme.label),
        Span(agrees ? " = α's" : picture.attention == .none ? "" : " ≠ α's", style: Theme.dim),
      ])
    }
    let context = picture.contexts[step]
    lines.append([
      Span("c_\(step + 1) ", style: Theme.label),
      Span("(\(context.count) values, ‖c‖ \(Format.compact(norm(context))))"),
    ])
    let (textArea, mapArea) = area.splitTop(min(lines.count, area.height))
    Text(lines: lines).render(in: textArea, on: &grid)
    renderContext(context, in: mapArea.splitTop(min(mapArea.height, 4)).top, on: &grid)
  }

  /// ` target '7' ✓` in green, or ` target '7' ✗` in red, or nothing without a target.
  private func targetSpans(step: Int) -> [Span] {
    guard let right = picture.isRight(step: step), let target = picture.target else { return [] }
    let expected = step < target.count ? target[step] : Self.visible(AttentionPicture.endSymbol)
    return [
      Span("  target ", style: Theme.label), Span("'\(expected)' ", style: Theme.value),
      Span(right ? "✓" : "✗", style: Style(fg: right ? Theme.good : Theme.bad, attributes: .bold)),
    ]
  }

  /// c_i as a heatmap wrapped over rows of the area's width (a half block per value, two values a row).
  private func renderContext(_ context: [Float], in area: Rect, on grid: inout Grid) {
    guard !context.isEmpty, area.width > 0, area.height > 0 else { return }
    Heatmap(matrix: Seq2SeqScreen.wrapped(context, columns: area.width)).colorMap(.diverging).monochrome(monochrome)
      .render(in: area, on: &grid)
  }

  // MARK: Greedy output against the target

  private func renderDecoding(in area: Rect, on grid: inout Grid) {
    var output: [Span] = [Span("output ", style: Theme.label)]
    for (i, symbol) in picture.output.enumerated() {
      let color = picture.isRight(step: i).map { $0 ? Theme.good : Theme.bad }
      output.append(Span(symbol, style: Style(fg: color, attributes: i == step ? .reverse : [])))
    }
    var lines = [output]
    if let target = picture.target {
      lines.append([Span("target ", style: Theme.label), Span(target.joined() + AttentionPicture.endSymbol)])
      let exact = picture.isExact == true
      lines.append([
        Span(exact ? "✓ exact" : "✗ not exact", style: Style(fg: exact ? Theme.good : Theme.bad, attributes: .bold)),
        Span("  ($ = end)", style: Theme.dim),
      ])
    } else {
      lines.append([Span("no target given ($ = end)", style: Theme.dim)])
    }
    Text(lines: lines).render(in: area, on: &grid)
  }

  // MARK: Helpers

  /// A vertical bar of `height` rows for a value in 0…1, top row first (eighth blocks).
  static func bar(_ value: Float, height: Int) -> [Character] {
    let eighths = Int((min(max(value, 0), 1) * Float(height * 8)).rounded())
    let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    return (0..<height).map { row in
      let filled = eighths - (height - 1 - row) * 8
      return blocks[min(max(filled, 0), 8)]
    }
  }

  /// A source or output symbol as one visible column (a space as `·`).
  static func visible(_ symbol: String) -> String { symbol == " " ? "·" : symbol }

  private func norm(_ values: [Float]) -> Float { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
