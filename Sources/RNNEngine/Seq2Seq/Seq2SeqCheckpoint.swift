import Foundation

/// Encoder–decoder weights as safetensors under the reference's PyTorch names, with the model's
/// shape and vocabularies in the metadata, so a file opens in PyTorch (`load_state_dict`) and a
/// PyTorch state dict of the reference's shape opens here.
public enum Seq2SeqCheckpoint {
  /// Metadata keys.
  static let configKey = "rnnscope.seq2seq.config"
  static let vocabularyKey = "rnnscope.seq2seq.vocabulary"

  /// Writes `model` and `vocabulary` to `url` atomically.
  public static func write(_ model: Seq2SeqModel, vocabulary: Seq2SeqVocabulary, to url: URL) throws {
    try writer(model, vocabulary: vocabulary).write(to: url)
  }

  /// The file `write` writes, before it is written: more metadata and tensors may be added.
  static func writer(_ model: Seq2SeqModel, vocabulary: Seq2SeqVocabulary) throws -> SafeTensorsWriter {
    // Sorted keys: the same model always gives the same bytes.
    var writer = SafeTensorsWriter(metadata: [
      configKey: try RecordingJSON.encode(model.config),
      vocabularyKey: String(decoding: vocabulary.encoded(), as: UTF8.self),
    ])
    for entry in model.table.entries {
      writer.add(
        entry.name, shape: entry.shape, values: Array(model.parameters[entry.offset..<(entry.offset + entry.count)]))
    }
    return writer
  }

  /// Reads a model and its vocabularies. A file without rnnscope's metadata (a PyTorch state dict)
  /// takes its shape from the tensors, its attention from `attention` (dot and none have the same
  /// tensors) and needs `vocabulary`. Every mismatch is one line naming the file and the tensor.
  public static func read(
    _ url: URL, vocabulary override: Seq2SeqVocabulary? = nil, attention: AttentionKind? = nil
  ) throws -> (model: Seq2SeqModel, vocabulary: Seq2SeqVocabulary) {
    try read(SafeTensorsFile(contentsOf: url), path: url.path, vocabulary: override, attention: attention)
  }

  /// `read(_:vocabulary:attention:)` on a file already in memory; `path` names it in errors. The
  /// trainer state a run's epoch file carries beside the weights (optimizer, random state, step) is
  /// not the model's and is passed over.
  static func read(
    _ file: SafeTensorsFile, path: String, vocabulary override: Seq2SeqVocabulary? = nil,
    attention: AttentionKind? = nil
  ) throws -> (model: Seq2SeqModel, vocabulary: Seq2SeqVocabulary) {
    func fail(_ reason: String) -> Seq2SeqDataError { .unreadable(path, reason: reason) }
    var config: Seq2SeqConfig
    if let text = file.metadata[configKey],
      let stored = try? JSONDecoder().decode(Seq2SeqConfig.self, from: Data(text.utf8))
    {
      config = stored
      guard config.isWithinLimits else { throw fail("has a model shape out of range in its metadata") }
      if let attention, attention != stored.attention {
        throw fail("holds a model with --attention \(stored.attention.rawValue), not \(attention.rawValue)")
      }
    } else {
      config = try inferConfig(file, attention: attention, fail: fail)
    }
    let vocabulary: Seq2SeqVocabulary
    if let override {
      vocabulary = override
    } else if let text = file.metadata[vocabularyKey],
      let stored = try? JSONDecoder().decode(Seq2SeqVocabulary.self, from: Data(text.utf8))
    {
      vocabulary = stored
    } else {
      throw fail("has no vocabulary; pass --vocab FILE (JSON {\"source\": [...], \"target\": [...]})")
    }
    guard vocabulary.sourceSize == config.sourceVocabulary, vocabulary.targetSize == config.targetVocabulary else {
      throw fail(
        "has vocabularies of \(config.sourceVocabulary) and \(config.targetVocabulary) ids, the vocabulary file gives \(vocabulary.sourceSize) and \(vocabulary.targetSize) (3 special ids + symbols)"
      )
    }
    let model = Seq2SeqModel(config: config)
    for entry in model.table.entries {
      guard let stored = file.entry(named: entry.name) else { throw fail("has no tensor \(entry.name)") }
      guard stored.shape == entry.shape else {
        throw fail("tensor \(entry.name) has shape \(stored.shape), this model needs \(entry.shape)")
      }
      model.setParameter(named: entry.name, to: try file.floats(entry.name))
    }
    let expected = Set(model.table.entries.map(\.name))
    if let extra = file.names.first(where: { !expected.contains($0) && !CheckpointFormat.isTrainingState($0) }) {
      throw fail(
        "has tensor \(extra), which a \(config.cell.rawValue) --attention \(config.attention.rawValue) model does not have"
      )
    }
    return (model, vocabulary)
  }

  /// The shape of a bare PyTorch state dict of the reference's `Seq2Seq`.
  private static func inferConfig(
    _ file: SafeTensorsFile, attention: AttentionKind?, fail: (String) -> Seq2SeqDataError
  ) throws -> Seq2SeqConfig {
    func shape(_ name: String) throws -> [Int] {
      guard let entry = file.entry(named: name) else { throw fail("has no tensor \(name); is it an encoder–decoder?") }
      return entry.shape
    }
    let source = try shape("src_embedding.weight")
    let target = try shape("tgt_embedding.weight")
    let recurrent = try shape("encoder.weight_hh_l0")
    guard source.count == 2, target.count == 2, recurrent.count == 2, recurrent[1] > 0 else {
      throw fail("has embeddings or encoder.weight_hh_l0 of the wrong rank")
    }
    let gates = recurrent[0] / recurrent[1]
    let cell: CellType
    switch gates {
    case 4: cell = .lstm
    case 3: cell = .gru
    case 1: cell = .rnnTanh
    default: throw fail("tensor encoder.weight_hh_l0 of shape \(recurrent) is no RNN, LSTM or GRU")
    }
    let layers = (0...).first { file.entry(named: "encoder.weight_hh_l\($0)") == nil }!
    let kind: AttentionKind
    if file.entry(named: "attention.weight") != nil {
      kind = .general
    } else if file.entry(named: "attention.query.weight") != nil {
      kind = .additive
    } else {
      guard let attention, attention == .dot || attention == .none else {
        throw fail("has no attention tensors: pass --attention dot or --attention none (both have the same tensors)")
      }
      kind = attention
    }
    return Seq2SeqConfig(
      cell: cell, sourceVocabulary: source[0], targetVocabulary: target[0], embedding: source[1], hidden: recurrent[1],
      layers: layers, bidirectional: file.entry(named: "encoder.weight_hh_l0_reverse") != nil, attention: kind)
  }
}
