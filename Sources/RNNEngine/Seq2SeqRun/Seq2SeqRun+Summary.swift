import Foundation

extension Seq2SeqRun {
  /// The text of `rnnscope inspect DIR`: what the run is, its settings, a table of its epochs
  /// (held-out figures, exact by source length and the probe translated), and any notes.
  public var summary: String {
    var lines = ["\(url.path): encoder–decoder (seq2seq) run directory"]
    if let info {
      lines.append("  recorded by rnnscope \(info.programVersion), started \(info.created)")
      lines.append("  task: \(info.task)")
    }
    var model = "  model: \(config.cell.rawValue) H=\(config.hidden)\(config.bidirectional ? " bidirectional" : "")"
    model += " E=\(config.embedding) L=\(config.layers) attention \(config.attention.rawValue)"
    model += "; vocabularies \(vocabulary.sourceSize) source, \(vocabulary.targetSize) target ids"
    lines.append(model)
    if let settings {
      var text = "  settings: \(settings.task.rawValue)"
      if settings.task == .reverse || settings.task == .sort { text += " \(settings.minLength)–\(settings.maxLength)" }
      text +=
        ", \(settings.optimizer.rawValue) lr \(settings.learningRate), clip \(settings.clip.map { "\($0)" } ?? "off")"
      text += ", batch \(settings.batchSize), seed \(settings.seed), \(settings.steps) steps"
      text += " in \(settings.epochs) epochs of \(settings.stepsPerEpoch)"
      lines.append(text)
      if let path = settings.pairsPath {
        lines.append("  pairs: \(path)" + (info?.pairs.map { " (\($0.bytes) bytes, hash \($0.hash))" } ?? ""))
      }
    }
    let kept = epochs.map { String($0.number) }.joined(separator: ", ")
    lines.append("  kept epochs: \(kept.isEmpty ? "none" : kept)")
    if !records.isEmpty {
      lines.append("  epoch   step    loss  tok_acc  exact  exact by source length       probe")
      for record in records {
        let buckets = record.byLength.map {
          "\($0.first)-\($0.last) \(Int((100 * Double($0.exact) / Double(max($0.count, 1))).rounded()))%"
        }
        lines.append(
          String(
            format: "  %5d %6d %7.4f %8.3f %6.3f  ", record.epoch, record.step, record.trainLoss,
            record.tokenAccuracy, record.exactAccuracy)
            + buckets.joined(separator: " ") + "  " + record.probeOutput.debugDescription)
      }
    }
    lines.append("  metrics: \(steps.count) steps")
    lines += notes.map { "  note: \($0)" }
    return lines.joined(separator: "\n")
  }
}
