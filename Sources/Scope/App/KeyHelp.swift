import TermCanvas

/// Every key of the TUI, as the help overlay lists them.
enum KeyHelp {
  static let entries: [HelpOverlay.Entry] = [
    .init(key: "Tab 1–7", description: "switch view (Unrolled, Hidden, Gates, Gradients, Training, Lab, Connectivity)"),
    .init(key: "← → h l", description: "move through time (Home/End: first/last step)"),
    .init(key: "↑ ↓ j k", description: "select a hidden unit (PgUp/PgDn: 8 at a time)"),
    .init(key: "L", description: "next layer of a stacked model"),
    .init(key: "d", description: "bidirectional: other direction (unrolled: inside the step; hidden: unit readout)"),
    .init(key: "↑ ↓ ← →", description: "encoder–decoder: pick the output step (Attention, Encoder–decoder)"),
    .init(key: "e", description: "encoder–decoder: Hidden state, Gates, Gradients of the encoder or decoder"),
    .init(key: "g", description: "encoder–decoder: Attention shades α or the gradient connectivity"),
    .init(key: "a", description: "animate: forward then backward (encoder–decoder: read, then decode)"),
    .init(key: "space", description: "pause / resume training"),
    .init(key: "n", description: "one training step while paused (--lecture: the rest of the epoch)"),
    .init(key: "+ -", description: "training speed (steps per second, or full)"),
    .init(key: "[ ]", description: "halve / double the learning rate"),
    .init(key: "c", description: "gradient clipping: off, 1, 5, 25"),
    .init(key: "t T", description: "sampling temperature down / up (language models)"),
    .init(key: "v ⇧← ⇧→", description: "hidden: mark a span of the probe; its units are searched for"),
    .init(key: "< > m M ⏎ Esc", description: "hidden: threshold, next/previous match, make it the probe, clear"),
    .init(key: "e f g G i r", description: "lab: experiment, forget bias, gap, init/now, restart"),
    .init(key: "[ ] { } p", description: "replay: previous/next epoch, first/last, play"),
    .init(key: "s", description: "save the screen as SVG and ANSI text"),
    .init(key: "mouse", description: "click a tab to switch view; the wheel selects a unit"),
    .init(key: "?", description: "this help (any key closes it)"),
    .init(key: "q  Ctrl-C", description: "quit"),
  ]

  static let overlay = HelpOverlay(entries: entries).title("rnnscope keys")
}
