/// A stack of recurrent layers, one or two directions each, over a batch of variable-length
/// sequences with PyTorch's `nn.RNN/LSTM/GRU(bidirectional=…)` semantics and parameter names.
///
/// Each sequence is read over its own length (as after `pack_padded_sequence`): the forward
/// direction stops at the sequence's last token, the backward direction starts there, and
/// padding never enters a state; outputs at padding are zero. Layer K > 0 reads the
/// `dirs·H`-wide output of layer K − 1 (forward half, then backward half). All buffers are
/// time-major: `(T, B, ·)`.
public struct RecurrentStack: Sendable {
  /// The cell of every layer.
  public let cell: CellType
  /// Width of the layer-0 input.
  public let inputWidth: Int
  /// H, the state width of one direction.
  public let hidden: Int
  /// Number of layers.
  public let layers: Int
  /// 2 when bidirectional, else 1.
  public let directions: Int
  /// Parameter offsets of layer `l`, direction `d` at `[l * directions + d]`.
  let offsets: [DirectionOffsets]

  /// Where one layer direction's four tensors sit in the flat buffer.
  struct DirectionOffsets: Sendable {
    var inputWeight: Int  // (G·H, in)
    var hiddenWeight: Int  // (G·H, H)
    var inputBias: Int  // (G·H)
    var hiddenBias: Int  // (G·H)
    var inputWidth: Int
  }

  /// Registers the stack's tensors in `table` under `prefix` (`"encoder."`, or `""` for a bare module).
  init(
    cell: CellType, inputWidth: Int, hidden: Int, layers: Int, bidirectional: Bool, prefix: String,
    table: inout ParameterTable
  ) {
    self.cell = cell
    self.inputWidth = inputWidth
    self.hidden = hidden
    self.layers = layers
    directions = bidirectional ? 2 : 1
    let gateRows = cell.gateCount * hidden
    var offsets: [DirectionOffsets] = []
    for layer in 0..<layers {
      let width = layer == 0 ? inputWidth : directions * hidden
      for direction in 0..<directions {
        let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
        offsets.append(
          DirectionOffsets(
            inputWeight: table.add(prefix + "weight_ih" + suffix, shape: [gateRows, width]),
            hiddenWeight: table.add(prefix + "weight_hh" + suffix, shape: [gateRows, hidden]),
            inputBias: table.add(prefix + "bias_ih" + suffix, shape: [gateRows]),
            hiddenBias: table.add(prefix + "bias_hh" + suffix, shape: [gateRows]),
            inputWidth: width))
      }
    }
    self.offsets = offsets
  }

  /// Width of every layer's output: `directions · H`.
  public var outputWidth: Int { directions * hidden }

  /// What one forward pass keeps for its backward pass and for the views.
  public final class Record: Sendable {
    /// T and B.
    public let length: Int, batchSize: Int
    /// `active[t][b]`: position t is inside sequence b.
    public let active: [[Bool]]
    /// Per layer direction `[l * dirs + d]`: states in slots `(T+1, B, H)`; the state at position t is
    /// slot t+1 reading forward and slot t reading backward; the other end slot holds the zero start.
    public let h: [FloatBuffer]
    /// LSTM memory cells, same slots as `h` (empty for other cells).
    public let c: [FloatBuffer]
    /// Post-activation gates `(T, B, G·H)` per layer direction, indexed by position.
    public let gates: [FloatBuffer]
    /// GRU's W_hn h + b_hn `(T, B, H)` per layer direction.
    let hnPre: [FloatBuffer]
    /// Each layer's output `(T, B, dirs·H)`, zeros at padding.
    public let outputs: [FloatBuffer]

    init(stack: RecurrentStack, length: Int, batchSize: Int, active: [[Bool]]) {
      self.length = length
      self.batchSize = batchSize
      self.active = active
      let count = stack.layers * stack.directions
      let slots = (length + 1) * batchSize * stack.hidden
      // The steps write every slot but the start, which holds zeros.
      h = (0..<count).map { _ in FloatBuffer(overwritten: slots) }
      c = (0..<count).map { _ in FloatBuffer(overwritten: stack.cell == .lstm ? slots : 0) }
      for index in 0..<count {
        let start = (index % stack.directions == 0 ? 0 : length) * batchSize * stack.hidden
        for states in [h[index], c[index]] where states.count > 0 {
          (states.pointer + start).update(repeating: 0, count: batchSize * stack.hidden)
        }
      }
      // Every position's gates are written by the input product before the steps read them.
      gates = (0..<count).map { _ in FloatBuffer(overwritten: length * batchSize * stack.cell.gateCount * stack.hidden)
      }
      hnPre = (0..<count).map { _ in FloatBuffer(stack.cell == .gru ? length * batchSize * stack.hidden : 0) }
      outputs = (0..<stack.layers).map { _ in FloatBuffer(overwritten: length * batchSize * stack.outputWidth) }
    }

    /// The top layer's output `(T, B, dirs·H)`.
    public var top: FloatBuffer { outputs[outputs.count - 1] }
  }

  /// Slot of the state at position `t` (`forward`: t+1, backward: t) and of the one before it.
  @inline(__always)
  static func slots(_ t: Int, forward: Bool) -> (state: Int, previous: Int) {
    forward ? (t + 1, t) : (t, t + 1)
  }

  /// The final state of layer direction `index` `(B, H)`: slot T reading forward, slot 0 backward.
  func finalState(_ buffer: FloatBuffer, index: Int, record: Record) -> UnsafeMutablePointer<Float> {
    let forward = index % directions == 0
    return buffer.pointer + (forward ? record.length : 0) * record.batchSize * hidden
  }

  // MARK: Forward

  /// Fewest rows a thread's band of the batch takes: smaller batches stay on one thread.
  static let rowsPerThread = 8

  /// W_hh of layer direction `index` packed for every step of a pass on `rows` rows: `W_hhᵀ` for
  /// the forward pass, `W_hh` for the backward pass.
  func stepWeights(
    _ index: Int, parameters: UnsafePointer<Float>, rows: Int, forward: Bool, pool: BufferPool
  ) -> RecurrentStep.Weights {
    RecurrentStep.Weights(
      hiddenWeight: parameters + offsets[index].hiddenWeight, hiddenBias: parameters + offsets[index].hiddenBias,
      gateWidth: cell.gateCount * hidden, hiddenSize: hidden, rows: rows, transposed: forward, pool: pool)
  }

  /// Runs the stack on `input (T, B, inputWidth)` with each sequence's `lengths[b] ≤ T`.
  ///
  /// Sequences never meet in the recurrence, so each thread takes a band of the batch through
  /// every step of a layer direction on its own.
  func forward(parameters: UnsafePointer<Float>, input: UnsafePointer<Float>, lengths: [Int], length: Int) -> Record {
    let batchSize = lengths.count
    let active = (0..<length).map { t in lengths.map { t < $0 } }
    let record = Record(stack: self, length: length, batchSize: batchSize, active: active)
    let gateWidth = cell.gateCount * hidden
    let scratch = allocateZeroed(batchSize * gateWidth)  // (B, G·H), a band's rows each
    let pool = BufferPool()
    defer { scratch.deallocate() }
    var layerInput = input
    for layer in 0..<layers {
      for direction in 0..<directions {
        let index = layer * directions + direction
        let place = offsets[index]
        let gates = record.gates[index].pointer
        // Input side for every position at once: (T·B, in) · W_ihᵀ + b_ih → (T·B, G·H).
        BLAS.gemm(
          transB: true, m: length * batchSize, n: gateWidth, k: place.inputWidth, a: layerInput,
          lda: place.inputWidth, b: parameters + place.inputWeight, ldb: place.inputWidth, beta: 0, c: gates,
          ldc: gateWidth)
        RecurrentStep.addBias(
          parameters + place.inputBias, count: gateWidth, to: gates, rows: length * batchSize, width: gateWidth)
        let weights = stepWeights(index, parameters: parameters, rows: batchSize, forward: true, pool: pool)
        let forward = direction == 0
        let (h, c) = (record.h[index].pointer, record.c[index].pointer)
        let stride = batchSize * hidden
        Parallel.forEachRange(batchSize, minimumPerPart: Self.rowsPerThread) { rows in
          let (first, stateRows) = (rows.lowerBound, rows.lowerBound * hidden)
          for t in forward ? Array(0..<length) : Array((0..<length).reversed()) {
            let slot = Self.slots(t, forward: forward)
            let (state, previous) = (slot.state * stride + stateRows, slot.previous * stride + stateRows)
            RecurrentStep.forward(
              cell: cell, weights: weights, gates: gates + (t * batchSize + first) * gateWidth, hPrev: h + previous,
              cPrev: c + previous, h: h + state, c: c + state,
              hnPre: record.hnPre[index].pointer + t * stride + stateRows, scratch: scratch + first * gateWidth,
              rows: rows.count, hidden: hidden, active: active[t][rows])
            // Output (B, dirs·H) at t: this direction's half, zero at padding.
            let output = record.outputs[layer].pointer + t * batchSize * outputWidth + direction * hidden
            for b in rows {
              if active[t][b] {
                (output + b * outputWidth).update(from: h + slot.state * stride + b * hidden, count: hidden)
              } else {
                (output + b * outputWidth).update(repeating: 0, count: hidden)
              }
            }
          }
        }
        weights.hidden.recycle(into: pool)
      }
      layerInput = UnsafePointer(record.outputs[layer].pointer)
    }
    return record
  }

  // MARK: Backward

  /// Backpropagates `dOutput (T, B, dirs·H)` at the top layer and `dFinalH`/`dFinalC`
  /// `(L·dirs, B, H)` (PyTorch's h_n order; nil for none) through the stack, accumulating
  /// parameter gradients into `gradients`; returns dL/dinput `(T, B, inputWidth)`. With `dTopStates`
  /// it also writes the top layer's total dL/dh_t `(T, B, dirs·H)` (zero at padding).
  func backward(
    parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>, record: Record,
    input: UnsafePointer<Float>, dOutput: UnsafePointer<Float>, dFinalH: UnsafePointer<Float>?,
    dFinalC: UnsafePointer<Float>?, dTopStates: UnsafeMutablePointer<Float>? = nil
  ) -> FloatBuffer {
    let (length, batchSize) = (record.length, record.batchSize)
    let rows = length * batchSize
    let gateWidth = cell.gateCount * hidden
    let stride = batchSize * hidden
    // Written for every position and row (zeros where inactive) by the cell's backward step.
    let dPreInput = FloatBuffer(overwritten: rows * gateWidth)
    let dPreHiddenStorage = FloatBuffer(overwritten: cell == .gru ? rows * gateWidth : 0)
    let dPreHidden = cell == .gru ? dPreHiddenStorage.pointer : dPreInput.pointer
    // (B, H) each; every thread works on its band's rows.
    let (dhAll, dhPrevAll, dcAll, dcPrevAll) = (
      allocateZeroed(stride), allocateZeroed(stride), allocateZeroed(stride), allocateZeroed(stride)
    )
    let scratch = allocateZeroed(stride)
    let pool = BufferPool()
    defer { for buffer in [dhAll, dhPrevAll, dcAll, dcPrevAll, scratch] { buffer.deallocate() } }
    var dLayerOutput = FloatBuffer(rows * outputWidth)
    dLayerOutput.pointer.update(from: dOutput, count: rows * outputWidth)
    for layer in (0..<layers).reversed() {
      let width = offsets[layer * directions].inputWidth
      let layerInput = layer == 0 ? input : UnsafePointer(record.outputs[layer - 1].pointer)
      let dInput = FloatBuffer(rows * width)
      for direction in 0..<directions {
        let index = layer * directions + direction
        let place = offsets[index]
        let weights = stepWeights(index, parameters: parameters, rows: batchSize, forward: false, pool: pool)
        let forward = direction == 0
        let (h, c) = (record.h[index].pointer, record.c[index].pointer)
        let dLayer = dLayerOutput.pointer
        Parallel.forEachRange(batchSize, minimumPerPart: Self.rowsPerThread) { rows in
          let (first, bandRows, bandSize) = (rows.lowerBound, rows.lowerBound * hidden, rows.count * hidden)
          let (dh, dhPrev, dc, dcPrev) = (
            dhAll + bandRows, dhPrevAll + bandRows, dcAll + bandRows, dcPrevAll + bandRows
          )
          dhPrev.update(repeating: 0, count: bandSize)
          dcPrev.update(repeating: 0, count: bandSize)
          if let dFinalH { dhPrev.update(from: dFinalH + index * stride + bandRows, count: bandSize) }
          if let dFinalC { dcPrev.update(from: dFinalC + index * stride + bandRows, count: bandSize) }
          // Reverse of the reading order: forward reads t = 0…T−1, so its BPTT runs T−1…0.
          for t in forward ? Array((0..<length).reversed()) : Array(0..<length) {
            let slot = Self.slots(t, forward: forward)
            let (state, previous) = (slot.state * stride + bandRows, slot.previous * stride + bandRows)
            // dh_t = carried dh + this direction's half of dOutput (nothing at padding).
            let dOut = dLayer + t * batchSize * outputWidth + direction * hidden
            for b in rows {
              let (dhRow, dhPrevRow) = (dh + (b - first) * hidden, dhPrev + (b - first) * hidden)
              let dOutRow = dOut + b * outputWidth
              if record.active[t][b] {
                for j in 0..<hidden { dhRow[j] = dhPrevRow[j] + dOutRow[j] }
              } else {
                dhRow.update(from: dhPrevRow, count: hidden)
              }
            }
            if let dTopStates, layer == layers - 1 {
              let row = dTopStates + t * batchSize * outputWidth + direction * hidden
              for b in rows where record.active[t][b] {
                (row + b * outputWidth).update(from: dh + (b - first) * hidden, count: hidden)
              }
            }
            dc.update(from: dcPrev, count: bandSize)
            let gateRows = (t * batchSize + first) * gateWidth
            RecurrentStep.backward(
              cell: cell, weights: weights, dh: dh, dcNext: dc, gates: record.gates[index].pointer + gateRows,
              hPrev: h + previous, h: h + state, cPrev: c + previous, c: c + state,
              hnPre: record.hnPre[index].pointer + t * stride + bandRows, dPreInput: dPreInput.pointer + gateRows,
              dPreHidden: dPreHidden + gateRows, dhPrev: dhPrev, dcPrev: dcPrev, scratch: scratch + bandRows,
              rows: rows.count, hidden: hidden, active: record.active[t][rows])
          }
        }
        weights.hidden.recycle(into: pool)
        accumulateWeightGradients(
          place: place, gradients: gradients, dPreInput: dPreInput.pointer, dPreHidden: dPreHidden,
          layerInput: layerInput, hPrevious: h + (forward ? 0 : stride), rows: rows)
        // dInput += dPre W_ih   (T·B, G·H) · (G·H, in)
        BLAS.gemm(
          m: rows, n: width, k: gateWidth, a: dPreInput.pointer, lda: gateWidth, b: parameters + place.inputWeight,
          ldb: width, beta: 1, c: dInput.pointer, ldc: width)
      }
      dLayerOutput = dInput
    }
    return dLayerOutput
  }

  /// dW_ih += dPreᵀ x (not when `layerInput` is nil: the caller's), dW_hh += dPreHiddenᵀ h_{t−1} (all
  /// positions in one product each), and the biases.
  func accumulateWeightGradients(
    place: DirectionOffsets, gradients: UnsafeMutablePointer<Float>, dPreInput: UnsafePointer<Float>,
    dPreHidden: UnsafePointer<Float>, layerInput: UnsafePointer<Float>?, hPrevious: UnsafePointer<Float>, rows: Int
  ) {
    let gateWidth = cell.gateCount * hidden
    if let layerInput {
      BLAS.gemm(
        transA: true, m: gateWidth, n: place.inputWidth, k: rows, a: dPreInput, lda: gateWidth, b: layerInput,
        ldb: place.inputWidth, beta: 1, c: gradients + place.inputWeight, ldc: place.inputWidth)
    }
    BLAS.gemm(
      transA: true, m: gateWidth, n: hidden, k: rows, a: dPreHidden, lda: gateWidth, b: hPrevious, ldb: hidden,
      beta: 1, c: gradients + place.hiddenWeight, ldc: hidden)
    guard dPreHidden != dPreInput else {
      // Both biases receive the same dPre (all but the GRU): sum its columns once, add the sums to both.
      let sums = FloatBuffer(gateWidth)
      addColumnSums(of: dPreInput, rows: rows, columns: gateWidth, to: sums.pointer)
      for j in 0..<gateWidth {
        gradients[place.inputBias + j] += sums[j]
        gradients[place.hiddenBias + j] += sums[j]
      }
      return
    }
    addColumnSums(of: dPreInput, rows: rows, columns: gateWidth, to: gradients + place.inputBias)
    addColumnSums(of: dPreHidden, rows: rows, columns: gateWidth, to: gradients + place.hiddenBias)
  }
}
