import RNNEngine
import TermCanvas

/// The bottom line: model, task, progress, loss, speed, and whether training runs.
struct StatusBar {
  let state: AppState
  let snapshot: TrainingSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    let config = snapshot.config
    let epochs = config.epochs.map { "/\($0)" } ?? ""
    // Before any step (an imported model) the probe's loss is the one there is.
    let loss =
      snapshot.history.lastLoss.map(Format.compact)
      ?? ScoredSteps(snapshot: snapshot).probeLoss.map { "\(Format.compact($0)) (probe)" } ?? "–"
    var parts = [
      "\(ModelDescription.short(snapshot.model))",
      snapshot.task.kind.rawValue,
      "epoch \(snapshot.epoch)\(epochs) step \(snapshot.stepInEpoch)/\(snapshot.stepsPerEpoch)",
      "loss \(loss)",
      "lr \(Format.compact(config.learningRate))",
      "clip \(config.clip.map(Format.compact) ?? "off")",
    ]
    // A still picture (snapshot, paused replay) has no speed to report.
    if snapshot.tokensPerSecond > 0 { parts.append("\(Format.count(snapshot.tokensPerSecond)) tok/s") }
    parts += Self.frames(state)
    if let limit = snapshot.speedLimit { parts.append("\(limit) steps/s") }
    let status = state.replay == nil ? StatusBar.label(snapshot.status) : "◆ replay"
    let statusColor = state.replay == nil ? Theme.color(of: snapshot.status) : Theme.accent
    Self.draw(parts: parts, status: status, statusColor: statusColor, message: state.message, in: rect, on: &grid)
  }

  /// Draws a status line: `parts` on the left, then any message and the status word on the right.
  /// The status word and the message always show; the figures on the left give way when narrow.
  static func draw(
    parts: [String], status: String, statusColor: RGB, message: Message?, in rect: Rect, on grid: inout Grid
  ) {
    let base = Theme.statusText
    grid.fill(rect, with: Cell(" ", style: Style(bg: Theme.statusBackground)))
    let message = message.map { $0.text + "  " } ?? ""
    let rightWidth = min(rect.width, DisplayWidth.of(message + status) + 1)
    let rightX = rect.maxX - rightWidth
    grid.put(
      parts.joined(separator: " · "),
      truncatingIn: Rect(x: rect.x + 1, y: rect.y, width: max(0, rightX - rect.x - 2), height: 1), style: base)
    let x = rightX + grid.put(message, at: (rightX, rect.y), style: base.fg(Theme.warning), maxX: rect.maxX)
    _ = grid.put(status, at: (x, rect.y), style: base.fg(statusColor).adding(.bold), maxX: rect.maxX)
  }

  /// `30 fps`, the frames the main loop drew in the last second; nothing in a still picture.
  static func frames(_ state: AppState) -> [String] {
    state.framesPerSecond > 0 ? ["\(Int(state.framesPerSecond.rounded())) fps"] : []
  }

  /// The status word with its marker.
  static func label(_ status: TrainingStatus) -> String {
    switch status {
    case .training: "● training"
    case .paused: "❚❚ paused"
    case .diverged: "✖ diverged"
    case .finished: "■ finished"
    }
  }
}

/// Short names for a model, e.g. `LSTM 1×32`, `GRU 2×128 emb16` or `bi-LSTM 1×32`.
enum ModelDescription {
  static func short(_ model: ModelConfig) -> String {
    let cell: String
    switch model.cell {
    case .rnnTanh: cell = "RNN-tanh"
    case .rnnRelu: cell = "RNN-relu"
    case .rnnLinear: cell = "RNN-linear"
    case .lstm: cell = "LSTM"
    case .gru: cell = "GRU"
    }
    var text = "\(model.bidirectional ? "bi-" : "")\(cell) \(model.layers)×\(model.hidden)"
    if case .embedding(_, let dim) = model.input { text += " emb\(dim)" }
    return text
  }
}
