/// Where a model's next trace starts its iterations, per layer: where the last trace ended.
///
/// The trace measures σ_max(W_hh) by power iteration and every step's ‖∂h_t/∂h_{t−1}‖₂ by
/// Lanczos. Between two traces the live session takes only a few optimizer steps, so the
/// directions barely move; starting from them (as spectral normalisation does, Miyato et al.
/// 2018) ends in a round or two where a cold start needs up to 200 (σ_max) power rounds and
/// several Lanczos products per step.
///
/// It belongs to whoever traces a model again and again (the live session's `Trainer`, a
/// benchmark), not to the model: they pass it `inout` to `probe`, `trace` and
/// `trainStep(tracing:)`, which start from it and leave the new trace's directions in it. An
/// empty one, `TraceWarmStart()`, starts cold, as a one-off trace does.
public struct TraceWarmStart: Sendable {
  /// One layer's starts.
  struct Layer {
    /// σ_max(W_hh) and its right singular vector `(H)`: a converged start stops after one round.
    var spectral: (value: Float, rightVector: [Float])
    /// The input direction each step's Jacobian norm was taken along `(T, H)`, for a probe of the same length.
    var jacobianDirections: [Float]
  }

  /// Per recurrence (`ModelConfig.recurrences`): empty until a trace has ended.
  var layers: [Int: Layer] = [:]

  /// No starts: the next trace starts cold.
  public init() {}

  /// The starts a trace's stability measures leave for the next trace: where each layer's ended.
  init(endingAt measures: [StabilityMeasures.Layer]) {
    for (layer, found) in measures.enumerated() {
      layers[layer] = Layer(spectral: found.spectral, jacobianDirections: found.directions)
    }
  }
}
