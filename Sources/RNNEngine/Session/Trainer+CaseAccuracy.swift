/// The case task's accuracy split where it misleads: most characters are right by copying the
/// lowercased input, so the figure that moves is the accuracy on capitals.
public struct CaseAccuracy: Sendable, Equatable {
  /// Share of scored held-out positions where copying the input is already right.
  public var copyingInput: Float
  /// Share of scored held-out positions whose target is a capital letter that the model predicts.
  public var capitals: Float
}

extension Trainer {
  /// For the case task, the copy-the-input baseline and the accuracy on capital letters over the
  /// held-out set (one more forward pass over it); nil for other tasks or without capitals.
  public func caseAccuracy() -> CaseAccuracy? {
    guard task.kind == .caseCorrection else { return nil }
    var (scored, copied, capitals, capitalsRight) = (0, 0, 0, 0)
    let outputs = model.config.outputs
    for batch in task.heldOutBatches(size: max(config.batchSize, 64)) {
      guard case .everyStep(let targets) = batch.targets else { return nil }
      let record = model.forward(batch)  // logits (T, B, O)
      for b in 0..<batch.batchSize {
        for t in 0..<batch.length {
          let index = b * batch.length + t  // (B, T)
          guard batch.mask.isEmpty || batch.mask[index] > 0 else { continue }
          let target = targets[index]
          scored += 1
          if batch.tokens[index] == target { copied += 1 }
          guard (65...90).contains(target) else { continue }  // A–Z
          capitals += 1
          let row = record.logits[((t * batch.batchSize + b) * outputs)..<((t * batch.batchSize + b + 1) * outputs)]
          if row.indices.max(by: { row[$0] < row[$1] }).map({ $0 - row.startIndex }) == Int(target) {
            capitalsRight += 1
          }
        }
      }
      model.recycle(record)
    }
    guard scored > 0, capitals > 0 else { return nil }
    return CaseAccuracy(
      copyingInput: Float(copied) / Float(scored), capitals: Float(capitalsRight) / Float(capitals))
  }
}
