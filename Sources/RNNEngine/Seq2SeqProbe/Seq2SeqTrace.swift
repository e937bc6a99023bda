/// What the encoder–decoder views draw about one teacher-forced pair: the encoder's states and
/// gates (every layer and direction), the bridge, the decoder's states and gates per step, α and
/// c_i, what each step predicted and lost, and the gradients that reached the encoder and decoder.
///
/// Positions are in reading order: source position j is the j-th source symbol (a reverse
/// direction's state at j is the one after it read j); decoder step i reads `targetIn[i]` and must
/// predict `targetOut[i]`.
public struct Seq2SeqTrace: Sendable {
  /// One recurrent layer direction over its sequence.
  public struct Recurrence: Sendable {
    /// Layer, from 0.
    public var layer: Int
    /// Whether it reads right to left (an encoder's reverse direction).
    public var reversed: Bool
    /// h at each position `[positions][H]`.
    public var h: StepValues
    /// c at each position (LSTM) `[positions][H]`; empty otherwise.
    public var c: StepValues
    /// Post-activation gates in `CellType.gateNames` order, `[positions][H]` each.
    public var gates: [Trace.GateTrace]
  }

  /// The model's shape.
  public var config: Seq2SeqConfig
  /// Source ids `(S)`.
  public var source: [Int32]
  /// What each decoder step read `(T)`: the start id, then the target (teacher forcing).
  public var targetIn: [Int32]
  /// What each decoder step had to predict `(T)`: the target, then the end id.
  public var targetOut: [Int32]
  /// The encoder per layer direction, `[l · dirs + d]` as PyTorch orders h_n.
  public var encoder: [Recurrence]
  /// h_j^e, the top layer's output (both directions side by side) `[S][D]`.
  public var encoderOutputs: StepValues
  /// h_0^d per decoder layer, bridged from the encoder's final states `[L][D]`.
  public var bridge: StepValues
  /// c_0^d per decoder layer (LSTM) `[L][D]`; empty otherwise.
  public var bridgeCell: StepValues
  /// The decoder per layer, h_i^d after step i `[T][D]`.
  public var decoder: [Recurrence]
  /// α_i over the source `[T][S]` (all zeros without attention).
  public var alpha: StepValues
  /// c_i `[T][D]` (h_n^e at every step without attention).
  public var context: StepValues
  /// The three likeliest symbols of each step, likeliest first.
  public var top: [[Trace.TokenProbability]]
  /// −log p(targetOut[i]) at each step `(T)`.
  public var stepLoss: [Float]
  /// The mean of `stepLoss`, the model's loss on the pair.
  public var loss: Float
  /// ‖∂L/∂h_j^e‖ per source position, and its split into the attention and final-state paths `(S)`.
  public var encoderGradients: Seq2SeqModel.EncoderGradientNorms
  /// dL/dh_i^d of the decoder's top layer after each step `[T][D]`.
  public var decoderGradients: StepValues

  /// S.
  public var sourceLength: Int { source.count }
  /// T, the target with its end id.
  public var targetLength: Int { targetOut.count }
  /// The symbol each step ranked first.
  public var predictions: [Int32] { top.map { Int32($0.first?.id ?? 0) } }
  /// ‖∂L/∂h_i^d‖ per decoder step `(T)`.
  public var decoderGradientNorms: [Float] {
    decoderGradients.map { row in row.reduce(0) { $0 + $1 * $1 }.squareRoot() }
  }
}

extension Seq2SeqModel {
  /// Runs `source → target` (ids without start and end) forward with teacher forcing and backward,
  /// and keeps everything the views draw; leaves `gradients` unchanged.
  public func trace(source: [Int32], target: [Int32]) -> Seq2SeqTrace {
    precondition(!source.isEmpty, "the source needs a symbol")
    let saved = gradients
    defer { gradients = saved }
    let batch = Seq2SeqBatch(pairs: [(source: source, target: target)])
    let record = forward(batch)
    let paths = backward(record)
    let (s, t, d, v) = (record.sourceLength, record.targetLength, config.decoderHidden, config.targetVocabulary)
    let encoderParts = (0..<(config.layers * encoder.directions)).map { index in
      Self.recurrence(
        cell: config.cell, h: record.encoder.h[index], c: record.encoder.c[index], gates: record.encoder.gates[index],
        layer: index / encoder.directions, reversed: index % encoder.directions == 1, length: s, width: config.hidden)
    }
    let decoderParts = (0..<config.layers).map { layer in
      Self.recurrence(
        cell: config.cell, h: record.decoderH[layer], c: record.decoderC[layer], gates: record.decoderGates[layer],
        layer: layer, reversed: false, length: t, width: d)
    }
    let probabilities = record.probabilities.values  // (T, V): the batch has one sequence
    let top = (0..<t).map { i -> [Trace.TokenProbability] in
      let row = Array(probabilities[(i * v)..<((i + 1) * v)])
      return row.indices.sorted { (row[$0], -$0) > (row[$1], -$1) }.prefix(3)
        .map { Trace.TokenProbability(id: $0, probability: row[$0]) }
    }
    let stepLoss = (0..<t).map { i in
      -Self.logSoftmax(record.logits.pointer + i * v, count: v)[Int(batch.targetOut[i])]
    }
    return Seq2SeqTrace(
      config: config, source: source, targetIn: batch.targetIn, targetOut: batch.targetOut, encoder: encoderParts,
      encoderOutputs: StepValues(flat: record.encoder.top.values, width: d),
      bridge: StepValues(record.decoderH.map { Array($0.values[0..<d]) }),
      bridgeCell: config.cell == .lstm ? StepValues(record.decoderC.map { Array($0.values[0..<d]) }) : [],
      decoder: decoderParts, alpha: StepValues(flat: record.alpha.values, width: s),
      context: StepValues(flat: record.context.values, width: d), top: top, stepLoss: stepLoss,
      loss: Float(record.loss), encoderGradients: encoderGradientNorms(record, paths: paths),
      decoderGradients: StepValues(flat: paths.decoderStates, width: d))
  }

  /// One layer direction of a one-sequence record in position order: states from their slots
  /// `(T+1, 1, H)` (position j in slot j+1 reading forward, slot j reading backward), gates `(T, 1, G·H)`.
  private static func recurrence(
    cell: CellType, h: FloatBuffer, c: FloatBuffer, gates: FloatBuffer, layer: Int, reversed: Bool, length: Int,
    width: Int
  ) -> Seq2SeqTrace.Recurrence {
    let firstSlot = reversed ? 0 : 1
    func states(_ buffer: FloatBuffer) -> StepValues {
      StepValues(flat: Array(buffer.values[(firstSlot * width)..<((firstSlot + length) * width)]), width: width)
    }
    let names = cell.gateNames
    let allGates = gates.values  // (T, G·H)
    let gateTraces = names.enumerated().map { block, name -> Trace.GateTrace in
      var values: [Float] = []  // (T, H): this gate's block of every position
      for j in 0..<length {
        let start = (j * names.count + block) * width
        values += allGates[start..<(start + width)]
      }
      return Trace.GateTrace(name: name, values: StepValues(flat: values, width: width))
    }
    return Seq2SeqTrace.Recurrence(
      layer: layer, reversed: reversed, h: states(h), c: cell.hasCellState ? states(c) : [], gates: gateTraces)
  }
}
