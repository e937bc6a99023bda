extension RunDirectory {
  /// The text of `rnnscope inspect DIR`: what the run is, its finished epochs, and any notes.
  public var summary: String {
    var lines = ["\(url.path): run directory"]
    if let info {
      lines.append("  recorded by rnnscope \(info.programVersion), started \(info.created)")
      lines.append("  task: \(info.task); vocabulary: \(info.vocabulary)")
    }
    if let config {
      var text = "  config: \(config.task.kind.rawValue), \(config.cell.rawValue) \(config.layers)x\(config.hidden)"
      text += config.embedding.map { ", embedding \($0)" } ?? ""
      text += ", \(config.optimizer.rawValue) lr \(config.learningRate), batch \(config.batchSize), seed \(config.seed)"
      text += config.epochs.map { ", \($0) epochs" } ?? ""
      if let steps = info?.stepsPerEpoch ?? config.stepsPerEpoch { text += " of \(steps) steps" }
      lines.append(text)
    }
    lines.append(
      "  finished epochs: \(epochs.isEmpty ? "none" : epochs.map { String($0.number) }.joined(separator: ", "))")
    for record in epochRecords {
      var text =
        "    epoch \(record.epoch): loss \(formatted(record.trainLoss)) held-out \(formatted(record.heldOutLoss))"
      if let accuracy = record.heldOutAccuracy { text += " acc \(formatted(accuracy))" }
      if !record.probe.isEmpty { text += " probe \(record.probe.debugDescription)" }
      lines.append(text)
    }
    lines.append("  metrics: \(metrics.count) steps")
    lines += notes.map { "  note: \($0)" }
    return lines.joined(separator: "\n")
  }

  private func formatted(_ value: Float) -> String {
    value.isFinite ? String(Float((value * 10_000).rounded() / 10_000)) : "\(value)"
  }
}
