import TermCanvas

/// The replay's timeline: one sparkline bar per recorded epoch (its training loss), the shown one marked.
struct TimelineBar {
  let timeline: ReplayTimeline

  func render(in rect: Rect, on grid: inout Grid) {
    guard !timeline.epochs.isEmpty, rect.height > 0 else { return }
    let state = timeline.isPlaying ? "▶ playing" : "❚❚"
    let position = timeline.caption ?? "epoch \(timeline.currentEpoch) of \(timeline.epochs.last ?? 0)"
    let label = "\(position) \(state)  "
    var x = rect.x + 1
    x += grid.put(label, at: (x, rect.y), style: Theme.title, maxX: rect.maxX)
    // One column per epoch when they fit; otherwise the newest epochs that do.
    let width = max(1, rect.maxX - x - 1)
    let first = max(0, min(timeline.current - width / 2, timeline.epochs.count - width))
    let visible = Array(timeline.losses[first..<min(timeline.losses.count, first + width)])
    Sparkline(values: visible).style(Style(fg: Theme.accent))
      .render(in: Rect(x: x, y: rect.y, width: visible.count, height: 1), on: &grid)
    let marker = x + timeline.current - first
    if marker < rect.maxX {
      grid[marker, rect.y].style = Style(fg: Theme.onColor, bg: Theme.warning, attributes: .bold)
    }
  }
}
