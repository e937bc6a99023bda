/// Everything one forward pass of `Seq2SeqModel` computed, time-major, kept for the backward pass
/// and for the views (encoder states of both directions, decoder states and gates, α, c_i, logits).
public final class Seq2SeqRecord: @unchecked Sendable {
  /// The batch that was run (for greedy decoding, `targetIn` holds the fed-back predictions).
  public internal(set) var batch: Seq2SeqBatch
  /// S, T, B.
  public let sourceLength: Int, targetLength: Int, batchSize: Int
  /// Source embeddings `(S, B, E)`.
  let sourceEmbedded: FloatBuffer
  /// The encoder's states of every layer and direction; its top output is h^e `(S, B, D)`.
  public let encoder: RecurrentStack.Record
  /// h^e sequence by sequence `(B, S, D)`, what attention reads: in the encoder's `(S, B, D)` a
  /// sequence's positions lie B·D floats apart, a power of two that maps them onto the same few
  /// cache sets.
  let memory: FloatBuffer
  /// general: W h^e; additive: W_h h^e, sequence by sequence `(B, S, D)` (empty otherwise).
  let keys: FloatBuffer
  /// Decoder states per layer in slots `(T+1, B, D)`: slot 0 is the bridged start, slot i+1 after step i.
  public let decoderH: [FloatBuffer]
  /// LSTM memory cells per layer, same slots (empty for other cells).
  public let decoderC: [FloatBuffer]
  /// Post-activation decoder gates per layer `(T, B, G·D)`.
  public let decoderGates: [FloatBuffer]
  /// GRU's W_hn h + b_hn per layer `(T, B, D)`.
  let decoderHnPre: [FloatBuffer]
  /// α `(T, B, S)`: zeros at padding, all zeros without attention.
  public let alpha: FloatBuffer
  /// c_i `(T, B, D)`.
  public let context: FloatBuffer
  /// Additive attention's tanh(W_s s + W_h h_j) `(T, B, S, D)` (empty otherwise).
  let additiveHidden: FloatBuffer
  /// Logits `(T, B, V_tgt)`; softmax probabilities after `loss` is computed.
  public let logits: FloatBuffer
  /// Softmax of the logits `(T, B, V_tgt)`.
  public let probabilities: FloatBuffer
  /// Mean cross-entropy over the non-padding target positions.
  public internal(set) var loss: Double = 0
  /// Non-padding target positions, and how many of them the argmax predicted.
  public internal(set) var tokenCount = 0, correctTokens = 0

  /// A record for `batch`'s decoder steps. With `everyStepRuns` (teacher forcing) every step
  /// writes its states, gates, input, context and logits, so those buffers skip the zero fill;
  /// decoding may stop early and leaves them zero past its last step.
  init(
    model: Seq2SeqModel, batch: Seq2SeqBatch, encoder: RecurrentStack.Record, sourceEmbedded: FloatBuffer,
    everyStepRuns: Bool
  ) {
    let config = model.config
    self.batch = batch
    (sourceLength, targetLength, batchSize) = (batch.sourceLength, batch.targetLength, batch.batchSize)
    self.encoder = encoder
    self.sourceEmbedded = sourceEmbedded
    let d = config.decoderHidden
    let (s, t, b) = (sourceLength, targetLength, batchSize)
    memory = FloatBuffer(overwritten: config.attention == .none ? 0 : b * s * d)
    keys = FloatBuffer(config.attention == .general || config.attention == .additive ? b * s * d : 0)
    let stepBuffer = { (count: Int) in everyStepRuns ? FloatBuffer(overwritten: count) : FloatBuffer(count) }
    let slots = (t + 1) * b * d  // slot 0 is written by the bridge
    decoderH = (0..<config.layers).map { _ in stepBuffer(slots) }
    decoderC = (0..<config.layers).map { _ in stepBuffer(config.cell == .lstm ? slots : 0) }
    decoderGates = (0..<config.layers).map { _ in stepBuffer(t * b * config.cell.gateCount * d) }
    decoderHnPre = (0..<config.layers).map { _ in stepBuffer(config.cell == .gru ? t * b * d : 0) }
    alpha = FloatBuffer(t * b * s)  // zeros at padding
    context = stepBuffer(t * b * d)
    additiveHidden = FloatBuffer(config.attention == .additive ? t * b * s * d : 0)
    logits = stepBuffer(t * b * config.targetVocabulary)
    probabilities = stepBuffer(t * b * config.targetVocabulary)
  }
}

/// The gradients a backward pass found on the way, besides the parameter gradients: what the
/// views draw as ‖∂L/∂h_j^e‖ per source position and its split by path.
///
/// It keeps the pass's buffers and copies one into an array only when it is read: a training
/// step reads none of them.
public struct Seq2SeqBackward: Sendable {
  let dEncoderOutput: FloatBuffer, dFinalH: FloatBuffer, dFinalC: FloatBuffer
  let dSource: FloatBuffer, dDecoderStates: FloatBuffer

  /// dL/dh^e `(S, B, D)` arriving through attention (the c_i and the scores).
  public var encoderOutputThroughAttention: [Float] { dEncoderOutput.values }
  /// dL/d(final encoder state) `(L·dirs, B, H)` arriving through the bridge (and c = h_n without attention).
  public var encoderFinalState: [Float] { dFinalH.values }
  /// dL/d(final encoder memory cell) `(L·dirs, B, H)` (LSTM; empty otherwise).
  public var encoderFinalCell: [Float] { dFinalC.values }
  /// dL/d(source embedding) `(S, B, E)`: everything that reached the input, through either path.
  public var sourceEmbedded: [Float] { dSource.values }
  /// dL/dh_i^d `(T, B, D)` of the decoder's top layer after step i: through the output head, the
  /// next step's recurrence and the next step's attention query.
  public var decoderStates: [Float] { dDecoderStates.values }
}
