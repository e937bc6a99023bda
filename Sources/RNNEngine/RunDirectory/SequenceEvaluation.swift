/// Scores a model on a text read as ONE continuous sequence from the zero state, the way PyTorch
/// users define an eval loss: for a language model, at step t the model reads x_t and is scored on
/// x_{t+1}; for case correction, it reads the lowercased x_t and is scored on x_t.
///
/// The text runs in chunks so a long file never needs one giant forward record; the recurrent state
/// is carried from chunk to chunk, so the result equals a single pass up to float rounding. A
/// bidirectional model reads the text in one pass: its reverse direction starts from the end.
public enum SequenceEvaluation {
  /// Mean next-token loss over a sequence.
  public struct Result: Sendable, Equatable {
    /// Mean cross-entropy per scored position, in nats.
    public var loss: Double
    /// Positions scored (for a language model, the token count minus one).
    public var positions: Int
    /// Positions whose arg max was the target.
    public var correct: Int
    /// exp(loss).
    public var perplexity: Double { Double.exp(loss) }
  }

  /// Chunk length used unless told otherwise.
  public static let defaultChunkLength = 256

  /// The mean loss of predicting `tokens[t + 1]` from `tokens[0...t]`, for t = 0 ..< count − 1.
  public static func languageModelLoss(
    of model: RecurrentModel, tokens: [Int32], chunkLength: Int = defaultChunkLength
  ) throws -> Result {
    try requireLanguageModel(model, tokens: tokens)
    guard tokens.count >= 2 else { throw SequenceError("the text needs at least 2 symbols to score one prediction") }
    return score(model, inputs: Array(tokens.dropLast()), targets: Array(tokens.dropFirst()), chunkLength: chunkLength)
  }

  /// The mean loss of restoring the case of `text` (bytes) from its lowercase, read as one sequence:
  /// at step t the model reads the lowercased byte t and is scored on the original byte t.
  public static func caseCorrectionLoss(
    of model: RecurrentModel, text: [UInt8], chunkLength: Int = defaultChunkLength
  ) throws -> Result {
    let cased = text.map { Int32($0) }
    try requireLanguageModel(model, tokens: cased)
    guard model.config.outputs == ByteText.vocabulary else {
      throw SequenceError("case correction reads and predicts bytes; the model has \(model.config.outputs) symbols")
    }
    guard !text.isEmpty else { throw SequenceError("the text is empty") }
    let lowered = ByteText.lowercasedASCII(text).map { Int32($0) }
    return score(model, inputs: lowered, targets: cased, chunkLength: chunkLength)
  }

  /// Mean cross-entropy of `targets[t]` after reading `inputs[0...t]`, run in chunks from the zero state.
  private static func score(
    _ model: RecurrentModel, inputs: [Int32], targets: [Int32], chunkLength: Int
  ) -> Result {
    precondition(chunkLength >= 1, "chunks must hold at least one step")
    precondition(inputs.count == targets.count && !inputs.isEmpty, "one target per input")
    var state = RecurrentState.zeros(config: model.config, batchSize: 1)
    var lossSum = 0.0
    var correct = 0
    let chunkLength = model.config.bidirectional ? inputs.count : chunkLength
    for start in stride(from: 0, to: inputs.count, by: chunkLength) {
      let end = min(start + chunkLength, inputs.count)
      let batch = Batch(
        batchSize: 1, length: end - start, tokens: Array(inputs[start..<end]),
        targets: .everyStep(Array(targets[start..<end])))
      let record = model.forward(batch, initialState: state)
      lossSum += Double(record.loss) * Double(record.counted)
      correct += record.correct
      state = record.finalState
      model.recycle(record)
    }
    return Result(loss: lossSum / Double(inputs.count), positions: inputs.count, correct: correct)
  }

  /// Throws unless `model` reads token ids and predicts the same symbols, all of `tokens` among them.
  public static func requireLanguageModel(_ model: RecurrentModel, tokens: [Int32]) throws {
    let config = model.config
    let broken = model.parameters.lazy.filter { !$0.isFinite }.count
    guard broken == 0 else {
      throw SequenceError(
        "\(broken) of the model's \(model.parameters.count) weights are NaN or infinite; there is no loss to compute")
    }
    let vocabulary: Int
    switch config.input {
    case .oneHot(let vocab), .embedding(let vocab, _): vocabulary = vocab
    case .dense: throw SequenceError("the model reads real-valued features, not symbols; it is not a language model")
    }
    guard config.head == .classifier else {
      throw SequenceError("the model has a regression head; a language model needs a classifier")
    }
    guard config.outputs == vocabulary else {
      throw SequenceError(
        "the model reads \(vocabulary) symbols but predicts \(config.outputs); a language model predicts its own symbols"
      )
    }
    if let outside = tokens.first(where: { $0 < 0 || Int($0) >= vocabulary }) {
      throw SequenceError(
        "symbol \(outside) of the text is outside the model's \(vocabulary)-symbol vocabulary (give the right --vocab)")
    }
  }
}

/// Why a text cannot be run through a model: one line.
public struct SequenceError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The message.
  public let description: String
  /// An error with this message.
  public init(_ description: String) { self.description = description }
}
