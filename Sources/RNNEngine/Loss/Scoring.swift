/// Which rows of the head's output are scored, against what, and with what weight.
///
/// Built from a batch's (batch-first) targets and mask, in the time-major row order of the logits.
struct Scoring {
  /// Class per logits row (classifier), `(T·B)` or `(B)`.
  var classes: [Int32] = []
  /// Real targets `(B, O)` (regression).
  var values: [Float] = []
  /// 1 if the row counts in the loss, else 0; same length as `classes`.
  var weights: [Float] = []
  /// Number of counted positions: mask sum, or B for last-step targets.
  var counted = 0
  /// Whether the head is scored at every step (logits `(T, B, O)`) rather than once per sequence.
  var perStep = false

  init(batch: Batch, head: HeadKind, outputs: Int) {
    let batchSize = batch.batchSize
    let length = batch.length
    switch batch.targets {
    case .everyStep(let targets):
      precondition(head == .classifier, "per-step class targets need a classifier head")
      precondition(targets.count == batchSize * length, "every-step targets must be (B, T)")
      precondition(batch.mask.isEmpty || batch.mask.count == batchSize * length, "mask must be (B, T)")
      perStep = true
      classes = [Int32](repeating: 0, count: batchSize * length)
      weights = [Float](repeating: 1, count: batchSize * length)
      for b in 0..<batchSize {
        for t in 0..<length {
          classes[t * batchSize + b] = targets[b * length + t]
          if !batch.mask.isEmpty { weights[t * batchSize + b] = batch.mask[b * length + t] }
        }
      }
      counted = Int(weights.reduce(0, +).rounded())
    case .lastStep(let targets):
      precondition(head == .classifier, "class targets need a classifier head")
      precondition(targets.count == batchSize, "last-step targets must be (B)")
      classes = targets
      weights = [Float](repeating: 1, count: batchSize)
      counted = batchSize
    case .regression(let targets):
      precondition(head == .regression, "regression targets need a regression head")
      precondition(targets.count == batchSize * outputs, "regression targets must be (B, O)")
      values = targets
      counted = batchSize
    }
  }
}
