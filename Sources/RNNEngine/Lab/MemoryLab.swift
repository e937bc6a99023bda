/// `lab --experiment memory`: a vanilla RNN, an LSTM and a GRU of the same size trained on the same
/// next-byte data, then asked how far back their predictions look (Madsen 2019): the mean share
/// of each held-out prediction's connectivity at every distance t̃ − t (`connectivityByDistance`).
public struct MemoryLab {
  /// One trained model's result.
  public struct Pane: Sendable, Equatable {
    /// The cell's name, as the CSV writes it (`rnn`, `lstm`, `gru`).
    public var name: String
    /// Held-out loss after training (nats per byte).
    public var heldOutLoss: Float
    /// Mean connectivity share at distance 0, 1, … (sums to 1).
    public var connectivity: [Double]

    /// The smallest distance by which `share` of the connectivity has been covered.
    public func reach(share: Double) -> Int {
      var covered = 0.0
      for (distance, value) in connectivity.enumerated() {
        covered += value
        if covered >= share { return distance }
      }
      return connectivity.count - 1
    }
  }

  /// The cells compared, in pane order.
  public static let cells: [CellType] = [.rnnTanh, .lstm, .gru]

  /// Hidden units, optimizer steps per model, seed of weights and batches.
  public var hidden: Int
  /// Adam steps each model trains.
  public var steps: Int
  /// Seed of the weights and of the batches (the same for every cell).
  public var seed: UInt64
  /// How many inputs back connectivity reaches (the window each held-out prediction reads).
  public var window: Int
  /// Held-out predictions averaged.
  public var samples: Int

  /// The settings of one comparison.
  public init(hidden: Int, steps: Int, seed: UInt64, window: Int = 64, samples: Int = 256) {
    self.hidden = hidden
    self.steps = steps
    self.seed = seed
    self.window = window
    self.samples = samples
  }

  /// Trains each cell on the built-in corpus (crops of 100 bytes, batch 32, Adam 3e-3) and measures
  /// its connectivity on the held-out text; `progress` hears one line per finished model.
  public func run(progress: (Pane) -> Void = { _ in }) throws -> [Pane] {
    let task = try LanguageModelTask(source: .builtin())
    let heldOut = task.source.heldOutBytes.map { Int32($0) }
    return Self.cells.map { cell in
      let config = TrainingConfig(
        task: .languageModel(task.settings), cell: cell, hidden: hidden, learningRate: 3e-3, clip: 1, epochs: nil,
        seed: seed)
      let trainer = Trainer(config: config, task: task)
      for _ in 0..<steps { _ = trainer.trainStep() }
      let connectivity = trainer.model.connectivityByDistance(
        inputs: Array(heldOut.dropLast()), targets: Array(heldOut.dropFirst()), window: window, samples: samples)
      let pane = Pane(
        name: cell.memoryLabName, heldOutLoss: trainer.evaluateHeldOut().loss, connectivity: connectivity)
      progress(pane)
      return pane
    }
  }
}

extension CellType {
  /// The short name the memory lab's CSV uses.
  fileprivate var memoryLabName: String {
    switch self {
    case .lstm: "lstm"
    case .gru: "gru"
    default: "rnn"
    }
  }
}
