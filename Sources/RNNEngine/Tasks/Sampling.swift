#if canImport(Glibc)
  import Glibc
#else
  import Foundation
#endif

/// Draws the next symbol from a model's output logits, for generating text from a language model.
///
/// `temperature` divides the logits before the softmax: below 1 sharpens the distribution, above 1
/// flattens it, and 0 or less means greedy (the arg max, first index on ties). `topK` keeps only the
/// `k` largest logits (nil keeps all). NaN logits count as minus infinity. Independent of the engine:
/// it only needs the logits and a generator.
public func sampleIndex(logits: [Float], temperature: Float, topK: Int?, rng: inout SeededRandom) -> Int {
  precondition(!logits.isEmpty, "sampling needs at least one logit")
  let scores = logits.map { $0.isNaN ? -Float.infinity : $0 }
  let ranked = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
  let largest = Double(scores[ranked[0]])
  if temperature <= 0 || !largest.isFinite { return ranked[0] }
  let candidates = ranked.prefix(min(max(topK ?? scores.count, 1), scores.count))
  // Softmax in Double, shifted by the largest logit so exp never overflows.
  let weights = candidates.map { exp((Double(scores[$0]) - largest) / Double(temperature)) }
  let total = weights.reduce(0, +)
  var threshold = Double(rng.next() >> 11) * (1.0 / 9_007_199_254_740_992.0) * total
  for (index, weight) in zip(candidates, weights) {
    threshold -= weight
    if threshold < 0 { return index }
  }
  return candidates[candidates.endIndex - 1]  // only reached through rounding in the sum
}
