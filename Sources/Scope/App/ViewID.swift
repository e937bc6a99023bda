/// The views of the TUI, in tab order.
public enum ViewID: Int, CaseIterable, Sendable {
  case unrolled = 1
  case hidden, gates, gradients, training, lab
  case connectivity

  /// The tab's name.
  public var title: String {
    switch self {
    case .unrolled: "Unrolled"
    case .hidden: "Hidden state"
    case .gates: "Gates"
    case .gradients: "Gradients"
    case .training: "Training"
    case .lab: "Lab"
    case .connectivity: "Connectivity"
    }
  }

  /// The one-line hint shown under the view.
  public var hint: String {
    switch self {
    case .unrolled: "←/→ step through time · a animate forward then backward · L layer"
    case .hidden:
      "←/→ time · ↑/↓ unit · L layer · v…v mark a span and search · shift+←/→ extend · < > threshold · m M Enter matches · Esc clear"
    case .gates:
      "←/→ time · ↑/↓ unit · below: the selected unit's gates over time; right: how often each gate is shut or open"
    case .gradients:
      "‖∂L/∂h_t‖ flows right to left, shrinking or growing by the step factor ‖∂h_t/∂h_{t−1}‖ · c clipping"
    case .training: "[ ] halve/double learning rate · c clipping · +/- speed · the probe after every epoch"
    case .lab: "e experiment · f forget bias 3/off · g G halve/double the gap · i init/now · space pause · r restart"
    case .connectivity:
      "←/→ the prediction t̃ · shading: ‖∂logit_k(t̃)/∂x_t‖, how strongly it depends on each input · below: over the held-out text"
    }
  }

  /// The next view (Tab), wrapping around.
  var next: ViewID { ViewID(rawValue: rawValue % ViewID.allCases.count + 1) ?? .unrolled }
  /// The previous view (Shift-Tab), wrapping around.
  var previous: ViewID {
    ViewID(rawValue: (rawValue + ViewID.allCases.count - 2) % ViewID.allCases.count + 1) ?? .unrolled
  }
}
