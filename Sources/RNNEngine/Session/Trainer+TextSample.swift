extension Trainer {
  /// Symbols a sample holds after its prime: about three lines at 80 columns.
  public static let sampleLength = 200
  /// The prime is the probe's start up to its last space within this many symbols (a whole word or two).
  static let samplePrimeLimit = 24

  /// A sample the model writes now at `temperature`, or nil when the task is not a language model.
  ///
  /// The draw is seeded with the run's seed, so the same weights and temperature always write the
  /// same text, and it uses its own random stream: sampling never changes the batches training draws.
  public func textSample(temperature: Float) -> TextSample? {
    guard task.kind == .languageModel else { return nil }
    let prime = samplePrime
    var rng = SeededRandom(seed: config.seed)
    guard
      let generated = try? TextGeneration.sample(
        from: model, prime: prime, length: Self.sampleLength, temperature: temperature, topK: nil, rng: &rng)
    else { return nil }
    return TextSample(
      temperature: temperature, step: step, prime: task.decode(classIds: prime.map(Int.init)),
      generated: task.decode(classIds: generated.map(Int.init)))
  }

  /// The start of the probe, cut after its last space within `samplePrimeLimit` symbols (or at the limit).
  var samplePrime: [Int32] {
    let start = task.probe.batch.tokens.prefix(Self.samplePrimeLimit)
    guard let space = (0..<task.outputs).first(where: { task.symbolName($0) == " " }).map(Int32.init) else {
      return Array(start)
    }
    guard let lastSpace = start.lastIndex(of: space), lastSpace > start.startIndex else { return Array(start) }
    return Array(start[...lastSpace])
  }
}
