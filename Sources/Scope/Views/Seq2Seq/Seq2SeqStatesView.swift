import RNNEngine
import TermCanvas

/// The Hidden state and Gates views of an encoder–decoder: one side's layer (an encoder direction
/// or a decoder layer) drawn by `HiddenStateView` or `GatesView` over the source symbols or the
/// decoder steps; `e` switches side, `L` the layer (both directions of a bidirectional encoder).
public struct Seq2SeqStatesView: Sendable {
  /// Which of the two views.
  public enum Kind: String, Sendable {
    /// h as units × positions.
    case hidden
    /// The gates (and c) as units × positions.
    case gates
  }

  /// What to draw.
  public let scene: Seq2SeqScene
  /// Hidden state or gates.
  public let kind: Kind
  /// The side shown.
  public let side: Seq2SeqSide
  /// Index into the side's recurrences (`l · dirs + d` on the encoder, the layer on the decoder).
  public let layer: Int
  /// The selected position (source position or decoder step) and unit.
  public let position: Int, unit: Int
  /// Shades instead of colour.
  public let monochrome: Bool

  /// A view of `scene` (layer, position and unit clamped to what the side has).
  public init(
    scene: Seq2SeqScene, kind: Kind, side: Seq2SeqSide, layer: Int = 0, position: Int = 0, unit: Int = 0,
    monochrome: Bool = false
  ) {
    let recurrences = scene.recurrences(side)
    self.scene = scene
    self.kind = kind
    self.side = side
    self.layer = min(max(layer, 0), recurrences.count - 1)
    let states = recurrences[self.layer].h
    self.position = min(max(position, 0), states.count - 1)
    self.unit = min(max(unit, 0), states.width - 1)
    self.monochrome = monochrome
  }

  /// The one-line key hint under the view.
  public static let hint = "e encoder/decoder · L layer or direction · ←→ position · ↑↓ unit"

  /// The whole screen: a title line, the view, the key hint.
  public func screen(width: Int, height: Int) -> Grid {
    let name = kind == .hidden ? "Hidden state" : "Gates"
    return Seq2SeqScreen.grid(view: name, model: scene.model, hint: Self.hint, width: width, height: height) {
      render(in: $0, on: &$1)
    }
  }

  /// Draws the view into `rect`: a line naming the side, then the character model's view of the layer.
  public func render(in rect: Rect, on grid: inout Grid) {
    let (top, body) = rect.splitTop(1)
    Seq2SeqStatesView.renderSides(side, in: top, on: &grid)
    let recurrence = scene.recurrences(side)[layer]
    let labels = scene.labels(side)
    let name = scene.name(of: recurrence, side: side)
    let positions = side == .encoder ? "source positions" : "decoder steps"
    let stepLabels = labels.map { AttentionView.visible($0).first ?? " " }
    switch kind {
    case .hidden:
      let symbol = side == .encoder ? "h_j^e" : "h_i^d"
      HiddenStateView(
        h: recurrence.h, c: recurrence.c,
        title: "\(symbol), \(name): \(recurrence.h.width) units × \(recurrence.h.count) \(positions)",
        inputs: labels, stepLabels: stepLabels, unit: unit, step: position, monochrome: monochrome
      ).render(in: body, on: &grid)
    case .gates:
      GatesView(
        gates: recurrence.gates, c: recurrence.c, cell: scene.trace.config.cell, title: "Gates, \(name)",
        stepLabels: stepLabels, unit: unit, step: position, monochrome: monochrome
      ).render(in: body, on: &grid)
    }
  }

  /// `side: [encoder]  decoder   (e switches)` with the side shown highlighted.
  static func renderSides(_ side: Seq2SeqSide, in rect: Rect, on grid: inout Grid) {
    var x = rect.x + 1 + grid.put("side:", at: (rect.x + 1, rect.y), style: Theme.label)
    for candidate in Seq2SeqSide.allCases {
      x +=
        1
        + grid.put(
          " \(candidate.rawValue) ", at: (x + 1, rect.y), style: candidate == side ? Theme.selectedTab : Theme.dim)
    }
    grid.put(" (e switches)", at: (x + 1, rect.y), style: Theme.dim, maxX: rect.maxX)
  }
}
