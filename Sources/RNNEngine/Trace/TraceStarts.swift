/// Where the next trace's power iterations start, for one layer: where the last ones converged.
///
/// The trace measures σ_max(W_hh) and every step's ‖∂h_t/∂h_{t−1}‖₂ by power iteration. Between
/// two traces the live session takes only a few optimizer steps, so the directions barely move;
/// starting from them (as spectral normalisation does, Miyato et al. 2018) ends in a round or two
/// where a cold start needs up to 20 (Jacobians) and 200 (σ_max) rounds.
struct TraceStarts {
  /// W_hh's top right singular vector `(H)`.
  var rightSingularVector: [Float]
  /// Each step's top input direction of ∂h_t/∂h_{t−1} `(T, H)`, for a probe of the same length.
  var jacobianDirections: [Float]
}
