import CKernels

/// σ_max(W_hh) and every step's ‖∂h_t/∂h_{t−1}‖₂ for one sequence of a record, in every layer:
/// the trace's stability measures.
///
/// Each layer's σ_max is a piece of work, and every step's norm is a problem of its own
/// (`RecurrentModel.stepJacobianNorms`), so the threads split the steps, each one share of every
/// layer's (large shares keep the products efficient, above all where they go through BLAS).
///
/// Both iterations start where the previous trace's ended (`TraceWarmStart`): σ_max's from its
/// vector, each step's norm from the direction it was taken along. A layer with no previous
/// directions for this length starts every step from W_hh's top right singular vector plus a
/// little seeded noise that keeps every direction reachable, so its σ_max comes first, here.
///
/// `params` must stay valid until `finish` returns: create and finish inside one access to the
/// model's parameters, which nothing may change in between.
final class StabilityMeasures: @unchecked Sendable {
  /// What the measures found in one layer.
  struct Layer {
    /// σ_max(W_hh) and its unit right singular vector `(H)`.
    var spectral: (value: Float, rightVector: [Float])
    /// ‖∂h_t/∂h_{t−1}‖₂ `(T)`.
    var norms: [Float]
    /// The unit directions `(T, H)` the norms were taken along.
    var directions: [Float]
  }

  private let model: RecurrentModel
  private let record: ForwardRecord
  private let sequence: Int
  private let params: UnsafePointer<Float>
  /// Layers whose σ_max is still to be found (those that started from a previous trace's directions).
  private let spectralPieces: [Int]
  /// Per layer: W_hh made ready for the Jacobian's products.
  private let products: [JacobianProducts]
  /// Per layer: where σ_max's power iteration starts (the previous trace's pair), if anywhere.
  private let spectralStarts: [(value: Float, rightVector: [Float])?]
  /// Per layer `(T, H)`: where each step's Lanczos iteration starts.
  private let jacobianStarts: [[Float]]
  /// What the pieces find, each in its own place: per layer σ_max `(L)` and its right vector
  /// `(L, H)`, the norms `(L, T)` and the directions they were taken along `(L, T, H)`.
  private let spectralValues: UnsafeMutablePointer<Float>
  private let spectralVectors: UnsafeMutablePointer<Float>
  private let norms: UnsafeMutablePointer<Float>
  private let directions: UnsafeMutablePointer<Float>

  /// The measures of sequence `sequence` of `record`, for `model` whose parameters start at
  /// `params`, their iterations started from `warmStart`.
  init(
    _ model: RecurrentModel, record: ForwardRecord, sequence: Int, params: UnsafePointer<Float>,
    startingFrom warmStart: TraceWarmStart
  ) {
    let layers = model.config.recurrences
    let length = record.length
    let hidden = model.config.hidden
    (self.model, self.record, self.sequence, self.params) = (model, record, sequence, params)
    spectralValues = .allocate(capacity: layers)
    spectralVectors = .allocate(capacity: layers * hidden)
    norms = .allocate(capacity: max(layers * length, 1))
    directions = .allocate(capacity: max(layers * length * hidden, 1))
    products = (0..<layers).map { model.jacobianProducts(layer: $0, params: params, rows: length) }

    var spectralPieces: [Int] = []
    var spectralStarts: [(value: Float, rightVector: [Float])?] = []
    var jacobianStarts: [[Float]] = []
    for layer in 0..<layers {
      let previous = warmStart.layers[layer]
      spectralStarts.append(previous?.spectral)
      if let warm = previous?.jacobianDirections, warm.count == length * hidden {
        spectralPieces.append(layer)
        jacobianStarts.append(warm)
        continue
      }
      // No directions to start from: W_hh's, which need σ_max first.
      let spectral = Self.spectralNorm(model, layer: layer, params: params, start: previous?.spectral)
      Self.store(spectral, layer: layer, hidden: hidden, values: spectralValues, vectors: spectralVectors)
      var random = SeededRandom(seed: 0x5EED)
      let noise = 0.1 / Float(hidden).squareRoot()  // a normal H-vector has length ≈ √H: noise of length ≈ 0.1
      jacobianStarts.append((0..<(length * hidden)).map { spectral.rightVector[$0 % hidden] + noise * random.normal() })
    }
    (self.spectralPieces, self.spectralStarts, self.jacobianStarts) = (spectralPieces, spectralStarts, jacobianStarts)
  }

  deinit {
    spectralValues.deallocate()
    spectralVectors.deallocate()
    norms.deallocate()
    directions.deallocate()
  }

  /// Measures what is left, every thread one share of every layer's steps; returns what every
  /// layer's pieces found.
  func finish() -> [Layer] {
    let layerCount = model.config.recurrences
    let length = record.length
    let hidden = model.config.hidden
    let minimumPerPart = 8
    let parts = max(1, min(Parallel.threadCount, length / minimumPerPart))
    Parallel.forEachPart(parts) { part, parts in
      for (index, layer) in spectralPieces.enumerated() where index % parts == part {
        measureSpectralNorm(layer: layer)
      }
      for layer in 0..<layerCount {
        let share = (length * part / parts)..<(length * (part + 1) / parts)
        if !share.isEmpty { measureJacobianNorms(layer: layer, steps: share) }
      }
    }
    for layerProducts in products {
      layerProducts.tangent.recycle(into: model.pool)
      layerProducts.backward.recycle(into: model.pool)
    }
    return (0..<layerCount).map { layer in
      Layer(
        spectral: (
          spectralValues[layer], Array(UnsafeBufferPointer(start: spectralVectors + layer * hidden, count: hidden))
        ),
        norms: Array(UnsafeBufferPointer(start: norms + layer * length, count: length)),
        directions: Array(UnsafeBufferPointer(start: directions + layer * length * hidden, count: length * hidden)))
    }
  }

  private func measureSpectralNorm(layer: Int) {
    let spectral = Self.spectralNorm(model, layer: layer, params: params, start: spectralStarts[layer])
    Self.store(spectral, layer: layer, hidden: model.config.hidden, values: spectralValues, vectors: spectralVectors)
  }

  private func measureJacobianNorms(layer: Int, steps: Range<Int>) {
    let hidden = model.config.hidden
    let length = record.length
    let jacobians = StepJacobians(
      record: record, layer: layer, sequence: sequence, steps: steps, cell: model.config.cell)
    let found = model.stepJacobianNorms(
      jacobians, products: products[layer], weightHH: params + model.layerOffsets[layer].weightHH,
      start: Array(jacobianStarts[layer][(steps.lowerBound * hidden)..<(steps.upperBound * hidden)]))
    (norms + layer * length + steps.lowerBound).update(from: found.norms, count: steps.count)
    (directions + (layer * length + steps.lowerBound) * hidden).update(
      from: found.directions, count: steps.count * hidden)
  }

  /// σ_max of layer `layer`'s W_hh `(G·H, H)` and its right vector, from `start` when there is one.
  private static func spectralNorm(
    _ model: RecurrentModel, layer: Int, params: UnsafePointer<Float>, start: (value: Float, rightVector: [Float])?
  ) -> (value: Float, rightVector: [Float]) {
    let hidden = model.config.hidden
    return SpectralNorm.largestSingularPair(
      of: params + model.layerOffsets[layer].weightHH, rows: model.config.cell.gateCount * hidden, columns: hidden,
      tolerance: 1e-4, start: start)
  }

  private static func store(
    _ spectral: (value: Float, rightVector: [Float]), layer: Int, hidden: Int, values: UnsafeMutablePointer<Float>,
    vectors: UnsafeMutablePointer<Float>
  ) {
    values[layer] = spectral.value
    (vectors + layer * hidden).update(from: spectral.rightVector, count: hidden)
  }
}
