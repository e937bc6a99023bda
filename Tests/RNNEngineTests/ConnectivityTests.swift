import Foundation
import XCTest

@testable import RNNEngine

/// ‖∂ logit_k(t̃) / ∂x_t‖ against finite differences and against PyTorch's autograd.
final class ConnectivityTests: XCTestCase {
  /// A model reading dense features with `model`'s weights, so x_t can be nudged: for a one-hot
  /// model the features are one-hot vectors, for an embedding model the looked-up rows.
  private func denseTwin(of model: RecurrentModel) -> (twin: RecurrentModel, features: ([Int32]) -> [Float]) {
    var config = model.config
    config.input = .dense(features: model.config.input.width)
    let twin = RecurrentModel(config: config)
    for entry in twin.layout.entries {
      XCTAssertTrue(twin.setParameter(named: entry.name, to: model.parameter(named: entry.name)!), entry.name)
    }
    let width = model.config.input.width
    let embedding = model.parameter(named: "embedding.weight")
    let features: ([Int32]) -> [Float] = { tokens in
      tokens.flatMap { token -> [Float] in
        guard let embedding else { return (0..<width).map { $0 == Int(token) ? 1 : 0 } }
        return Array(embedding[(Int(token) * width)..<(Int(token) * width + width)])
      }
    }
    return (twin, features)
  }

  /// logit_k(t̃) of the twin for one sequence of features.
  private func logit(_ twin: RecurrentModel, _ features: [Float], length: Int, query: ConnectivityQuery) -> Double {
    let batch = Batch(
      batchSize: 1, length: length, features: features, targets: .everyStep([Int32](repeating: 0, count: length)))
    let record = twin.forward(batch)
    return Double(record.logits[query.position * twin.config.outputs + query.symbol])
  }

  func testMatchesFiniteDifferencesOfTheLogit() {
    let configs = [
      ModelConfig(cell: .rnnTanh, input: .oneHot(vocab: 5), hidden: 4, outputs: 5),
      ModelConfig(cell: .lstm, input: .oneHot(vocab: 5), hidden: 4, layers: 2, outputs: 5),
      ModelConfig(cell: .gru, input: .embedding(vocab: 5, dim: 3), hidden: 4, outputs: 5),
      ModelConfig(cell: .lstm, input: .embedding(vocab: 5, dim: 3), hidden: 3, outputs: 5),
      ModelConfig(cell: .gru, input: .oneHot(vocab: 5), hidden: 3, layers: 2, outputs: 5, bidirectional: true),
    ]
    let tokens: [Int32] = [1, 4, 0, 2, 2, 3]
    let queries = [ConnectivityQuery(position: 5, symbol: 2), ConnectivityQuery(position: 3, symbol: 0)]
    for config in configs {
      let model = EngineTestSupport.model(config, weightScale: 1.5)
      let sequence = Batch(batchSize: 1, length: tokens.count, tokens: tokens, targets: .everyStep(tokens))
      let norms = model.connectivity(of: sequence, queries: queries)
      let (twin, features) = denseTwin(of: model)
      let base = features(tokens)
      let epsilon: Float = 1e-2
      for (query, engine) in zip(queries, norms) {
        for step in 0..<tokens.count {
          var squared = 0.0
          for component in 0..<config.input.width {
            let index = step * config.input.width + component
            var plus = base
            var minus = base
            plus[index] += epsilon
            minus[index] -= epsilon
            let slope =
              (logit(twin, plus, length: tokens.count, query: query)
                - logit(twin, minus, length: tokens.count, query: query)) / Double(2 * epsilon)
            squared += slope * slope
          }
          let difference = squared.squareRoot()
          XCTAssertEqual(
            Double(engine[step]), difference, accuracy: 2e-3 + 1e-2 * difference, "\(config) \(query) t=\(step)")
          if step > query.position && !config.bidirectional {
            XCTAssertEqual(engine[step], 0, "no gradient from the future")
          }
        }
        XCTAssertGreaterThan(engine[query.position], 0)
        if config.bidirectional, query.position + 1 < tokens.count {
          XCTAssertGreaterThan(engine[(query.position + 1)...].max() ?? 0, 0, "the backward direction reads ahead")
        }
      }
    }
  }

  /// The "done when": the same quantity from PyTorch's autograd in float64 on the import fixtures
  /// (`Fixtures/connectivity/make_connectivity.py` wrote the JSON), within 1e-4, and within 1e-3 of
  /// each query's largest norm (the LSTM's gradients are small, so the absolute bound alone is loose).
  func testMatchesPyTorchOnTheImportFixtures() throws {
    let root = try XCTUnwrap(Bundle.module.resourceURL).appendingPathComponent("Fixtures/connectivity")
    let data = try Data(contentsOf: root.appendingPathComponent("connectivity.json"))
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    let tokens = try XCTUnwrap(json["tokens"] as? [Int]).map { Int32($0) }
    let models = try XCTUnwrap(json["models"] as? [String: [String: Any]])
    XCTAssertEqual(models.count, 3)
    var worst = 0.0
    var worstRelative = 0.0
    for (name, entry) in models {
      let file = try XCTUnwrap(entry["file"] as? String)
      let model = try RecurrentModel.load(from: SafeTensorsFile(contentsOf: SafeTensorsTestSupport.fixtureURL(file)))
      let expected = try XCTUnwrap(entry["queries"] as? [[String: Any]])
      let queries = try expected.map {
        ConnectivityQuery(position: try XCTUnwrap($0["position"] as? Int), symbol: try XCTUnwrap($0["symbol"] as? Int))
      }
      let sequence = Batch(batchSize: 1, length: tokens.count, tokens: tokens, targets: .everyStep(tokens))
      let norms = model.connectivity(of: sequence, queries: queries)
      for (reference, engine) in zip(expected, norms) {
        let values = try XCTUnwrap(reference["norms"] as? [Double])
        XCTAssertEqual(values.count, engine.count)
        let largest = values.max()!
        XCTAssertGreaterThan(largest, 5e-4, "\(name): the fixture checks a real gradient")
        for (value, mine) in zip(values, engine) {
          worst = max(worst, abs(value - Double(mine)))
          worstRelative = max(worstRelative, abs(value - Double(mine)) / largest)
        }
      }
    }
    XCTAssertLessThan(worst, 1e-4)
    XCTAssertLessThan(worstRelative, 1e-3)
    print("connectivity vs PyTorch: worst |diff| \(worst), relative to the query's largest norm \(worstRelative)")
  }

  /// The distance summary is a distribution over distances: shares sum to one, and a model whose
  /// recurrence is cut (W_hh = 0) looks only at the current input.
  func testDistanceSummaryOfAModelWithoutRecurrence() {
    let config = ModelConfig(cell: .rnnTanh, input: .oneHot(vocab: 6), hidden: 5, outputs: 6)
    let model = EngineTestSupport.model(config, weightScale: 1)
    let tokens: [Int32] = (0..<60).map { Int32(($0 * 7) % 6) }
    let recurrent = model.connectivityByDistance(
      inputs: tokens, targets: tokens, window: 8, samples: 40, rowsPerPass: 16)
    XCTAssertEqual(recurrent.reduce(0, +), 1, accuracy: 1e-5)
    XCTAssertGreaterThan(recurrent[1], 0.01)
    let entry = model.layout.entry(named: "rnn.weight_hh_l0")!
    model.parameters.replaceSubrange(
      entry.offset..<(entry.offset + entry.count), with: [Float](repeating: 0, count: entry.count))
    let memoryless = model.connectivityByDistance(inputs: tokens, targets: tokens, window: 8, samples: 40)
    XCTAssertEqual(memoryless[0], 1, accuracy: 1e-6)
    XCTAssertEqual(memoryless[1...].reduce(0, +), 0)
  }
}
