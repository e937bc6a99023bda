/// A case-correction model's held-out accuracy split where the overall figure misleads: most
/// characters are right by copying the lowercased input, so what moves is the accuracy on
/// capitals, and above all on capitals that start a word (`He` against `he`), which a
/// unidirectional model must decide before it sees the rest of the word.
public struct CaseAccuracy: Sendable, Equatable {
  /// Every scored position (padding too, unless the task masks it).
  public var positions: Int
  /// Positions predicted correctly.
  public var correct: Int
  /// Positions where copying the lowercased input is already right.
  public var copied: Int
  /// Positions whose target is a capital letter A–Z.
  public var capitals: Int
  /// Capitals predicted correctly.
  public var capitalsCorrect: Int
  /// Capitals after a non-letter (a window's first byte never counts).
  public var wordInitialCapitals: Int
  /// Word-initial capitals predicted correctly.
  public var wordInitialCorrect: Int

  /// Fraction of positions predicted correctly.
  public var overall: Double { Double(correct) / Double(max(positions, 1)) }
  /// Fraction of positions where copying the input is right: the baseline `overall` must beat.
  public var copyingInput: Float { Float(copied) / Float(max(positions, 1)) }
  /// Fraction of capitals predicted correctly.
  public var onCapitals: Float { Float(capitalsCorrect) / Float(max(capitals, 1)) }
  /// Fraction of word-initial capitals predicted correctly.
  public var onWordInitialCapitals: Double { Double(wordInitialCorrect) / Double(max(wordInitialCapitals, 1)) }

  /// The counts as they are, for tests and pictures.
  public init(
    positions: Int, correct: Int, copied: Int, capitals: Int, capitalsCorrect: Int, wordInitialCapitals: Int,
    wordInitialCorrect: Int
  ) {
    (self.positions, self.correct, self.copied) = (positions, correct, copied)
    (self.capitals, self.capitalsCorrect) = (capitals, capitalsCorrect)
    (self.wordInitialCapitals, self.wordInitialCorrect) = (wordInitialCapitals, wordInitialCorrect)
  }

  /// Scores `model` on every held-out batch of `task` (argmax per position against the cased text).
  public init(of model: RecurrentModel, on task: CaseCorrectionTask, batchSize: Int = 64) {
    self.init(
      positions: 0, correct: 0, copied: 0, capitals: 0, capitalsCorrect: 0, wordInitialCapitals: 0,
      wordInitialCorrect: 0)
    for batch in task.heldOutBatches(size: batchSize) {
      guard case .everyStep(let targets) = batch.targets else { continue }  // (B, T)
      let record = model.forward(batch)
      let classes = model.config.outputs
      for b in 0..<batch.batchSize {
        let cased = (0..<batch.length).map { UInt8(truncatingIfNeeded: targets[b * batch.length + $0]) }
        for t in 0..<batch.length {
          let index = b * batch.length + t  // (B, T)
          guard batch.mask.isEmpty || batch.mask[index] > 0 else { continue }
          let row = (t * batch.batchSize + b) * classes  // logits are (T, B, O)
          let logits = record.logits[row..<(row + classes)]
          let right = logits.indices.max { logits[$0] < logits[$1] }.map { $0 - row } == Int(cased[t])
          positions += 1
          correct += right ? 1 : 0
          copied += batch.tokens[index] == targets[index] ? 1 : 0
          guard (65...90).contains(cased[t]) else { continue }
          capitals += 1
          capitalsCorrect += right ? 1 : 0
          if Self.isWordInitialCapital(cased, at: t) {
            wordInitialCapitals += 1
            wordInitialCorrect += right ? 1 : 0
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

extension Trainer {
  /// For the case task, `CaseAccuracy` over the held-out set (one more forward pass over it); nil
  /// for other tasks or a held-out set without capitals.
  public func caseAccuracy() -> CaseAccuracy? {
    guard let task = task as? CaseCorrectionTask else { return nil }
    let accuracy = CaseAccuracy(of: model, on: task, batchSize: max(config.batchSize, 64))
    return accuracy.capitals > 0 ? accuracy : nil
  }
}
