/// How the decoder looks at the encoder's states.
public enum AttentionKind: String, Codable, Sendable, CaseIterable {
  /// No attention: c_i = h_n^e, the encoder's final top-layer state, at every step (RNNenc).
  case none
  /// score(s, h_j) = s · h_j.
  case dot
  /// score(s, h_j) = s · (W h_j), W = `attention.weight`.
  case general
  /// Bahdanau's score(s, h_j) = v · tanh(W_s s + W_h h_j).
  case additive
}

/// The shape of an encoder–decoder model (the reference's `Seq2Seq` module).
public struct Seq2SeqConfig: Codable, Sendable, Equatable {
  /// Cell of encoder and decoder.
  public var cell: CellType
  /// Source and target vocabulary sizes (ids 0 pad, 1 start, 2 end included).
  public var sourceVocabulary: Int, targetVocabulary: Int
  /// E, the width of both embeddings.
  public var embedding: Int
  /// H, the encoder's state width per direction.
  public var hidden: Int
  /// L, layers of encoder and decoder.
  public var layers: Int
  /// Whether the encoder reads in both directions.
  public var bidirectional: Bool
  /// The attention score.
  public var attention: AttentionKind

  /// A configuration; every size must be positive.
  public init(
    cell: CellType, sourceVocabulary: Int, targetVocabulary: Int, embedding: Int, hidden: Int, layers: Int = 1,
    bidirectional: Bool = false, attention: AttentionKind
  ) {
    self.cell = cell
    self.sourceVocabulary = sourceVocabulary
    self.targetVocabulary = targetVocabulary
    self.embedding = embedding
    self.hidden = hidden
    self.layers = layers
    self.bidirectional = bidirectional
    self.attention = attention
  }

  /// D, the decoder's state width and the width of an encoder output: H, or 2H when bidirectional.
  public var decoderHidden: Int { hidden * (bidirectional ? 2 : 1) }
}

/// The special ids shared by both vocabularies.
public enum Seq2SeqToken {
  /// Padding (never read into a state; excluded from the loss).
  public static let padding: Int32 = 0
  /// Start of the target sequence (the decoder's first input).
  public static let start: Int32 = 1
  /// End of a sequence.
  public static let end: Int32 = 2
}

/// A batch of source and target id sequences, batch-first and padded with 0.
public struct Seq2SeqBatch: Sendable {
  /// `(B, S)` source ids.
  public var source: [Int32]
  /// Each source sequence's own length (≥ 1).
  public var sourceLengths: [Int]
  /// `(B, T)` decoder inputs: start, then the target shifted right (teacher forcing).
  public var targetIn: [Int32]
  /// `(B, T)` what each step must predict; 0 where the target has ended.
  public var targetOut: [Int32]
  /// B, S and T.
  public var batchSize: Int { sourceLengths.count }
  /// S, the padded source length.
  public var sourceLength: Int { source.count / max(batchSize, 1) }
  /// T, the padded target length.
  public var targetLength: Int { targetIn.count / max(batchSize, 1) }

  /// A batch from its four arrays (shapes as documented on each).
  public init(source: [Int32], sourceLengths: [Int], targetIn: [Int32], targetOut: [Int32]) {
    self.source = source
    self.sourceLengths = sourceLengths
    self.targetIn = targetIn
    self.targetOut = targetOut
  }

  /// Pads pairs of id sequences (no start/end) into a batch: targets get start in front and end behind.
  public init(pairs: [(source: [Int32], target: [Int32])]) {
    let sourceLength = pairs.map(\.source.count).max() ?? 1
    let targetLength = (pairs.map(\.target.count).max() ?? 0) + 1
    source = []
    targetIn = []
    targetOut = []
    sourceLengths = pairs.map(\.source.count)
    for pair in pairs {
      source += pair.source + [Int32](repeating: 0, count: sourceLength - pair.source.count)
      let padding = [Int32](repeating: 0, count: targetLength - pair.target.count - 1)
      targetIn += [Seq2SeqToken.start] + pair.target + padding
      targetOut += pair.target + [Seq2SeqToken.end] + padding
    }
  }
}
