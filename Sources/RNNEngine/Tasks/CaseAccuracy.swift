/// A case-correction model's held-out accuracy overall and on the letters where reading left to
/// right is not enough: capitals that start a word (`He` against `he`), where a unidirectional
/// model must decide before it sees the rest of the word.
public struct CaseAccuracy: Sendable, Equatable {
  /// Positions predicted correctly, of all positions.
  public var correct: Int
  /// Every scored position.
  public var positions: Int
  /// Word-initial capitals predicted correctly.
  public var capitalsCorrect: Int
  /// Positions whose target is a capital letter after a non-letter (a window's first byte never counts).
  public var capitals: Int

  /// Fraction of positions predicted correctly.
  public var overall: Double { Double(correct) / Double(max(positions, 1)) }
  /// Fraction of word-initial capitals predicted correctly.
  public var onCapitals: Double { Double(capitalsCorrect) / Double(max(capitals, 1)) }

  /// Scores `model` on every held-out batch of `task` (argmax per position against the cased text).
  public init(of model: RecurrentModel, on task: CaseCorrectionTask, batchSize: Int = 64) {
    (correct, positions, capitalsCorrect, capitals) = (0, 0, 0, 0)
    for batch in task.heldOutBatches(size: batchSize) {
      guard case .everyStep(let targets) = batch.targets else { continue }  // (B, T)
      let record = model.forward(batch)
      let classes = model.config.outputs
      for b in 0..<batch.batchSize {
        let cased = (0..<batch.length).map { UInt8(truncatingIfNeeded: targets[b * batch.length + $0]) }
        for t in 0..<batch.length {
          let row = (t * batch.batchSize + b) * classes  // logits are (T, B, O)
          let logits = record.logits[row..<(row + classes)]
          let predicted = logits.indices.max { logits[$0] < logits[$1] }.map { $0 - row }
          let right = predicted == Int(cased[t])
          positions += 1
          correct += right ? 1 : 0
          if Self.isWordInitialCapital(cased, at: t) {
            capitals += 1
            capitalsCorrect += right ? 1 : 0
          }
        }
      }
      model.recycle(record)
    }
  }

  /// Whether `text[index]` is an ASCII capital following a byte that is not a letter.
  static func isWordInitialCapital(_ text: [UInt8], at index: Int) -> Bool {
    func isLetter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }
    return index > 0 && (65...90).contains(text[index]) && !isLetter(text[index - 1])
  }
}
