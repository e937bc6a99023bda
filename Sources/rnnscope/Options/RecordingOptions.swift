import ArgumentParser
import Foundation
import RNNEngine

/// Where a training run is recorded: `--out DIR`, the default `runs/…` folder, or `--no-record`.
struct RecordingOptions: ParsableArguments {
  @Option(help: "Record the run into this directory (default: runs/<yyyyMMdd-HHmmss>-<task>-<cell>).")
  var out: String?

  @Flag(help: "Do not record the run.")
  var noRecord = false

  func validate() throws {
    if noRecord, out != nil { throw ValidationError("--no-record and --out contradict each other") }
    if out?.isEmpty == true { throw ValidationError("--out must name a directory (got an empty string)") }
  }

  /// The run directory for `config`, or nil with --no-record.
  func directory(for config: TrainingConfig) -> URL? {
    guard !noRecord else { return nil }
    return out.map { URL(fileURLWithPath: $0) }
      ?? RunRecorder.defaultDirectory(for: config, under: URL(fileURLWithPath: "runs"))
  }
}
