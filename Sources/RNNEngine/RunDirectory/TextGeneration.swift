/// Generates symbols from a language model one step at a time: read the prime, then repeatedly draw
/// the next symbol from the last logits (with `sampleIndex`) and feed it back in.
public enum TextGeneration {
  /// `length` symbols drawn after reading `prime` (which must not be empty) from the zero state.
  ///
  /// `temperature` ≤ 0 is greedy; `topK` keeps only the k most likely symbols (nil keeps all).
  public static func sample(
    from model: RecurrentModel, prime: [Int32], length: Int, temperature: Float, topK: Int?,
    rng: inout SeededRandom
  ) throws -> [Int32] {
    guard !prime.isEmpty else { throw SequenceError("sampling needs a prime of at least one symbol") }
    try SequenceEvaluation.requireLanguageModel(model, tokens: prime)
    var state = RecurrentState.zeros(config: model.config, batchSize: 1)
    var logits = step(model, tokens: prime, state: &state)
    var generated: [Int32] = []
    generated.reserveCapacity(length)
    for _ in 0..<max(length, 0) {
      let next = Int32(sampleIndex(logits: logits, temperature: temperature, topK: topK, rng: &rng))
      generated.append(next)
      logits = step(model, tokens: [next], state: &state)
    }
    return generated
  }

  /// Runs `tokens` from `state`, updates it, and returns the logits (O) of the last step.
  private static func step(_ model: RecurrentModel, tokens: [Int32], state: inout RecurrentState) -> [Float] {
    // Targets are required by the forward pass but unused here; 0 is a valid class.
    let batch = Batch(
      batchSize: 1, length: tokens.count, tokens: tokens,
      targets: .everyStep([Int32](repeating: 0, count: tokens.count)))
    let record = model.forward(batch, initialState: state)
    let outputs = model.config.outputs
    let last = Array(record.logits[((tokens.count - 1) * outputs)..<(tokens.count * outputs)])  // (O)
    state = record.finalState
    model.recycle(record)
    return last
  }
}
