extension RecurrentModel {
  /// Forward and backward of one training step; `gradients` (overwritten) hold dL/dparameters.
  ///
  /// The same numbers as `forward` then `backward`, up to the order of float additions, but a
  /// classifier's head runs forward, softmax cross-entropy and backward block by block
  /// (`trainHead`), so its `(rows, O)` logits never leave the cache. The record it returns has no
  /// logits or probabilities (a trace needs `forward`).
  func trainingPass(
    _ batch: Batch, truncation: Int?, initialState: RecurrentState?
  ) -> (record: ForwardRecord, backward: BackwardRecord) {
    let scoring = Scoring(batch: batch, head: config.head, outputs: config.outputs)
    gradients.withMutableBase { $0.update(repeating: 0, count: layout.totalCount) }
    let (record, head) = parameters.withBase { params -> (ForwardRecord, HeadGradients) in
      let packedHead = config.head == .classifier ? PackedHead(self, params: params, rows: 256) : nil
      defer { packedHead?.recycle(into: pool) }
      var record = forwardLayers(batch, scoring: scoring, initialState: initialState)
      let head = trainingHead(&record, scoring: scoring, params: params, packedHead: packedHead)
      return (record, head)
    }
    let backward = backwardLayers(record, head: head, truncation: truncation, into: &gradients)
    return (record, backward)
  }

  /// The batch's head in a training step: a classifier's fused (`trainHead`, with `packedHead`),
  /// others scored and then backpropagated. Sets `record`'s loss and correct count, adds dW_head
  /// and db_head to `gradients` and returns the gradient into the top layer.
  func trainingHead(
    _ record: inout ForwardRecord, scoring: Scoring, params: UnsafePointer<Float>, packedHead: PackedHead?
  ) -> HeadGradients {
    guard let packedHead else {
      scoreHead(&record, scoring: scoring)
      let scored = record
      return gradients.withMutableBase { headGradients(scored, into: $0) }
    }
    let (headOffset, headRows) = headInput(of: record)
    var dHead = pool.take(headRows * config.outputWidth)  // (rows, D·H)
    let (lossSum, correct) = topOutputs(of: record).withBase { top in
      gradients.withMutableBase { grads in
        trainHead(
          params: params, grads: grads, y: top + headOffset, rows: headRows, scoring: scoring, dY: &dHead,
          packed: packedHead)
      }
    }
    record.loss = meanLoss(lossSum, scoring: scoring)
    record.correct = correct
    return HeadGradients(dLogits: [], dHead: dHead)
  }

  /// A classifier head's forward, softmax cross-entropy and backward over `y (rows, D·H)`: adds
  /// dW_head and db_head to `grads`, writes `dY (rows, D·H)`, returns the summed loss and the
  /// correct predictions.
  ///
  /// Rows go in blocks of 256: logits, softmax, dLogits (in place), dY and the block's share of
  /// dW_head, all while the block's `(256, O)` logits are in cache (256 KB at O = 256, half an
  /// L2), instead of sending `(rows, O)` logits, softmax and dLogits through memory several times.
  ///
  /// The rows are cut into `chunks` fixed parts, each with its own dW_head and db_head sums added
  /// in part order at the end, so the result is the same on any number of threads. The logits
  /// and dY products run on the packed kernel against W_head packed once per step, `packed`,
  /// where BLAS would pack it again on every block's call.
  func trainHead(
    params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>, y: UnsafePointer<Float>, rows: Int,
    scoring: Scoring, dY: UnsafeMutablePointer<Float>, packed: PackedHead
  ) -> (lossSum: Double, correct: Int) {
    let outputs = config.outputs
    let width = config.outputWidth
    let blockRows = 256
    let chunks = min(4, max(1, rows / blockRows))
    let scale = 1 / Float(max(scoring.counted, 1))
    // Per chunk: dW_head (O, D·H) then db_head (O).
    let partials = allocateZeroed(chunks * (outputs * width + outputs))
    defer { partials.deallocate() }
    var losses = [Double](repeating: 0, count: rows)
    var hits = [Bool](repeating: false, count: rows)
    losses.withUnsafeMutableBufferPointer { losses in
      hits.withUnsafeMutableBufferPointer { hits in
        Parallel.forEachRange(chunks, minimumPerPart: 1) { chunkRange in
          let logits = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * outputs)  // (blockRows, O)
          defer { logits.deallocate() }
          for chunk in chunkRange {
            let dWeight = partials + chunk * (outputs * width + outputs)
            let dBias = dWeight + outputs * width
            for first in stride(from: rows * chunk / chunks, to: rows * (chunk + 1) / chunks, by: blockRows) {
              let count = min(blockRows, rows * (chunk + 1) / chunks - first)
              let yBlock = y + first * width
              forwardHead(
                params: params, y: yBlock, rows: count, logits: logits, mayUseThreads: false, packed: packed.logits)
              // Softmax, loss and dLogits = w · scale · (softmax − onehot), in place.
              for row in 0..<count {
                let values = logits + row * outputs
                let index = first + row
                let scored = Loss.softmax(
                  values, classes: outputs, into: values, target: scoring.classes[index], weight: scoring.weights[index]
                )
                (losses[index], hits[index]) = (scored.loss, scored.hit)
                Loss.softmaxGradient(
                  values, classes: outputs, target: scoring.classes[index], scale: scoring.weights[index] * scale,
                  into: values)
              }
              backwardHead(
                params: params, dWeight: dWeight, dBias: dBias, y: yBlock, rows: count, dLogits: logits,
                dY: dY + first * width, mayUseThreads: false, packed: packed.inputGradient)
            }
          }
        }
      }
    }
    for chunk in 0..<chunks {
      let dWeight = partials + chunk * (outputs * width + outputs)
      for j in 0..<(outputs * width) { grads[headWeightOffset + j] += dWeight[j] }
      for j in 0..<outputs { grads[headBiasOffset + j] += dWeight[outputs * width + j] }
    }
    return (losses.reduce(0, +), hits.count { $0 })
  }
}
