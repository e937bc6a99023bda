import Foundation

/// How much memory a training run needs, estimated from its config before anything is allocated,
/// and how much this machine (or its container) has.
///
/// A step keeps every layer's states and gates for every timestep of the batch, and their gradients,
/// so memory grows with hidden × batch × sequence length; a run that would not fit is refused with
/// one line instead of aborting on a huge allocation or meeting the OOM killer halfway through.
public enum MemoryBudget {
  /// The share of the machine's memory a run may plan to use.
  public static let allowedShare = 0.5

  /// The bytes a training step of `config` holds at its peak, an upper estimate: the recorded forward
  /// pass and its gradients (or, when larger, a held-out pass of at least 64 sequences), and the
  /// parameters with their gradients, optimizer moments and packed copy. Inputs and outputs count as
  /// 256 wide, the widest any task has.
  public static func estimatedBytes(of config: TrainingConfig) -> Double {
    let steps = Double(longestSequence(of: config.task))
    let hidden = Double(config.hidden)
    let cell = config.cell
    // Floats per layer, timestep and sequence: h and gates, c (LSTM), W_hn h (GRU), and dL/dh, dL/dc.
    let cellExtras = Double((cell.hasCellState ? 1 : 0) + (cell == .gru ? 1 : 0))
    let recorded = hidden * (Double(cell.gateCount) + 1 + cellExtras)
    let gradients = hidden * (1 + (cell.hasCellState ? 1 : 0))
    let input = Double(config.embedding ?? 0)
    let symbols = Double(ByteText.vocabulary)
    let layers = Double(config.layers)
    let batch = Double(config.batchSize)
    let training = steps * batch * (layers * (recorded + gradients) + hidden + input)
    // Evaluation keeps logits and probabilities for every position too.
    let evaluation = steps * max(batch, 64) * (layers * recorded + 2 * symbols + input)
    let parameters = Double(ParameterLayout(config: config.widestModel).totalCount)
    // The arrays count twice: real peaks run well above them alone (recycled buffers, a step's temporaries).
    return 4 * (2 * max(training, evaluation) + 5 * parameters)
  }

  /// The most timesteps a sequence of `task` has.
  static func longestSequence(of task: TaskConfig) -> Int {
    switch task {
    case .caseCorrection(let settings): settings.maxLength
    case .languageModel(let settings): settings.length
    case .recall(let settings): settings.gap + 2
    case .adding(let settings): settings.length
    }
  }

  /// The memory this process may use: the machine's, or its container's limit when lower.
  public static var machineBytes: Double {
    var bytes = Double(ProcessInfo.processInfo.physicalMemory)
    for limitFile in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
      guard let text = try? String(contentsOfFile: limitFile, encoding: .utf8),
        let limit = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0
      else { continue }
      bytes = min(bytes, limit)
    }
    return bytes
  }

  /// `12.3 GB`.
  static func gigabytes(_ bytes: Double) -> String { String(format: "%.1f GB", bytes / 1e9) }
}

extension TrainingConfig {
  /// Refuses a run whose estimated memory is more than `MemoryBudget.allowedShare` of `machineBytes`,
  /// naming the estimate, the machine's memory and the flags that lower it.
  public func validateMemory(machineBytes: Double = MemoryBudget.machineBytes) throws(TrainingConfigError) {
    let steps = MemoryBudget.longestSequence(of: task)
    // Longer sequences are refused by the task itself, naming the bound they exceed.
    guard steps <= TaskLimits.sequenceLength else { return }
    let needed = MemoryBudget.estimatedBytes(of: self)
    guard needed > machineBytes * MemoryBudget.allowedShare else { return }
    throw TrainingConfigError(
      "training \(layers)x\(hidden) \(cell.rawValue) on batches of \(batchSize) sequences of up to \(steps) steps "
        + "would need about \(MemoryBudget.gigabytes(needed)) of memory, more than half of this machine's "
        + "\(MemoryBudget.gigabytes(machineBytes)); use a smaller --batch, --hidden or --layers, or shorter sequences "
        + "(--max-len, --length, --gap)")
  }
}
