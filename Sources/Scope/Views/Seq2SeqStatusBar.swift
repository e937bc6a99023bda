import RNNEngine
import TermCanvas

/// The bottom line of an encoder–decoder session: model, task, progress, loss, speed, state.
struct Seq2SeqStatusBar {
  let state: AppState
  let snapshot: Seq2SeqSessionSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    let epochs = snapshot.epochLimit.map { "/\($0)" } ?? ""
    var parts = [
      Self.model(snapshot.config),
      snapshot.task.kind.rawValue,
      "epoch \(snapshot.epoch)\(epochs) step \(snapshot.stepInEpoch)/\(snapshot.stepsPerEpoch)",
      "loss \(snapshot.history.lastLoss.map(Format.compact) ?? "–")",
      "lr \(Format.compact(snapshot.learningRate))",
      "clip \(snapshot.clip.map(Format.compact) ?? "off")",
    ]
    if snapshot.tokensPerSecond > 0 { parts.append("\(Format.count(snapshot.tokensPerSecond)) tok/s") }
    parts += StatusBar.frames(state)
    if let limit = snapshot.speedLimit { parts.append("\(limit) steps/s") }
    StatusBar.draw(
      parts: parts, status: StatusBar.label(snapshot.status), statusColor: Theme.color(of: snapshot.status),
      message: state.message, in: rect, on: &grid)
  }

  /// `GRU 1×64 emb16 · dot` (`bi` after the width for a bidirectional encoder).
  static func model(_ config: Seq2SeqConfig) -> String {
    let cell =
      config.cell == .rnnTanh ? "RNN" : config.cell == .rnnRelu ? "RNN-relu" : config.cell.rawValue.uppercased()
    return
      "\(cell) \(config.layers)×\(config.hidden)\(config.bidirectional ? " bi" : "") emb\(config.embedding) · \(config.attention.rawValue)"
  }
}
