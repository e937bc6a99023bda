/// The views of the TUI; `tabs(for:)` gives the tab order of each kind of model.
public enum ViewID: Int, CaseIterable, Sendable {
  case unrolled = 1
  case hidden, gates, gradients, training, lab
  /// The encoder–decoder's views.
  case attention, encoderDecoder
  /// How far back each prediction looks (a recurrent model's).
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
    case .attention: "Attention"
    case .encoderDecoder: "Encoder–decoder"
    case .connectivity: "Connectivity"
    }
  }

  /// The tab's name where the full names do not fit (an encoder–decoder's seven tabs at 80 columns).
  var shortTitle: String {
    switch self {
    case .hidden: "Hidden"
    case .encoderDecoder: "Enc–dec"
    case .connectivity: "Connect"
    default: title
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
    case .attention: AttentionView.hint
    case .encoderDecoder: EncoderDecoderView.hint
    case .connectivity:
      "←/→ the prediction t̃ · shading: ‖∂logit_k(t̃)/∂x_t‖, how strongly it depends on each input · below: over the held-out text"
    }
  }

  /// The tabs a model of `kind` shows, in order: key 1 opens the first.
  public static func tabs(for kind: ModelKind) -> [ViewID] {
    switch kind {
    case .recurrent: [.unrolled, .hidden, .gates, .gradients, .training, .lab, .connectivity]
    case .encoderDecoder: [.attention, .encoderDecoder, .hidden, .gates, .gradients, .training, .lab]
    }
  }

  /// The tab after this one in `tabs` (Tab), wrapping around.
  func next(in tabs: [ViewID]) -> ViewID {
    tabs.firstIndex(of: self).map { tabs[($0 + 1) % tabs.count] } ?? tabs[0]
  }

  /// The tab before this one in `tabs` (Shift-Tab), wrapping around.
  func previous(in tabs: [ViewID]) -> ViewID {
    tabs.firstIndex(of: self).map { tabs[($0 + tabs.count - 1) % tabs.count] } ?? tabs[0]
  }
}

/// The kind of model a session trains, which decides the tabs.
public enum ModelKind: Sendable, Equatable {
  /// An RNN, LSTM or GRU reading one sequence (`TrainingSnapshot`).
  case recurrent
  /// An encoder–decoder (`Seq2SeqSessionSnapshot`).
  case encoderDecoder
}
