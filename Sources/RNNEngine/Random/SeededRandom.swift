/// A small, fast, seedable random number generator (xoshiro256**), so a seed reproduces a run bit for bit.
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded; this one is seeded through SplitMix64
/// as its authors recommend, and every draw the engine makes goes through it.
public struct SeededRandom: RandomNumberGenerator, Sendable, Equatable, Codable {
  /// The four words of generator state; saved in checkpoints so a resumed run continues the stream.
  public private(set) var state: [UInt64]

  /// A generator whose whole stream is fixed by `seed`.
  public init(seed: UInt64) {
    var splitMix = seed
    var words: [UInt64] = []
    for _ in 0..<4 {
      splitMix &+= 0x9E37_79B9_7F4A_7C15
      var z = splitMix
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      words.append(z ^ (z >> 31))
    }
    state = words
  }

  /// Restores a generator from saved state words.
  public init(state: [UInt64]) {
    precondition(state.count == 4 && state.contains { $0 != 0 }, "xoshiro state is four words, not all zero")
    self.state = state
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotateLeft(state[1] &* 5, 7) &* 9
    let shifted = state[1] << 17
    state[2] ^= state[0]
    state[3] ^= state[1]
    state[1] ^= state[2]
    state[0] ^= state[3]
    state[2] ^= shifted
    state[3] = rotateLeft(state[3], 45)
    return result
  }

  /// A uniform Float in [0, 1) with 24 random bits.
  public mutating func nextUnitFloat() -> Float {
    Float(next() >> 40) * (1.0 / 16_777_216.0)
  }

  /// A uniform Float in [low, high).
  public mutating func uniform(_ low: Float, _ high: Float) -> Float {
    low + (high - low) * nextUnitFloat()
  }

  /// A standard normal draw (Box–Muller, computed in Double).
  public mutating func normal() -> Float {
    var u1 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    if u1 < .leastNormalMagnitude { u1 = .leastNormalMagnitude }
    let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    return Float((-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2))
  }

  /// A uniform integer in `range` (unbiased).
  public mutating func int(in range: Range<Int>) -> Int {
    Int.random(in: range, using: &self)
  }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

#if canImport(Glibc)
  import Glibc
  private func _log(_ x: Double) -> Double { Glibc.log(x) }
  private func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#else
  import Foundation
  private func _log(_ x: Double) -> Double { Foundation.log(x) }
  private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
#endif
