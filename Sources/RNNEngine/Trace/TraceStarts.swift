/// Where the next trace's power iterations start, for one layer: where the last ones converged.
///
/// The trace measures σ_max(W_hh) and every step's ‖∂h_t/∂h_{t−1}‖₂ by power iteration. Between
/// two traces the live session takes only a few optimizer steps, so the directions barely move;
/// starting from them (as spectral normalisation does, Miyato et al. 2018) ends in a round or two
/// where a cold start needs up to 20 (Jacobians) and 200 (σ_max) rounds. The previous estimates
/// come along too: an iteration stops once its estimate stops moving, and comparing the first
/// round with them lets a start that is already converged stop after that round.
struct TraceStarts {
  /// σ_max(W_hh) and its right singular vector `(H)`.
  var spectral: (value: Float, rightVector: [Float])
  /// Each step's ‖∂h_t/∂h_{t−1}‖₂ `(T)` and the input direction it was measured along `(T, H)`,
  /// for a probe of the same length.
  var jacobian: (norms: [Float], directions: [Float])
}
