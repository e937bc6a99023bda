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
    guard config.head == .classifier else {
      let record = forward(batch, initialState: initialState)
      return (record, backward(record, truncation: truncation))
    }
    var record = forwardLayers(batch, scoring: scoring, initialState: initialState)
    let (headOffset, headRows) = headInput(of: record)
    gradients.withMutableBase { $0.update(repeating: 0, count: layout.totalCount) }
    var dHead = pool.take(headRows * config.hidden)  // (rows, H)
    let (lossSum, correct) = parameters.withBase { params in
      record.layers[config.layers - 1].h.withBase { top in
        gradients.withMutableBase { grads in
          trainHead(params: params, grads: grads, y: top + headOffset, rows: headRows, scoring: scoring, dY: &dHead)
        }
      }
    }
    record.loss = meanLoss(lossSum, scoring: scoring)
    record.correct = correct
    return (record, backwardLayers(record, dHead: dHead, dLogits: [], truncation: truncation, into: &gradients))
  }

  /// A classifier head's forward, softmax cross-entropy and backward over `y (rows, H)`: adds
  /// dW_head and db_head to `grads`, writes `dY (rows, H)`, returns the summed loss and the
  /// correct predictions.
  ///
  /// Rows go in blocks of 256: logits, softmax, dLogits (in place), dY and the block's share of
  /// dW_head, all while the block's `(256, O)` logits are in cache (256 KB at O = 256, half an L2
  /// here; 128 and 512 measured 0.9–1.04× of it). Run unblocked, the logits, softmax and dLogits
  /// buffers (3.3 MB each at B·T = 3,200 and O = 256) go through memory about eight times a step
  /// (counting the passes); blocking measured 1.11–1.35× faster steps at H = 32.
  ///
  /// The rows are cut into `chunks` fixed parts, each with its own dW_head and db_head sums added
  /// in part order at the end, so the result is the same on any number of threads. The logits
  /// and dY products run on the packed kernel against W_head packed once per step (BLAS packs
  /// it on each of its 25 calls): alternating runs measured 1.03–1.08× faster steps at H = 32 and
  /// 1.01–1.06× at H = 128 (one run of twelve 0.97×).
  func trainHead(
    params: UnsafePointer<Float>, grads: UnsafeMutablePointer<Float>, y: UnsafePointer<Float>, rows: Int,
    scoring: Scoring, dY: UnsafeMutablePointer<Float>
  ) -> (lossSum: Double, correct: Int) {
    let outputs = config.outputs, hidden = config.hidden
    let blockRows = 256, chunks = min(4, max(1, rows / blockRows))
    let scale = 1 / Float(max(scoring.counted, 1))
    // Per chunk: dW_head (O, H) then db_head (O).
    let partials = allocateZeroed(chunks * (outputs * hidden + outputs))
    // W_headᵀ (H, O) and W_head (O, H), packed once for every block's logits and dY.
    let weightT = PackedWeights(
      params + headWeightOffset, transposed: true, depth: hidden, width: outputs, rows: blockRows, pool: pool)
    let weight = PackedWeights(
      params + headWeightOffset, transposed: false, depth: outputs, width: hidden, rows: blockRows, pool: pool)
    defer {
      partials.deallocate()
      weightT.recycle(into: pool)
      weight.recycle(into: pool)
    }
    var losses = [Double](repeating: 0, count: rows), hits = [Bool](repeating: false, count: rows)
    losses.withUnsafeMutableBufferPointer { losses in
      hits.withUnsafeMutableBufferPointer { hits in
        Parallel.forEachRange(chunks, minimumPerPart: 1) { chunkRange in
          let logits = UnsafeMutablePointer<Float>.allocate(capacity: blockRows * outputs)  // (blockRows, O)
          defer { logits.deallocate() }
          for chunk in chunkRange {
            let dWeight = partials + chunk * (outputs * hidden + outputs), dBias = dWeight + outputs * hidden
            for first in stride(from: rows * chunk / chunks, to: rows * (chunk + 1) / chunks, by: blockRows) {
              let count = min(blockRows, rows * (chunk + 1) / chunks - first)
              let yBlock = y + first * hidden
              forwardHead(params: params, y: yBlock, rows: count, logits: logits, mayUseThreads: false, packed: weightT)
              // Softmax, loss and dLogits = w · scale · (softmax − onehot), in place.
              for row in 0..<count {
                let values = logits + row * outputs, index = first + row
                let scored = Loss.softmax(
                  values, classes: outputs, into: values, target: scoring.classes[index], weight: scoring.weights[index])
                (losses[index], hits[index]) = (scored.loss, scored.hit)
                Loss.softmaxGradient(
                  values, classes: outputs, target: scoring.classes[index], scale: scoring.weights[index] * scale,
                  into: values)
              }
              backwardHead(
                params: params, dWeight: dWeight, dBias: dBias, y: yBlock, rows: count, dLogits: logits,
                dY: dY + first * hidden, mayUseThreads: false, packed: weight)
            }
          }
        }
      }
    }
    for chunk in 0..<chunks {
      let dWeight = partials + chunk * (outputs * hidden + outputs)
      for j in 0..<(outputs * hidden) { grads[headWeightOffset + j] += dWeight[j] }
      for j in 0..<outputs { grads[headBiasOffset + j] += dWeight[outputs * hidden + j] }
    }
    return (losses.reduce(0, +), hits.count { $0 })
  }
}
