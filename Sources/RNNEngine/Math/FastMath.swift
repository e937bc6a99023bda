/// Vectorisable `exp`, logistic and `tanh` for the elementwise loops.
///
/// libm's `expf` is a function call the compiler cannot vectorise; at H = 32 the gate
/// activations would cost more than the matrix products. These use Cody–Waite range reduction
/// and a degree-6 polynomial (max relative error ≈ 2 ulp on the clamped range) built only from
/// arithmetic and bit operations, so loops over them compile to SIMD code.
enum FastMath {
  /// e^x for Float, accurate to a few ulp; clamps x to [−87.3, 88.7] (no infinities or denormals).
  @inline(__always)
  static func exp(_ x: Float) -> Float {
    let clamped = Swift.min(Swift.max(x, -87.3), 88.7)
    // n = round(x / ln 2) via the 1.5·2^23 trick (works without SSE4.1 rounding instructions).
    let shifter: Float = 12_582_912
    let shifted = clamped * 1.442_695_04 + shifter
    let n = shifted - shifter
    // r = x − n·ln2 in two parts so r keeps full precision; |r| ≤ ln2 / 2.
    let r = (clamped - n * 0.693_145_75) - n * 1.428_606_8e-6
    // e^r by Horner on the Taylor coefficients (enough for |r| ≤ 0.35).
    var p: Float = 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    // 2^n assembled from the integer sitting in the low mantissa bits of `shifted`.
    let exponentBits = (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23
    return p * Float(bitPattern: exponentBits)
  }

  /// The logistic function 1 / (1 + e^−x).
  @inline(__always)
  static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

  /// tanh x = 1 − 2 / (e^{2x} + 1); absolute error ≈ 1e-7 everywhere.
  @inline(__always)
  static func tanh(_ x: Float) -> Float { 1 - 2 / (exp(2 * x) + 1) }

  /// Applies the logistic function in place to `count` floats.
  static func sigmoid(_ values: UnsafeMutablePointer<Float>, count: Int) {
    for index in 0..<count { values[index] = sigmoid(values[index]) }
  }

  /// Applies tanh in place to `count` floats.
  static func tanh(_ values: UnsafeMutablePointer<Float>, count: Int) {
    for index in 0..<count { values[index] = tanh(values[index]) }
  }
}

extension FastMath {
  /// Σ values, in eight interleaved partial sums so the loop runs in SIMD lanes.
  static func sum(_ values: UnsafePointer<Float>, count: Int) -> Float {
    var partial = SIMD8<Float>()
    let whole = count / 8 * 8
    let raw = UnsafeRawPointer(values)
    for start in stride(from: 0, to: whole, by: 8) {
      partial += raw.loadUnaligned(fromByteOffset: start * 4, as: SIMD8<Float>.self)
    }
    var total = partial.sum()
    for index in whole..<count { total += values[index] }
    return total
  }

  /// Σ values², in eight interleaved partial sums like `sum`.
  static func sumOfSquares(_ values: UnsafePointer<Float>, count: Int) -> Float { dot(values, values, count: count) }

  /// Σ x·y, in eight interleaved partial sums like `sum`.
  static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
    var partial = SIMD8<Float>()
    let whole = count / 8 * 8
    let (rawX, rawY) = (UnsafeRawPointer(x), UnsafeRawPointer(y))
    for start in stride(from: 0, to: whole, by: 8) {
      partial +=
        rawX.loadUnaligned(fromByteOffset: start * 4, as: SIMD8<Float>.self)
        * rawY.loadUnaligned(fromByteOffset: start * 4, as: SIMD8<Float>.self)
    }
    var total = partial.sum()
    for index in whole..<count { total += x[index] * y[index] }
    return total
  }

  /// max values (count ≥ 1), eight lanes at a time (a scalar max loop does not vectorise).
  static func maximum(_ values: UnsafePointer<Float>, count: Int) -> Float {
    let whole = count / 8 * 8
    var result = values[0]
    if whole > 0 {
      let raw = UnsafeRawPointer(values)
      var lanes = raw.loadUnaligned(as: SIMD8<Float>.self)
      for start in stride(from: 8, to: whole, by: 8) {
        let next = raw.loadUnaligned(fromByteOffset: start * 4, as: SIMD8<Float>.self)
        lanes.replace(with: next, where: next .> lanes)
      }
      for lane in 0..<8 where lanes[lane] > result { result = lanes[lane] }
    }
    for index in whole..<count where values[index] > result { result = values[index] }
    return result
  }
}
