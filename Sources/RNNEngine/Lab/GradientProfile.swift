#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How the gradient of the last step's loss fades or grows going back in time, at one moment of training.
///
/// The lab's tasks score the last step only, so the backward record's total dL/dh_t is exactly
/// ∂L_T/∂h_t. Distance d counts steps back from the scored step: d = T − 1 − t.
public struct GradientProfile: Sendable, Equatable {
  /// Optimizer steps taken when it was computed (0: at initialisation).
  public var step: Int
  /// `[T]`: entry d is ‖∂L_T/∂h_{T−1−d}‖, the Frobenius norm over the probe batch's `(B, H)` slice.
  public var norms: [Float]
  /// The fitted per-step factor: exp of the least-squares slope of log ‖∂L_T/∂h_t‖ against d.
  public var factor: Float
  /// Pascanu et al.'s bound on the per-step factor, γ·σ_max(W_hh); nil for gated cells, where it does not apply.
  public var bound: Float?

  /// A profile from norms already computed (index = distance); the factor is fitted here.
  public init(step: Int, norms: [Float], bound: Float?) {
    self.step = step
    self.norms = norms
    self.factor = Self.fittedFactor(norms)
    self.bound = bound
  }

  /// exp(slope) of the least-squares line through (d, ln norms[d]); NaN with fewer than two usable points.
  ///
  /// Zero and non-finite norms are left out: a ReLU pane can cut the gradient to exactly 0, whose log is −∞.
  public static func fittedFactor(_ norms: [Float]) -> Float {
    let points = norms.enumerated().compactMap { distance, norm -> (x: Double, y: Double)? in
      norm.isFinite && norm > 0 ? (Double(distance), log(Double(norm))) : nil
    }
    guard points.count >= 2 else { return .nan }
    let meanX = points.reduce(0) { $0 + $1.x } / Double(points.count)
    let meanY = points.reduce(0) { $0 + $1.y } / Double(points.count)
    var covariance = 0.0
    var variance = 0.0
    for point in points {
      covariance += (point.x - meanX) * (point.y - meanY)
      variance += (point.x - meanX) * (point.x - meanX)
    }
    return Float(exp(covariance / variance))
  }
}

extension RecurrentModel {
  /// Runs `batch` (last-step targets) forward and backward, leaving `gradients` alone, and measures the gradient
  /// profile of the top layer; also returns the forward record for further measurements (gate saturation).
  func gradientProfile(on batch: Batch, step: Int) -> (profile: GradientProfile, record: ForwardRecord) {
    if case .everyStep = batch.targets { preconditionFailure("the profile needs a loss at the last step only") }
    let record = forward(batch)
    var scratch = [Float](repeating: 0, count: layout.totalCount)
    let backwardRecord = backward(record, truncation: nil, into: &scratch)
    let length = record.length
    let stepSize = record.batchSize * config.hidden
    let dh = backwardRecord.dhTotal[config.recurrences - config.directions]  // (T, B, H)
    let norms = (0..<length).map { distance -> Float in
      let start = (length - 1 - distance) * stepSize
      var sum = 0.0
      for value in dh[start..<(start + stepSize)] { sum += Double(value) * Double(value) }
      return Float(sum.squareRoot())
    }
    return (GradientProfile(step: step, norms: norms, bound: recurrentBound), record)
  }

  /// γ·σ_max(W_hh) of the top layer for the plain RNN cells; nil for the LSTM and GRU.
  var recurrentBound: Float? {
    guard config.cell.gateCount == 1 else { return nil }
    let offset = layerOffsets[config.recurrences - config.directions].weightHH
    let sigma = parameters.withBase { params in
      SpectralNorm.largestSingularValue(of: params + offset, rows: config.hidden, columns: config.hidden)
    }
    return config.cell.derivativeBound * sigma
  }
}
