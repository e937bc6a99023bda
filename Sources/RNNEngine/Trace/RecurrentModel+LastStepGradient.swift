extension RecurrentModel {
  /// ‖∂L_T/∂h_t‖ at every step t of each recurrence (a layer's direction), `[recurrence][T]` in the
  /// order the recurrence took its steps: the loss of the sequence's last
  /// scored step alone, carried back through the true step Jacobians (and the LSTM's cell state),
  /// on the scale of the whole loss (divided by the scored positions as the mean loss is).
  ///
  /// Last-step and regression targets score only that step, so it is `backward`'s own ∂L/∂h_t.
  /// Every-step targets backpropagate `record` once more from that one head row: softmax minus
  /// one-hot there, zero elsewhere (no second forward pass).
  func lastStepGradientNorms(record: ForwardRecord, backward: BackwardRecord, sequence: Int) -> [[Float]] {
    let batch = record.batch
    let (batchSize, length, hidden, outputs) = (batch.batchSize, batch.length, config.hidden, config.outputs)
    // Per-step norms of a time-major `(T, B, H)` buffer's rows for this sequence.
    func norms(_ values: [Float]) -> [Float] {
      values.withBase { values in
        (0..<length).map { t in
          FastMath.sumOfSquares(values + (t * batchSize + sequence) * hidden, count: hidden).squareRoot()
        }
      }
    }
    guard case .everyStep(let targets) = batch.targets, record.logitsPerStep else {
      return backward.dhTotal.map(norms)
    }
    let weight = { (t: Int) in batch.mask.isEmpty ? 1 : batch.mask[sequence * length + t] }  // (B, T)
    guard let last = (0..<length).last(where: { weight($0) > 0 }), !record.logits.isEmpty else {
      return Array(repeating: Array(repeating: 0, count: length), count: config.recurrences)
    }
    // ∂L/∂logits of that row alone: (softmax − one-hot) · weight / scored positions, as the loss scales it.
    let row = last * batchSize + sequence  // (T, B)
    let logits = Array(record.logits[(row * outputs)..<((row + 1) * outputs)])
    let largest = logits.max() ?? 0
    let exponentials = logits.map { Float.exp($0 - largest) }
    let total = exponentials.reduce(0, +)
    let counted = Scoring(batch: batch, head: config.head, outputs: outputs).counted
    let scale = weight(last) / Float(max(counted, 1))
    var rowGradient = exponentials.map { $0 / total * scale }  // (O)
    rowGradient[Int(targets[sequence * length + last])] -= scale
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
    let alone = backwardLayers(
      record, head: HeadGradients(dLogits: dLogits, dHead: dHead), truncation: nil, into: &scratch)
    return alone.dhTotal.map(norms)
  }
}
