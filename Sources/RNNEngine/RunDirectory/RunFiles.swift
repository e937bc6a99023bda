import Foundation

/// The files of a run directory, by name.
///
///     run.json                  RunInfo: config, seed, vocabulary, program version
///     metrics.csv               one StepMetrics row per optimizer step (appended, synced per epoch)
///     epochs.jsonl              one EpochRecord per finished epoch (rewritten atomically)
///     epoch-0001.safetensors    the trainer's full state after each epoch (written atomically)
///
/// An epoch counts as finished when its checkpoint is present and valid; the recorder writes it last.
public enum RunFiles {
  /// The run's description.
  public static let info = "run.json"
  /// Per-step metrics.
  public static let metrics = "metrics.csv"
  /// Per-epoch summaries.
  public static let epochs = "epochs.jsonl"

  /// `epoch-0003.safetensors` for epoch 3.
  public static func checkpoint(epoch: Int) -> String {
    "epoch-" + String(epoch).leftPadded(to: 4) + ".safetensors"
  }

  /// The epoch a checkpoint's file name stands for, or nil for any other name.
  public static func epoch(ofCheckpoint name: String) -> Int? {
    guard name.hasPrefix("epoch-"), name.hasSuffix(".safetensors") else { return nil }
    let digits = name.dropFirst("epoch-".count).dropLast(".safetensors".count)
    guard (1...9).contains(digits.count), digits.allSatisfy(\.isASCII), let epoch = Int(digits), epoch >= 1 else {
      return nil
    }
    return epoch
  }

  /// Whether `name` is a temporary file `AtomicFile` left behind when the program was killed mid-write.
  static func isAbandonedTemporary(_ name: String) -> Bool {
    name.hasPrefix(".") && name.contains(".tmp-")
  }
}

extension String {
  /// The string with zeros in front up to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
