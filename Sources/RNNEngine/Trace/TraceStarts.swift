/// Where the next trace's iterations start, for one layer: where the last ones ended.
///
/// The trace measures σ_max(W_hh) by power iteration and every step's ‖∂h_t/∂h_{t−1}‖₂ by
/// Lanczos. Between two traces the live session takes only a few optimizer steps, so the
/// directions barely move; starting from them (as spectral normalisation does, Miyato et al.
/// 2018) ends in a round or two where a cold start needs up to 200 (σ_max) power rounds and
/// several Lanczos products per step.
struct TraceStarts {
  /// σ_max(W_hh) and its right singular vector `(H)`: a converged start stops after one round.
  var spectral: (value: Float, rightVector: [Float])
  /// The input direction each step's Jacobian norm was taken along `(T, H)`, for a probe of the same length.
  var jacobianDirections: [Float]
}
