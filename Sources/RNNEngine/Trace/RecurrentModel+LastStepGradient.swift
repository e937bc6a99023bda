/// Where the loss of a sequence's last scored step alone reaches its states from, for ‖∂L_T/∂h_t‖.
enum LastStepLoss: Equatable {
  /// Last-step and regression targets score only that step: the whole loss is the last step's, and
  /// so is the backward pass's own ∂L/∂h_t.
  case wholeLoss
  /// Every-step targets: the head row of step `step` (time-major) alone, carried back on its own.
  case row(step: Int)
  /// No step of the sequence is scored.
  case unscored

}

extension RecurrentModel {
  /// How the last scored step's loss of `sequence` in `record` is to be carried back.
  func lastStepLoss(of record: ForwardRecord, sequence: Int) -> LastStepLoss {
    let batch = record.batch
    guard case .everyStep = batch.targets, record.logitsPerStep else { return .wholeLoss }
    let length = batch.length
    let weight = { (t: Int) in batch.mask.isEmpty ? 1 : batch.mask[sequence * length + t] }  // (B, T)
    guard let last = (0..<length).last(where: { weight($0) > 0 }) else { return .unscored }
    return .row(step: last)
  }

  /// ‖row t‖ of sequence `sequence` at every step t of a time-major `(T, B, H)` buffer.
  func stepNorms(_ values: [Float], batchSize: Int, length: Int, sequence: Int) -> [Float] {
    let hidden = config.hidden
    return values.withBase { values in
      (0..<length).map { t in
        FastMath.sumOfSquares(values + (t * batchSize + sequence) * hidden, count: hidden).squareRoot()
      }
    }
  }

  /// ‖∂L_T/∂h_t‖ at every step t of each recurrence (a layer's direction), `[recurrence][T]` in the
  /// order the recurrence took its steps: the loss of the sequence's last
  /// scored step alone, carried back through the true step Jacobians (and the LSTM's cell state),
  /// on the scale of the whole loss (divided by the scored positions as the mean loss is).
  ///
  /// Every-step targets backpropagate `record` once more from that one head row: softmax minus
  /// one-hot there, zero elsewhere (no second forward pass). A reverse
  /// direction's last step is the first position, so for it the loss alone is the first scored
  /// position's, which flows back to it left to right (a second pass from that row).
  func lastStepGradientNorms(record: ForwardRecord, backward: BackwardRecord, sequence: Int) -> [[Float]] {
    let batch = record.batch
    let (batchSize, length, outputs) = (batch.batchSize, batch.length, config.outputs)
    let norms = { (values: [Float]) in self.stepNorms(values, batchSize: batchSize, length: length, sequence: sequence)
    }
    let last: Int
    switch lastStepLoss(of: record, sequence: sequence) {
    case .wholeLoss: return backward.dhTotal.map(norms)
    case .unscored: return Array(repeating: Array(repeating: 0, count: length), count: config.recurrences)
    case .row(let step): last = step
    }
    guard case .everyStep(let targets) = batch.targets, !record.logits.isEmpty else {
      return Array(repeating: Array(repeating: 0, count: length), count: config.recurrences)
    }
    let weight = { (t: Int) in batch.mask.isEmpty ? 1 : batch.mask[sequence * length + t] }  // (B, T)
    let counted = Scoring(batch: batch, head: config.head, outputs: outputs).counted
    // ∂L/∂h of every recurrence from the loss at position `step` alone.
    func alone(_ step: Int) -> [[Float]] {
      let row = step * batchSize + sequence  // (T, B)
      let scale = weight(step) / Float(max(counted, 1))
      let target = Int(targets[sequence * length + step])
      return backwardFromOneRow(record, row: row, target: target, scale: scale).map(norms)
    }
    let fromLast = alone(last)
    guard config.bidirectional, let first = (0..<length).first(where: { weight($0) > 0 }) else { return fromLast }
    let fromFirst = first == last ? fromLast : alone(first)
    return (0..<config.recurrences).map { $0 % 2 == 1 ? fromFirst[$0] : fromLast[$0] }
  }

  /// dL/dh of every recurrence, `[recurrence](T, B, H)`, from one head row's loss alone: its
  /// ∂L/∂logits is (softmax − one-hot of `target`) · `scale`, zero on every other row.
  private func backwardFromOneRow(_ record: ForwardRecord, row: Int, target: Int, scale: Float) -> [[Float]] {
    let outputs = config.outputs
    // ∂L/∂logits of that row alone: (softmax − one-hot) · weight / scored positions, as the loss scales it.
    let logits = Array(record.logits[(row * outputs)..<((row + 1) * outputs)])
    let largest = logits.max() ?? 0
    let exponentials = logits.map { Float.exp($0 - largest) }
    let total = exponentials.reduce(0, +)
    var rowGradient = exponentials.map { $0 / total * scale }  // (O)
    rowGradient[target] -= scale
    var dLogits = [Float](repeating: 0, count: record.logits.count)  // (T, B, O)
    dLogits.replaceSubrange((row * outputs)..<((row + 1) * outputs), with: rowGradient)
    // Into the top layer's output at that row: W_headᵀ (O, H) times the row's gradient.
    let width = config.outputWidth  // H, or 2H when bidirectional
    var dHead = [Float](repeating: 0, count: headInput(of: record).rows * width)  // (T·B, D·H)
    parameters.withBase { params in
      let headWeight = params + headWeightOffset  // (O, D·H)
      for (output, gradient) in rowGradient.enumerated() where gradient != 0 {
        for unit in 0..<width { dHead[row * width + unit] += gradient * headWeight[output * width + unit] }
      }
    }
    var scratch = [Float](repeating: 0, count: layout.totalCount)
    return backwardLayers(
      record, head: HeadGradients(dLogits: dLogits, dHead: dHead), truncation: nil, into: &scratch
    ).dhTotal
  }
}
