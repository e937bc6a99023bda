/// Scores a language model on a text read as ONE continuous sequence from the zero state, the way
/// PyTorch users define an eval loss: at step t the model reads x_t and is scored on x_{t+1}.
///
/// The text runs in chunks so a long file never needs one giant forward record; the recurrent state
/// is carried from chunk to chunk, so the result equals a single pass up to float rounding.
public enum SequenceEvaluation {
  /// Mean next-token loss over a sequence.
  public struct Result: Sendable, Equatable {
    /// Mean cross-entropy per scored position, in nats.
    public var loss: Double
    /// Positions scored: the token count minus one.
    public var positions: Int
    /// Positions whose arg max was the next token.
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
    precondition(chunkLength >= 1, "chunks must hold at least one step")
    var state = RecurrentState.zeros(config: model.config, batchSize: 1)
    var lossSum = 0.0, correct = 0
    var start = 0
    while start < tokens.count - 1 {
      let end = min(start + chunkLength, tokens.count - 1)
      let batch = Batch(
        batchSize: 1, length: end - start, tokens: Array(tokens[start..<end]),
        targets: .everyStep(Array(tokens[(start + 1)...end])))
      let record = model.forward(batch, initialState: state)
      lossSum += Double(record.loss) * Double(record.counted)
      correct += record.correct
      state = record.finalState
      model.recycle(record)
      start = end
    }
    let positions = tokens.count - 1
    return Result(loss: lossSum / Double(positions), positions: positions, correct: correct)
  }

  /// Throws unless `model` reads token ids and predicts the same symbols, all of `tokens` among them.
  static func requireLanguageModel(_ model: RecurrentModel, tokens: [Int32]) throws {
    let config = model.config
    let vocabulary: Int
    switch config.input {
    case .oneHot(let vocab), .embedding(let vocab, _): vocabulary = vocab
    case .dense: throw SequenceError("the model reads real-valued features, not symbols; it is not a language model")
    }
    guard config.head == .classifier else {
      throw SequenceError("the model has a regression head; a language model needs a classifier")
    }
    guard config.outputs == vocabulary else {
      throw SequenceError("the model reads \(vocabulary) symbols but predicts \(config.outputs); a language model predicts its own symbols")
    }
    if let outside = tokens.first(where: { $0 < 0 || Int($0) >= vocabulary }) {
      throw SequenceError("symbol \(outside) of the text is outside the model's \(vocabulary)-symbol vocabulary (give the right --vocab)")
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
