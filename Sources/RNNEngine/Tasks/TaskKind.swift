/// The four training tasks rnnscope offers; the raw value is what the command line accepts.
public enum TaskKind: String, CaseIterable, Codable, Sendable {
  /// Lowercased text in, correctly cased text out, one byte per step (the lecture's demo).
  case caseCorrection = "case"
  /// Next-byte prediction with teacher forcing.
  case languageModel = "lm"
  /// Remember the first symbol across a gap of distractors and name it when asked.
  case recall
  /// Hochreiter & Schmidhuber's adding problem: sum the two marked values of a long sequence.
  case adding
}
