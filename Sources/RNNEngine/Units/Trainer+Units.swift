import Foundation

/// The connectivity the Connectivity view draws, with the weights of one training step.
public struct ProbeConnectivity: Sendable, Equatable {
  /// Held-out predictions the views average by distance, and the inputs each reads.
  public static let distanceSamples = 64
  public static let distanceWindow = 64

  /// The optimizer step whose weights were differentiated.
  public var step: Int
  /// ‖∂ logit_k(t̃) / ∂x_t‖ for every output t̃ of the probe and input t, `[t̃][t]`, k the probe's
  /// target at t̃; a row is empty where the probe has no target (only the last step of a many-to-one task).
  public var norms: [[Float]]
  /// The mean share of a held-out prediction's connectivity at distance d = t̃ − t
  /// (`RecurrentModel.connectivityByDistance`); empty until computed.
  public var byDistance: [Double]
  /// Held-out predictions averaged into `byDistance`.
  public var distanceSamples: Int

  /// Connectivity from its parts.
  public init(step: Int, norms: [[Float]], byDistance: [Double] = [], distanceSamples: Int = 0) {
    self.step = step
    self.norms = norms
    self.byDistance = byDistance
    self.distanceSamples = distanceSamples
  }
}

extension Trainer {
  /// The held-out text as the model reads it and the symbol it is scored on at each position, or
  /// nil when the task does not read text (a language model's next symbol, case correction's cased byte).
  public var heldOutText: (inputs: [Int32], targets: [Int32])? {
    switch task {
    case let languageModel as LanguageModelTask:
      let tokens = languageModel.heldOutText
      return (Array(tokens.dropLast()), Array(tokens.dropFirst()))
    case let caseCorrection as CaseCorrectionTask:
      let cased = caseCorrection.source.heldOutBytes
      return (ByteText.lowercasedASCII(cased).map { Int32($0) }, cased.map { Int32($0) })
    default:
      return nil
    }
  }

  /// Pattern search for the Hidden state view: the units of `request.layer` on throughout
  /// `request.span` of the probe (judged saturated on the held-out text), where in the held-out
  /// text they are on together (at most `matchLimit` places), and every unit's `extremesCount`
  /// strongest places; nil when the task does not read text or the request is outside the probe.
  public func searchUnits(
    _ request: UnitSearchRequest, matchLimit: Int = UnitSearchResult.defaultMatchLimit, extremesCount: Int = 3
  )
    -> UnitSearchResult?
  {
    let probeTokens = task.probe.batch.tokens
    guard model.config.input.usesTokens, let inputs = heldOutText?.inputs, !inputs.isEmpty,
      (0..<model.config.layers).contains(request.layer), !request.span.isEmpty, request.span.lowerBound >= 0,
      request.span.upperBound <= probeTokens.count
    else { return nil }
    let started = Date()
    let heldOut = model.unitActivations(of: inputs, layer: request.layer)
    let probe = model.unitActivations(of: probeTokens, layer: request.layer, rows: 1)
    let threshold = request.threshold ?? PatternSearch.defaultThreshold(heldOut)
    let selected = PatternSearch.selectUnits(
      in: probe, span: request.span, threshold: threshold, background: heldOut)
    let matches = PatternSearch.matches(
      of: selected, in: heldOut, threshold: threshold, minimumShare: UnitSearchResult.minimumShare,
      minimumLength: max(1, request.span.count / 2), limit: matchLimit)
    let seconds = Date().timeIntervalSince(started)
    let extremes = (0..<heldOut.units).map { unit in
      let places = { (positive: Bool) in
        PatternSearch.extremes(of: unit, in: heldOut, positive: positive, count: extremesCount).map {
          (position: $0, value: heldOut[$0, unit])
        }
      }
      return UnitExtremes(positive: places(true), negative: places(false))
    }
    return UnitSearchResult(
      request: request, step: step, threshold: threshold, selected: selected, matches: matches,
      text: inputs.map { task.decode(classIds: [Int($0)]) }, extremes: extremes, seconds: seconds)
  }

  /// The probe's connectivity: for each output t̃ with a target k, ‖∂ logit_k(t̃) / ∂x_t‖ for every
  /// input t, all rows in one batched backward pass; nil for a regression head.
  public func probeConnectivity() -> ProbeConnectivity? {
    guard model.config.head == .classifier else { return nil }
    let probe = task.probe.batch
    let queries: [ConnectivityQuery]
    switch probe.targets {
    case .everyStep(let targets):
      queries = targets.enumerated().map { ConnectivityQuery(position: $0.offset, symbol: Int($0.element)) }
    case .lastStep(let targets):
      queries = [ConnectivityQuery(position: probe.length - 1, symbol: Int(targets[0]))]
    case .regression:
      return nil
    }
    var norms = [[Float]](repeating: [], count: probe.length)
    for (query, row) in zip(queries, model.connectivity(of: probe, queries: queries)) { norms[query.position] = row }
    return ProbeConnectivity(step: step, norms: norms)
  }

  /// The probe's connectivity with the held-out curve by distance, as the Connectivity view draws them.
  public func connectivityForView() -> ProbeConnectivity? {
    guard var connectivity = probeConnectivity() else { return nil }
    let samples = ProbeConnectivity.distanceSamples
    if let curve = heldOutConnectivityByDistance(window: ProbeConnectivity.distanceWindow, samples: samples) {
      connectivity.byDistance = curve
      connectivity.distanceSamples = samples
    }
    return connectivity
  }

  /// The held-out text's mean connectivity by distance (`RecurrentModel.connectivityByDistance`)
  /// over `samples` predictions reading `window` inputs each; nil when the task does not read text,
  /// the head is a regression or the text is shorter than the window.
  public func heldOutConnectivityByDistance(
    window: Int = ProbeConnectivity.distanceWindow, samples: Int = ProbeConnectivity.distanceSamples
  ) -> [Double]? {
    guard model.config.head == .classifier, model.config.input.usesTokens, let text = heldOutText,
      text.inputs.count >= window
    else { return nil }
    return model.connectivityByDistance(inputs: text.inputs, targets: text.targets, window: window, samples: samples)
  }
}
