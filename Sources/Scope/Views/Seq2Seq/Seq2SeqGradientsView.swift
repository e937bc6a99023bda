import Foundation
import RNNEngine
import TermCanvas

/// The Gradients view of an encoder–decoder: ‖∂L/∂h_j^e‖ along the source, split into what arrives
/// through attention and what arrives through the final state only, and ‖∂L/∂h_i^d‖ along the
/// decoding, both on log axes labelled with the symbols. With attention the early source positions
/// keep a gradient; without, only the final-state path is left and it fades with distance from the
/// end: the vanishing gradient again, in seq2seq.
public struct Seq2SeqGradientsView: Sendable {
  /// What to draw.
  public let scene: Seq2SeqScene
  /// The side the cursor is on.
  public let side: Seq2SeqSide
  /// The selected source position or decoder step.
  public let position: Int

  /// A view of `scene` with `position` on `side` selected (clamped).
  public init(scene: Seq2SeqScene, side: Seq2SeqSide, position: Int = 0) {
    self.scene = scene
    self.side = side
    let count = side == .encoder ? scene.trace.sourceLength : scene.trace.targetLength
    self.position = min(max(position, 0), count - 1)
  }

  /// The one-line key hint under the view.
  public static let hint = "e encoder/decoder · ←→ position · bars on a log axis, one decade a tick"

  /// The whole screen: a title line, the view, the key hint.
  public func screen(width: Int, height: Int) -> Grid {
    Seq2SeqScreen.grid(view: "Gradients", model: scene.model, hint: Self.hint, width: width, height: height) {
      render(in: $0, on: &$1)
    }
  }

  /// Draws the view into `rect`.
  public func render(in rect: Rect, on grid: inout Grid) {
    let (top, body) = rect.splitTop(2)
    Seq2SeqStatesView.renderSides(side, in: top.splitTop(1).top, on: &grid)
    renderSummary(in: top.splitTop(1).rest.inset(horizontal: 1, vertical: 0), on: &grid)
    let columns = Layout.columns([.remainder, .fixed(min(38, rect.width * 2 / 5))], in: body)
    let charts = Layout.rows([.fraction(0.55), .remainder], in: columns[0])
    let trace = scene.trace
    let gradients = trace.encoderGradients
    let encoderTitle = "‖∂L/∂h_j^e‖ along the source (log), by the path it took"
    LogBars(
      series: [
        ("through attention", gradients.throughAttention, Theme.accent),
        ("through the final state", gradients.throughFinalState, Theme.heldOut),
      ],
      labels: scene.source, selected: side == .encoder ? position : nil
    ).render(in: Panel(title: encoderTitle).render(in: charts[0], on: &grid), on: &grid)
    LogBars(
      series: [("‖∂L/∂h_i^d‖", trace.decoderGradientNorms, Theme.good)], labels: scene.targetIn,
      selected: side == .decoder ? position : nil
    ).render(
      in: Panel(title: "‖∂L/∂h_i^d‖ per decoder step (log), under what it read").render(in: charts[1], on: &grid),
      on: &grid)
    renderCursor(in: Panel(title: "At the cursor").render(in: columns[1], on: &grid), on: &grid)
  }

  /// The loss and how much gradient the first source position keeps against the last.
  private func renderSummary(in rect: Rect, on grid: inout Grid) {
    let gradients = scene.trace.encoderGradients
    let last = scene.trace.sourceLength - 1
    func ratio(_ values: [Float]) -> String {
      values[last] > 0 ? Format.compact(values[0] / values[last]) : "—"
    }
    let spans = [
      Span("loss ", style: Theme.label), Span(Format.fixed(scene.trace.loss, decimals: 4), style: Theme.value),
      Span("   ‖∂L/∂h_1^e‖ / ‖∂L/∂h_S^e‖: total ", style: Theme.label),
      Span(ratio(gradients.total), style: Theme.value),
      Span("   through attention ", style: Theme.label), Span(ratio(gradients.throughAttention), style: Theme.value),
      Span("   through the final state ", style: Theme.label),
      Span(ratio(gradients.throughFinalState), style: Theme.value),
    ]
    Text(lines: [spans]).render(in: rect, on: &grid)
  }

  private func renderCursor(in area: Rect, on grid: inout Grid) {
    let trace = scene.trace
    var lines: [[Span]]
    switch side {
    case .encoder:
      let gradients = trace.encoderGradients
      lines = [
        [
          Span("source #\(position + 1) ", style: Theme.label),
          Span("'\(scene.source[position])'", style: Theme.value),
        ],
        [Span("‖∂L/∂h_j^e‖       ", style: Theme.label), Span(Format.compact(gradients.total[position]))],
        [
          Span("through attention ", style: Theme.label),
          Span(Format.compact(gradients.throughAttention[position]), style: Style(fg: Theme.accent)),
        ],
        [
          Span("through h_n^e     ", style: Theme.label),
          Span(Format.compact(gradients.throughFinalState[position]), style: Style(fg: Theme.heldOut)),
        ],
        [],
        [Span("The two paths add as vectors:", style: Theme.dim)],
        [Span("|a − f| ≤ total ≤ a + f.", style: Theme.dim)],
        [],
      ]
      if trace.config.attention == .none {
        lines.append([Span("No attention: all of it comes", style: Theme.dim)])
        lines.append([Span("back through h_n^e and fades", style: Theme.dim)])
        lines.append([Span("with distance from the end.", style: Theme.dim)])
      } else {
        lines.append([Span("Attention reaches every h_j^e", style: Theme.dim)])
        lines.append([Span("directly: the early positions", style: Theme.dim)])
        lines.append([Span("keep a gradient.", style: Theme.dim)])
      }
    case .decoder:
      let right = scene.isRight(step: position)
      lines = [
        [
          Span("step \(position + 1) reads ", style: Theme.label),
          Span("'\(scene.targetIn[position])'", style: Theme.value),
        ],
        [
          Span("must predict ", style: Theme.label), Span("'\(scene.targetOut[position])'", style: Theme.value),
          Span("  predicted ", style: Theme.label),
          Span("'\(scene.predicted[position])'", style: Style(fg: right ? Theme.good : Theme.bad, attributes: .bold)),
        ],
        [Span("‖∂L/∂h_i^d‖ ", style: Theme.label), Span(Format.compact(trace.decoderGradientNorms[position]))],
        [Span("−log p      ", style: Theme.label), Span(Format.fixed(trace.stepLoss[position], decimals: 4))],
      ]
    }
    Text(lines: lines).render(in: area, on: &grid)
  }
}

/// Non-negative values per position as bars on a log axis (a decade per tick), one bar per series
/// side by side, with each position's symbol under its bars and a legend over them; scrolls to keep
/// `selected` on screen.
struct LogBars {
  /// The name, values `(positions)` and colour of each series.
  var series: [(label: String, values: [Float], color: RGB)]
  /// The symbol under each position.
  var labels: [String]
  /// The selected position, drawn reversed.
  var selected: Int?

  /// Columns of the axis labels (`1e-12 ┤`).
  static let axisWidth = 7

  /// The axis: whole decades from below the smallest positive value to above the largest.
  var decades: ClosedRange<Int> {
    let positive = series.flatMap(\.values).filter { $0 > 0 && $0.isFinite }
    let low = Int((log10(positive.min() ?? 1)).rounded(.down))
    let high = Int((log10(positive.max() ?? 10)).rounded(.up))
    return low...max(high, low + 1)
  }

  /// The bar's height as a fraction of the axis (0 for values at or below its bottom).
  func fraction(_ value: Float) -> Float {
    guard value > 0, value.isFinite else { return 0 }
    let range = decades
    return (log10(value) - Float(range.lowerBound)) / Float(range.upperBound - range.lowerBound)
  }

  func render(in area: Rect, on grid: inout Grid) {
    guard area.height >= 4, area.width > Self.axisWidth + series.count, let count = series.first?.values.count
    else { return }
    var x = area.x
    for entry in series {
      x += grid.put("█ ", at: (x, area.y), style: Style(fg: entry.color), maxX: area.maxX)
      x += grid.put(entry.label + "  ", at: (x, area.y), style: Theme.label, maxX: area.maxX)
    }
    let area = area.splitTop(1).rest
    let barHeight = area.height - 1
    let range = decades
    // A label at every decade that falls on its own row, bottom to top.
    let span = range.upperBound - range.lowerBound
    var lastRow = Int.max
    for decade in range {
      let row =
        area.y + barHeight - 1 - Int((Float(decade - range.lowerBound) / Float(span) * Float(barHeight - 1)).rounded())
      guard row < lastRow else { continue }
      grid.put("1e\(decade)".leftPadded(to: Self.axisWidth - 2) + " ┤", at: (area.x, row), style: Theme.label)
      lastRow = row
    }
    let plotX = area.x + Self.axisWidth
    let plotWidth = area.maxX - plotX
    // Bars up to 3 columns wide with a column between positions; one column each, no gap, at the least.
    let barWidth = min(3, max(1, (plotWidth / count - 1) / series.count))
    let perPosition = (series.count * barWidth + 1) * count <= plotWidth ? series.count * barWidth + 1 : series.count
    let visible = max(1, plotWidth / perPosition)
    let first = min(max(0, (selected ?? 0) - visible / 2), max(0, count - visible))
    for position in first..<min(count, first + visible) {
      let x = plotX + (position - first) * perPosition
      for (index, entry) in series.enumerated() {
        for (row, character) in AttentionView.bar(fraction(entry.values[position]), height: barHeight).enumerated() {
          grid.put(
            String(repeating: character, count: barWidth), at: (x + index * barWidth, area.y + row),
            style: Style(fg: entry.color))
        }
      }
      let style = position == selected ? Theme.cursor : Theme.value
      grid.put(AttentionView.visible(labels[position]), at: (x, area.maxY - 1), style: style, maxX: area.maxX)
    }
  }
}
