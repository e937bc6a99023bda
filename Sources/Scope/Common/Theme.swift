import RNNEngine
import TermCanvas

/// The colours and styles every view shares, so the screens read as one program.
enum Theme {
  static let accent = RGB(hex: 0x5FAFFF)
  static let good = RGB(hex: 0x5FD75F)
  static let bad = RGB(hex: 0xFF5F5F)
  static let warning = RGB(hex: 0xFFD75F)
  static let muted = RGB(hex: 0x8A8A8A)
  static let heldOut = RGB(hex: 0xFFAF5F)
  static let theory = RGB(hex: 0xBCBCBC)
  /// Text on a coloured background (the selected tab, the replay timeline's marker).
  static let onColor = RGB.black
  /// The status line's background.
  static let statusBackground = RGB(hex: 0x262626)

  static let title = Style(attributes: .bold)
  static let dim = Style(attributes: .dim)
  static let label = Style(fg: muted)
  static let value = Style(attributes: .bold)
  static let selectedTab = Style(fg: onColor, bg: accent, attributes: .bold)
  /// The status line's text on its background.
  static let statusText = Style(fg: RGB(hex: 0xD0D0D0), bg: statusBackground)
  static let cursor = Style(attributes: [.reverse, .bold])
  /// A reading direction's heading over its heatmaps (`→ forward (reads left to right)`).
  static let directionTitle = Style(fg: accent, attributes: .bold)

  /// Line colours for several series (cells in the lab, gates in a chart), distinct on dark and light.
  static let series: [RGB] = [accent, RGB(hex: 0xFF8700), good, RGB(hex: 0xD75FD7), warning, RGB(hex: 0x5FD7D7), bad]

  /// The colour a training status is shown in.
  static func color(of status: TrainingStatus) -> RGB {
    switch status {
    case .training: good
    case .paused: warning
    case .diverged: bad
    case .finished: accent
    }
  }

  /// The colour of gate `name` in charts (LSTM i f g o, GRU r z n).
  static func color(ofGate name: String) -> RGB {
    let order = ["i", "f", "g", "o", "r", "z", "n", "h"]
    return series[(order.firstIndex(of: name) ?? 0) % series.count]
  }

  /// The colour map for a gate: sequential for sigmoid gates in [0, 1], diverging for tanh ones.
  static func colorMap(ofGate name: String) -> ColorMap {
    ["g", "n", "h"].contains(name) ? .diverging : .viridis
  }
}
