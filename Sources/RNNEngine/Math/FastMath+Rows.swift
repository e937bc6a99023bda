/// One vector against many rows of a matrix whose rows lie `rowStride` floats apart: attention's
/// scores and weighted sums over one sequence of a time-major `(S, B, D)` batch (its rows are
/// B·D floats apart).
///
/// Each result is bit for bit what the plain loops give (`dot` per row; a loop over the rows in
/// order adding `weight · row` to each element); the kernels only reorder the work so that the
/// additions of different rows and columns run side by side in SIMD registers.
extension FastMath {
  /// `results[j] = x · row_j` for the `count` rows `row_j = rows + j·rowStride`, each `width` wide,
  /// equal to `dot(x, row_j, count: width)`. Four rows at a time: each chunk of x is loaded once for
  /// four rows, and four independent sums hide the latency of the additions.
  static func dots(
    _ x: UnsafePointer<Float>, rows: UnsafePointer<Float>, rowStride: Int, count: Int, width: Int,
    into results: UnsafeMutablePointer<Float>
  ) {
    let wholeBytes = width / 8 * 8 * MemoryLayout<Float>.stride
    let rawX = UnsafeRawPointer(x)
    var j = 0
    while j + 4 <= count {
      let row0 = rows + j * rowStride
      let (row1, row2, row3) = (row0 + rowStride, row0 + 2 * rowStride, row0 + 3 * rowStride)
      let (raw0, raw1, raw2, raw3) = (
        UnsafeRawPointer(row0), UnsafeRawPointer(row1), UnsafeRawPointer(row2), UnsafeRawPointer(row3)
      )
      var (sum0, sum1, sum2, sum3) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
      for offset in stride(from: 0, to: wholeBytes, by: 32) {
        let chunk = rawX.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        sum0 += chunk * raw0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        sum1 += chunk * raw1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        sum2 += chunk * raw2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        sum3 += chunk * raw3.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
      }
      var (total0, total1, total2, total3) = (sum0.sum(), sum1.sum(), sum2.sum(), sum3.sum())
      for index in (width / 8 * 8)..<width {
        total0 += x[index] * row0[index]
        total1 += x[index] * row1[index]
        total2 += x[index] * row2[index]
        total3 += x[index] * row3[index]
      }
      (results[j], results[j + 1], results[j + 2], results[j + 3]) = (total0, total1, total2, total3)
      j += 4
    }
    for last in j..<count { results[last] = dot(x, rows + last * rowStride, count: width) }
  }

  /// `y += Σ_j weights[j] · row_j` over the `count` rows as in `dots`, each element adding the rows
  /// in order j = 0, 1, …. Thirty-two columns at a time stay in registers while the rows stream by.
  static func addWeightedRows(
    _ weights: UnsafePointer<Float>, rows: UnsafePointer<Float>, rowStride: Int, count: Int, width: Int,
    into y: UnsafeMutablePointer<Float>
  ) {
    let rawRows = UnsafeRawPointer(rows)
    let rawY = UnsafeMutableRawPointer(y)
    let bytesPerRow = rowStride * MemoryLayout<Float>.stride
    var column = 0
    while column + 32 <= width {
      let start = column * MemoryLayout<Float>.stride
      var sums = (
        rawY.loadUnaligned(fromByteOffset: start, as: SIMD8<Float>.self),
        rawY.loadUnaligned(fromByteOffset: start + 32, as: SIMD8<Float>.self),
        rawY.loadUnaligned(fromByteOffset: start + 64, as: SIMD8<Float>.self),
        rawY.loadUnaligned(fromByteOffset: start + 96, as: SIMD8<Float>.self)
      )
      for j in 0..<count {
        let weight = SIMD8<Float>(repeating: weights[j])
        let offset = j * bytesPerRow + start
        sums.0 += weight * rawRows.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        sums.1 += weight * rawRows.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
        sums.2 += weight * rawRows.loadUnaligned(fromByteOffset: offset + 64, as: SIMD8<Float>.self)
        sums.3 += weight * rawRows.loadUnaligned(fromByteOffset: offset + 96, as: SIMD8<Float>.self)
      }
      rawY.storeBytes(of: sums.0, toByteOffset: start, as: SIMD8<Float>.self)
      rawY.storeBytes(of: sums.1, toByteOffset: start + 32, as: SIMD8<Float>.self)
      rawY.storeBytes(of: sums.2, toByteOffset: start + 64, as: SIMD8<Float>.self)
      rawY.storeBytes(of: sums.3, toByteOffset: start + 96, as: SIMD8<Float>.self)
      column += 32
    }
    for remaining in column..<width {
      var sum = y[remaining]
      for j in 0..<count { sum += weights[j] * rows[j * rowStride + remaining] }
      y[remaining] = sum
    }
  }
}
