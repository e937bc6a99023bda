import ArgumentParser
import Foundation
import RNNEngine

/// `rnnscope inspect`: what a checkpoint or run directory holds.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show what a safetensors file or a run directory holds.",
    discussion: """
      For a file: its metadata, every tensor (name, dtype, shape) and the model inferred from them.
      For a run directory: the config, the finished epochs with their losses, and any damaged files; for an \
      encoder–decoder run, a table of its epochs' held-out accuracy (by source length) and probe.

      Examples:
        rnnscope inspect Samples/case-lstm-demo
        rnnscope inspect Samples/case-lstm-demo/epoch-0004.safetensors
        rnnscope inspect char_lstm.safetensors
      """
  )

  @Argument(help: "A .safetensors file or a run directory.")
  var path: String

  func run() throws {
    try reportingErrors {
      let url = URL(fileURLWithPath: path)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
        printLine(try Seq2SeqRun.holdsRun(at: url) ? Seq2SeqRun.open(url).summary : RunDirectory(url).summary)
        return
      }
      let file = try SafeTensorsFile(contentsOf: url)
      printLine(ImportedRecurrentModel.inspect(file))
      if let checkpoint = CheckpointFormat.summary(of: file) { printLine(checkpoint) }
    }
  }
}
