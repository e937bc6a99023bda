/// ‖∂L/∂h_j^e‖ per source position, and its split by the path the gradient took into the encoder.
extension Seq2SeqModel {
  /// Gradient norms at every encoder output h_j^e `(S, B)` (zero at padding): the total, the part
  /// that entered through attention (the c_i and the scores) and the part that entered through
  /// the final state (the bridge, and c = h_n^e without attention). Backpropagation is linear in
  /// what enters, so the two parts are two encoder backward passes and sum to the total gradient.
  public struct EncoderGradientNorms: Sendable {
    /// ‖∂L/∂h_j^e‖ `(S, B)`.
    public var total: [Float]
    /// The norm of what arrived through attention `(S, B)`.
    public var throughAttention: [Float]
    /// The norm of what arrived through the final state `(S, B)`.
    public var throughFinalState: [Float]
  }

  /// The norms for a record after `backward(record)` returned `paths`; leaves `gradients` unchanged.
  public func encoderGradientNorms(_ record: Seq2SeqRecord, paths: Seq2SeqBackward) -> EncoderGradientNorms {
    let (s, b, d) = (record.sourceLength, record.batchSize, config.decoderHidden)
    let zeroOutput = [Float](repeating: 0, count: s * b * d)
    var scratch = [Float](repeating: 0, count: parameters.count)
    func topStateGradient(dOutput: [Float], dFinal: [Float]?) -> [Float] {
      var dTop = [Float](repeating: 0, count: s * b * d)
      parameters.withUnsafeBufferPointer { p in
        scratch.withUnsafeMutableBufferPointer { g in
          dTop.withUnsafeMutableBufferPointer { top in
            // The cell-state gradient belongs to the final-state path; attention reaches only h.
            _ = encoder.backward(
              parameters: p.baseAddress!, gradients: g.baseAddress!, record: record.encoder,
              input: record.sourceEmbedded.pointer, dOutput: dOutput, dFinalH: dFinal,
              dFinalC: dFinal == nil || config.cell != .lstm ? nil : paths.encoderFinalCell,
              dTopStates: top.baseAddress!)
          }
        }
      }
      return dTop
    }
    let attention = topStateGradient(dOutput: paths.encoderOutputThroughAttention, dFinal: nil)
    let final = topStateGradient(dOutput: zeroOutput, dFinal: paths.encoderFinalState)
    func norms(_ values: [Float]) -> [Float] {
      (0..<(s * b)).map { row in FastMath.sumOfSquares(values.withBase { $0 + row * d }, count: d).squareRoot() }
    }
    return EncoderGradientNorms(
      total: norms(zip(attention, final).map { $0 + $1 }), throughAttention: norms(attention),
      throughFinalState: norms(final))
  }
}
