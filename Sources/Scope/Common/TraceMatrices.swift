import RNNEngine

/// Reshapes the trace's `[step][unit]` values into the `units × steps` matrices the heatmaps draw.
enum TraceMatrices {
  /// Row u, column t = values[t][u]: one row per unit, one column per step.
  static func unitsByTime(_ values: StepValues) -> [[Float]] {
    (0..<values.width).map { unit in values.map { $0[unit] } }
  }

  /// Columns a unit-by-step heatmap gives each step: two when every step fits so beside the unit
  /// labels, else one.
  static func stepColumns(steps: Int, width: Int) -> Int {
    let unitLabelColumns = 5
    return steps * 2 + unitLabelColumns <= width ? 2 : 1
  }

  /// One label character per step, taken from the task's names for the probe's inputs.
  static func stepLabels(_ snapshot: TrainingSnapshot) -> [Character] {
    snapshot.task.probe.inputLabels.map { label in
      label == "NUL" ? "·" : ProbeLines.printable(label).first ?? " "
    }
  }

  /// L2 norm of each step's vector.
  static func norms(_ values: StepValues) -> [Float] { values.map(norm) }

  /// L2 norm of one step's vector.
  static func norm(_ row: StepValues.Row) -> Float { row.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
