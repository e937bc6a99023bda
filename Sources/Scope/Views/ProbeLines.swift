import RNNEngine
import TermCanvas

/// The probe's input, the target and the model's current output, each output symbol green when right.
struct ProbeLines {
  let snapshot: TrainingSnapshot

  func render(in rect: Rect, on grid: inout Grid) {
    let probe = snapshot.task.probe
    let predicted = snapshot.trace.topK.map { $0.first?.id ?? 0 }
    let labelWidth = 8
    let lines: [(String, [Span])] = [
      ("input", [Span(Self.printable(probe.inputText))]),
      ("target", [Span(Self.printable(probe.targetText))]),
      ("output", outputSpans(predicted: predicted, targets: probe.targetLabels)),
    ]
    for (index, line) in lines.enumerated() where index < rect.height {
      let y = rect.y + index
      grid.put(line.0, truncatingIn: Rect(x: rect.x, y: y, width: labelWidth, height: 1), style: Theme.label)
      Text(lines: [line.1]).render(
        in: Rect(x: rect.x + labelWidth, y: y, width: rect.width - labelWidth, height: 1), on: &grid)
    }
    if lines.count < rect.height, let hint = Self.chanceHint(snapshot) {
      grid.put(
        hint, truncatingIn: Rect(x: rect.x, y: rect.y + lines.count, width: rect.width, height: 1), style: Theme.dim)
    }
  }

  /// What to try while recall sits at chance after a few epochs: its gradient has to cross the gap.
  static func chanceHint(_ snapshot: TrainingSnapshot) -> String? {
    guard snapshot.task.kind == .recall, snapshot.epochs.count >= 2,
      let accuracy = snapshot.epochs.last?.heldOut.accuracy,
      accuracy < 2 / Float(RecallTask.payloadCount)
    else { return nil }
    return "At chance (1 in \(RecallTask.payloadCount)): the gradient must survive the whole gap. "
      + "Try --forget-bias 3 with an LSTM, or the lab (6, e to arch, f forget bias 3)."
  }

  /// One span per predicted symbol: green when it equals the target's, red otherwise; a regression
  /// head's value with its error.
  private func outputSpans(predicted: [Int], targets: [String]) -> [Span] {
    let outputs = snapshot.trace.regressionOutputs
    if !outputs.isEmpty {
      let target = Float(targets.first ?? "") ?? .nan
      let error = (outputs.first ?? .nan) - target
      return [
        Span(outputs.map { Format.fixed($0, decimals: 3) }.joined(separator: " "), style: Theme.value),
        Span("   error " + Format.fixed(error, decimals: 3), style: Theme.dim),
      ]
    }
    let task = snapshot.task
    let separator = task.kind.readsText ? "" : " "
    return predicted.enumerated().map { index, id in
      let name = Self.printable(task.decode(classIds: [id]))
      let right = index < targets.count && task.outputName(id) == targets[index]
      return Span(
        name + (index + 1 < predicted.count ? separator : ""), style: Style(fg: right ? Theme.good : Theme.bad))
    }
  }

  /// A symbol name in quotes, unless it is already a word like `NUL` or `p3`.
  static func quoted(_ name: String) -> String {
    let visible = printable(name)
    return visible.count == 1 ? "'\(visible)'" : visible
  }

  /// Text with control characters made visible (NUL as `·`, newline as `⏎`) so columns stay aligned.
  static func printable(_ text: String) -> String {
    String(
      text.unicodeScalars.map { scalar -> Character in
        switch scalar.value {
        case 0: "·"
        case 10: "⏎"
        case 9: "⇥"
        case 1..<32, 127: "�"
        default: Character(scalar)
        }
      })
  }
}
