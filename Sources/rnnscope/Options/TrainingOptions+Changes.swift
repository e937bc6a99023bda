extension TrainingOptions {
  /// The flags given with a value other than their default, by name (`--cell`, `--lr`, …).
  var changedFlags: [String] {
    guard let defaults = try? Self.parse([]) else { return [] }
    let flags: [(String, Bool)] = [
      ("--task", task != defaults.task), ("--text", text != defaults.text), ("--cell", cell != defaults.cell),
      ("--hidden", hidden != defaults.hidden), ("--layers", layers != defaults.layers),
      ("--embedding", embedding != defaults.embedding), ("--optimizer", optimizer != defaults.optimizer),
      ("--lr", learningRate != defaults.learningRate), ("--momentum", momentum != defaults.momentum),
      ("--clip", clip != defaults.clip), ("--bptt", bptt != defaults.bptt), ("--batch", batch != defaults.batch),
      ("--epochs", epochs != defaults.epochs), ("--steps-per-epoch", stepsPerEpoch != defaults.stepsPerEpoch),
      ("--seed", seed != defaults.seed), ("--initialization", initialization != defaults.initialization),
      ("--scale", scale != defaults.scale), ("--forget-bias", forgetBias != defaults.forgetBias),
      ("--probe", probe != defaults.probe), ("--min-len", minLen != defaults.minLen),
      ("--max-len", maxLen != defaults.maxLen), ("--mask-padding", maskPadding != defaults.maskPadding),
      ("--gap", gap != defaults.gap), ("--length", length != defaults.length),
    ]
    return flags.filter(\.1).map(\.0)
  }
}
