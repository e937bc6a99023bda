import RNNEngine

/// One traced pair as the encoder–decoder views draw it: the trace, and the symbol of every source
/// position and decoder step (what it read, what it had to predict, what it predicted).
public struct Seq2SeqScene: Sendable {
  /// Everything the model computed on the pair.
  public var trace: Seq2SeqTrace
  /// The source symbol at each position.
  public var source: [String]
  /// What decoder step i read: `^` (start), then the target.
  public var targetIn: [String]
  /// What decoder step i had to predict: the target, then `$` (end).
  public var targetOut: [String]
  /// What decoder step i ranked first.
  public var predicted: [String]
  /// One line describing the model, e.g. `GRU H=64 E=16 · attention dot`.
  public var model: String

  /// How the start symbol is written.
  public static let startSymbol = "^"

  /// The symbols' names.
  public var vocabulary: Seq2SeqVocabulary

  /// The scene of `trace`, with the symbols of `vocabulary`.
  public init(trace: Seq2SeqTrace, vocabulary: Seq2SeqVocabulary) {
    self.trace = trace
    self.vocabulary = vocabulary
    source = trace.source.map { id in
      let index = Int(id) - Seq2SeqVocabulary.firstSymbol
      return vocabulary.source.indices.contains(index) ? vocabulary.source[index] : "·"
    }
    targetIn = []
    targetOut = []
    predicted = []
    model = AttentionPicture.describe(trace.config)
    targetIn = trace.targetIn.map { symbol(ofTarget: Int($0)) }
    targetOut = trace.targetOut.map { symbol(ofTarget: Int($0)) }
    predicted = trace.predictions.map { symbol(ofTarget: Int($0)) }
  }

  /// Target id `id` as drawn: `^` for start, `$` for end.
  public func symbol(ofTarget id: Int) -> String {
    switch Int32(id) {
    case Seq2SeqToken.start: Self.startSymbol
    case Seq2SeqToken.end: AttentionPicture.endSymbol
    default: vocabulary.targetSymbol(Int32(id))
    }
  }

  /// Whether step i predicted the symbol it had to.
  public func isRight(step: Int) -> Bool { trace.predictions[step] == trace.targetOut[step] }

  /// The recurrences of `side`: the encoder's layer directions, or the decoder's layers.
  func recurrences(_ side: Seq2SeqSide) -> [Seq2SeqTrace.Recurrence] {
    side == .encoder ? trace.encoder : trace.decoder
  }

  /// The symbols along `side`'s positions: the source, or what each decoder step read.
  func labels(_ side: Seq2SeqSide) -> [String] { side == .encoder ? source : targetIn }

  /// A recurrence's name, e.g. `encoder layer 1 reverse` or `decoder layer 2`.
  func name(of recurrence: Seq2SeqTrace.Recurrence, side: Seq2SeqSide) -> String {
    let direction =
      trace.config.bidirectional && side == .encoder ? (recurrence.reversed ? " reverse" : " forward") : ""
    return "\(side.rawValue) layer \(recurrence.layer + 1)\(direction)"
  }
}

/// Which half of an encoder–decoder a view shows.
public enum Seq2SeqSide: String, Sendable, CaseIterable {
  /// The encoder, over the source positions.
  case encoder
  /// The decoder, over its steps.
  case decoder

  /// The other side (the `e` key).
  public var toggled: Seq2SeqSide { self == .encoder ? .decoder : .encoder }
}
