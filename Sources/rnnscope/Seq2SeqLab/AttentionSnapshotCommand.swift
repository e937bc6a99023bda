import ArgumentParser
import Foundation
import RNNEngine
import Scope
import TermCanvas

/// `rnnscope snapshot --view attention`: the Attention view of an encoder–decoder decoding one text.
struct AttentionSnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Save the Attention view of an encoder–decoder decoding --text, as SVG, ANSI or plain text.",
    discussion: """
      The model decodes --text greedily; the view shows α (output down the side, source along the top), \
      the selected output step's α as bars under the source, its context c_i and top three predictions, \
      and the output beside the target (from --target, or what --task expects for the text).

      Examples:
        rnnscope snapshot --view attention --run runs/dates --task dates --text "Thursday, May 3, 1979"
        rnnscope snapshot --view attention --weights model.safetensors --task reverse --text abcdef --format txt
        rnnscope snapshot --view attention --run runs/dates --epoch 2 --format txt
      """
  )

  /// The view's name for `--view`.
  static let viewName = "attention"

  @Option(help: "View: attention (the other views: rnnscope snapshot --help).") var view: String
  @OptionGroup var model: Seq2SeqModelOptions
  @Option(help: "The source text to decode (with --run: the run's probe unless given).") var text: String?
  @Option(help: "The output the model should produce (default: what --task expects for the text).") var target: String?
  @Option(help: "The task the model learnt (reverse, sort, dates), to know the expected output.")
  var task: Seq2SeqTaskKind?
  @Option(help: "The selected output step, from 1.") var step = 1
  @Option(help: "Screen size as WIDTHxHEIGHT.") var size = ScreenSize(width: 160, height: 48)
  @Option(help: "Output format: svg, ansi or txt.") var format: SnapshotCommand.SnapshotFormat = .svg
  @Flag(help: "Draw the context heatmap with shades instead of colour.") var monochrome = false
  @Option(help: "Output file (default: standard output).") var out: String?

  func validate() throws {
    guard view == Self.viewName else { throw ValidationError("--view must be attention here") }
    if text?.isEmpty == true { throw ValidationError("--text is empty") }
    if text == nil, model.run == nil { throw ValidationError("--weights needs --text, the source to decode") }
    guard step >= 1 else { throw ValidationError("--step must be 1 or more (got \(step))") }
  }

  func run() throws {
    let (loaded, vocabulary, run) = try reportingErrorsReturning { try model.load() }
    let recorded = run?.settings.flatMap { try? $0.makeTask() }
    guard let text = text ?? recorded?.probe ?? run?.records.last?.probe else {
      throw ValidationFailure("\(model.run ?? "the run"): its probe is not recorded; pass --text")
    }
    let task = self.task ?? run?.settings?.task
    let ids = try reportingErrorsReturning { try vocabulary.encodeSource(text) }
    let probe = loaded.probe(ids, maxLength: defaultMaxLength(sourceLength: ids.count))
    let picture = AttentionPicture(
      probe: probe, config: loaded.config, vocabulary: vocabulary, sourceText: text,
      target: target
        ?? (task == .pairs ? recorded?.heldOut.first { $0.source == text }?.target : task?.target(for: text)))
    let grid = AttentionView(picture: picture, step: step - 1, monochrome: monochrome)
      .screen(width: size.width, height: size.height)
    let output = format.export(grid)
    // The ANSI format's escapes are the point here: the text is written as it is.
    try reportingErrors { try writeOutputFile(Data((out == nil ? output + "\n" : output).utf8), to: out ?? "-") }
  }
}
