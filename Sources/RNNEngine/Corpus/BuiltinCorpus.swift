/// The text compiled into rnnscope, so the case-correction and language-model tasks work without a file.
///
/// An original story written for this project, "The Ashby Inheritance": a Victorian detective tale in
/// plain ASCII (straight quotes, `--` for dashes), wrapped at 76 columns like a Project Gutenberg text.
/// It is rich in what case correction has to learn: sentence starts after `.`, `?` and `!`, dialogue
/// opening with quotes, names of people and places, titles such as "Mr.", "Mrs." and "Dr.", and "I".
/// The chapters live in `BuiltinCorpus+Chapter1.swift` ... `BuiltinCorpus+Chapter8.swift`.
public enum BuiltinCorpus {
  /// A short name for headers and logs.
  public static let name = "The Ashby Inheritance"

  /// The whole story, chapters separated by blank lines, ending with a newline.
  public static let text: String =
    [chapter1, chapter2, chapter3, chapter4, chapter5, chapter6, chapter7, chapter8]
    .joined(separator: "\n\n\n") + "\n"

  /// The story as UTF-8 bytes (all ASCII, so one byte per character).
  public static var bytes: [UInt8] { Array(text.utf8) }

  /// A sentence of the story (from chapter II, in the training part), the language model's default probe.
  public static let probeSentence = #""The pendulum has been stopped by hand," said he quietly."#
}
