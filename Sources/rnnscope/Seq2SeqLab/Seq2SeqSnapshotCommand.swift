import ArgumentParser
import Foundation
import RNNEngine
import Scope
import TermCanvas

/// `rnnscope snapshot --view attention|encoder-decoder|hidden|gates|gradients` for an encoder–decoder:
/// one of its views on one source text.
struct Seq2SeqSnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Save a view of an encoder–decoder on --text, as SVG, ANSI or plain text.",
    discussion: """
      attention: the model decodes --text greedily; the view shows α (output down the side, source \
      along the top), the selected output step's α as bars under the source, its context c_i and top \
      three predictions, and the output beside the target. With --connectivity the matrix shows instead \
      ‖∂ logit_{k_i} / ∂e_j‖ of each output symbol against each source embedding (the output fed back \
      as the target), each row scaled to its largest: what each output really depends on, beside α.

      encoder-decoder, hidden, gates, gradients: the model reads --text and is fed the target (teacher \
      forcing, from --target or what --task expects for the text). encoder-decoder draws the cells \
      unrolled, source then decoder, with the bridge h_n^e → h_0^d and from decoder step --step a \
      rail to every source cell shaded by α (without attention: the one context every step reads); \
      --frame N shows frame N of its animation. hidden and gates draw one layer (--layer; each \
      direction of a bidirectional encoder is a layer of its own) of --side encoder or decoder; \
      gradients draws ‖∂L/∂h_j^e‖ along the source, through attention and through the final state, \
      and ‖∂L/∂h_i^d‖ along the decoding.

      Examples:
        rnnscope snapshot --view attention --run runs/dates --task dates --text "Thursday, May 3, 1979"
        rnnscope snapshot --view attention --run runs/dates --epoch 2 --format txt
        rnnscope snapshot --view encoder-decoder --run runs/reverse --task reverse --text abcdefgh --step 3
        rnnscope snapshot --view gates --run runs/reverse --task reverse --text abcdefgh --side decoder
        rnnscope snapshot --view gradients --weights model.safetensors --text abc --target cba --format txt
      """
  )

  /// The views this command draws.
  enum View: String, CaseIterable, ExpressibleByArgument {
    case attention
    case encoderDecoder = "encoder-decoder"
    case hidden, gates, gradients
  }

  @Option(help: "View: attention, encoder-decoder, hidden, gates or gradients.") var view: View
  @OptionGroup var model: Seq2SeqModelOptions
  @Option(help: "The source text (with --run: the run's probe unless given).") var text: String?
  @Option(help: "The output the model should produce (default: what --task expects for the text).") var target: String?
  @Option(help: "The task the model learnt (reverse, sort, dates), to know the expected output.")
  var task: Seq2SeqTaskKind?
  @Option(help: "The selected output step (attention, encoder-decoder) or position on --side, from 1.") var step = 1
  @Option(help: "hidden, gates, gradients: the side shown, encoder or decoder.") var side: Seq2SeqSide = .encoder
  @Option(help: "hidden, gates: the layer of --side, from 1 (a bidirectional encoder: 1 forward, 2 reverse, …).")
  var layer = 1
  @Option(help: "hidden, gates: the selected unit, from 0.") var unit = 0
  @Option(help: "encoder-decoder: the animation frame, from 1 (one per source position, then one per step).")
  var frame: Int?
  @Option(help: "Screen size as WIDTHxHEIGHT.") var size = ScreenSize(width: 160, height: 48)
  @Option(help: "Output format: svg, ansi or txt.") var format: SnapshotCommand.SnapshotFormat = .svg
  @Flag(help: "attention: shade the gradient connectivity ‖∂ logit / ∂ source embedding‖ instead of α.")
  var connectivity = false
  @Flag(help: "Draw heatmaps with shades instead of colour.") var monochrome = false
  @Option(help: "Output file (default: standard output).") var out: String?

  /// The views routed here whatever the other flags say (the others need a seq2seq --task or --run).
  static let ownViews = [View.attention.rawValue, View.encoderDecoder.rawValue]

  func validate() throws {
    if text?.isEmpty == true { throw ValidationError("--text is empty") }
    if text == nil, model.run == nil { throw ValidationError("--weights needs --text, the source to decode") }
    guard step >= 1 else { throw ValidationError("--step must be 1 or more (got \(step))") }
    guard layer >= 1 else { throw ValidationError("--layer must be 1 or more (got \(layer))") }
    guard unit >= 0 else { throw ValidationError("--unit must be 0 or more (got \(unit))") }
    if let frame, frame < 1 { throw ValidationError("--frame must be 1 or more (got \(frame))") }
    if frame != nil, view != .encoderDecoder { throw ValidationError("--frame is for --view encoder-decoder") }
    if connectivity, view != .attention { throw ValidationError("--connectivity is for --view attention") }
  }

  func run() throws {
    let (loaded, vocabulary, run) = try reportingErrorsReturning { try model.load() }
    let recorded = run?.settings.flatMap { try? $0.makeTask() }
    guard let text = text ?? recorded?.probe ?? run?.records.last?.probe else {
      throw ValidationFailure("\(model.run ?? "the run"): its probe is not recorded; pass --text")
    }
    let task = self.task ?? run?.settings?.task
    let ids = try reportingErrorsReturning { try vocabulary.encodeSource(text) }
    let expected =
      target ?? (task == .pairs ? recorded?.heldOut.first { $0.source == text }?.target : task?.target(for: text))
    let grid: Grid
    if view == .attention {
      let probe = loaded.probe(ids, maxLength: defaultMaxLength(sourceLength: ids.count))
      let picture = AttentionPicture(
        probe: probe, config: loaded.config, vocabulary: vocabulary, sourceText: text, target: expected,
        connectivity: connectivity ? loaded.connectivity(source: ids, target: probe.outputTokens) : nil)
      grid = AttentionView(
        picture: picture, step: step - 1, monochrome: monochrome, matrix: connectivity ? .connectivity : .alpha
      ).screen(width: size.width, height: size.height)
    } else {
      guard let expected else {
        printError(
          "rnnscope: --view \(view.rawValue) feeds the decoder the target: give --target (or a --task that knows it)")
        throw ExitCode(1)
      }
      let targetIDs = try reportingErrorsReturning { try vocabulary.encodeTarget(expected) }
      let scene = Seq2SeqScene(trace: loaded.trace(source: ids, target: targetIDs), vocabulary: vocabulary)
      grid = screen(of: scene)
    }
    let output = format.export(grid)
    // The ANSI format's escapes are the point here: the text is written as it is.
    try reportingErrors { try writeOutputFile(Data((out == nil ? output + "\n" : output).utf8), to: out ?? "-") }
  }

  /// The screen of a trace-drawing view.
  private func screen(of scene: Seq2SeqScene) -> Grid {
    let (width, height) = (size.width, size.height)
    switch view {
    case .attention, .encoderDecoder:
      return EncoderDecoderView(scene: scene, step: step - 1, frame: frame.map { $0 - 1 }, monochrome: monochrome)
        .screen(width: width, height: height)
    case .hidden, .gates:
      return Seq2SeqStatesView(
        scene: scene, kind: view == .hidden ? .hidden : .gates, side: side, layer: layer - 1, position: step - 1,
        unit: unit, monochrome: monochrome
      ).screen(width: width, height: height)
    case .gradients:
      return Seq2SeqGradientsView(scene: scene, side: side, position: step - 1).screen(width: width, height: height)
    }
  }
}

extension Seq2SeqSide: ExpressibleByArgument {}
