import CNCurses
import TermCanvas

/// Maps (foreground, background) colours to curses colour pairs, allocating each pair once.
///
/// Curses draws with numbered pairs of palette indices; a heatmap plus the palette needs a few
/// hundred. When the terminal's pairs run out (64 on an 8-colour terminal) the cache starts over.
struct ColorPairCache {
  private struct Key: Hashable {
    var fg: Int32
    var bg: Int32
  }

  private let depth: ColorDepth
  private let capacity: Int
  private var pairs: [Key: Int32] = [:]

  init(depth: ColorDepth, capacity: Int) {
    self.depth = depth
    self.capacity = capacity
  }

  /// The pair number for these colours (0, the default pair, in monochrome).
  mutating func pair(fg: RGB?, bg: RGB?) -> Int32 {
    guard depth != .monochrome, capacity > 1 else { return 0 }
    let key = Key(fg: paletteIndex(fg), bg: paletteIndex(bg))
    if key.fg == -1 && key.bg == -1 { return 0 }
    if let pair = pairs[key] { return pair }
    if pairs.count >= capacity - 1 {
      pairs.removeAll(keepingCapacity: true)
      reset_color_pairs()
    }
    let pair = alloc_pair(key.fg, key.bg)
    guard pair > 0 else { return 0 }
    pairs[key] = pair
    return pair
  }

  /// The palette index for a colour at this depth; -1 is the terminal's default colour.
  private func paletteIndex(_ color: RGB?) -> Int32 {
    guard let color, case .indexed(let index)? = depth.terminalColor(for: color) else { return -1 }
    return Int32(index)
  }
}
