import Foundation
import TermCanvas

/// Times a full frame of generic panels: two heatmaps and two line charts, and a status line.
public enum RenderBenchmark {
  /// Median timings in milliseconds.
  public struct Result: Sendable, Hashable {
    /// Building the widgets and rendering a whole frame into a fresh grid.
    public var renderFrameMs: Double
    /// Diffing two identical frames (what an idle screen costs per refresh).
    public var diffUnchangedMs: Double
  }

  /// Renders `iterations` frames of `width` × `height` and returns the median timings.
  ///
  /// The frame holds two 64 × 100 heatmaps (diverging and viridis) and two
  /// charts of three 100-point series each, one on a log axis.
  public static func run(width: Int = 200, height: Int = 60, iterations: Int = 100) -> Result {
    let scene = Scene()
    var renderTimes: [Double] = []
    var diffTimes: [Double] = []
    var previous = scene.frame(width: width, height: height)
    for _ in 0..<max(1, iterations) {
      var frame = Grid(width: 0, height: 0)
      renderTimes.append(milliseconds { frame = scene.frame(width: width, height: height) })
      var diff = GridDiff(from: nil, to: frame)
      diffTimes.append(milliseconds { diff = GridDiff(from: previous, to: frame) })
      precondition(diff.isEmpty, "identical frames must not differ")
      previous = frame
    }
    return Result(renderFrameMs: median(renderTimes), diffUnchangedMs: median(diffTimes))
  }

  /// The frame the benchmark renders, e.g. for a screenshot or a smoke test of a backend.
  public static func sampleFrame(width: Int = 200, height: Int = 60) -> Grid {
    Scene().frame(width: width, height: height)
  }

  /// Fixed, deterministic data for the benchmark frame.
  struct Scene {
    static let units = 64
    static let steps = 100
    /// Signed values in [-1, 1], shape (units, steps), for the diverging heatmap.
    let signed: [Float]
    /// Values in [0, 1], shape (units, steps), for the viridis heatmap.
    let unsigned: [Float]
    /// Input characters, one per step.
    let input: [Character]
    let loss: [Float]
    let validation: [Float]
    let theory: [Float]
    let gradientNorm: [Float]
    let learningRate: [Float]
    let updateRatio: [Float]

    init() {
      let (units, steps) = (Self.units, Self.steps)
      signed = (0..<(units * steps)).map { index -> Float in
        let (unit, step) = (Double(index / steps), Double(index % steps))
        return Float(tanh(2 * sin(step * 0.21 + unit * 0.7)))
      }
      unsigned = signed.map { value -> Float in 0.5 + 0.5 * value * abs(value) }
      input = Array(String(repeating: "the quick brown fox jumps\nover the lazy dog. ", count: 3).prefix(steps))
      let indices = (0..<steps).map(Double.init)
      loss = indices.map { Float(3 * exp(-$0 / 30) + 0.4 + 0.05 * sin($0)) }
      validation = indices.map { Float(3 * exp(-$0 / 35) + 0.5) }
      theory = indices.map { Float(3 * exp(-$0 / 30) + 0.4) }
      gradientNorm = indices.map { Float(pow(10, 2 - $0 / 12) * (1 + 0.3 * sin($0))) }
      learningRate = indices.map { _ in 1e-3 }
      updateRatio = indices.map { Float(pow(10, -3 - $0 / 40)) }
    }

    /// One frame: heatmaps on top, charts below, a status line at the bottom.
    func frame(width: Int, height: Int) -> Grid {
      var grid = Grid(width: width, height: height)
      let rows = Layout.rows([.percent(60), .remainder, .fixed(1)], in: grid.bounds)
      let top = Layout.columns([.fraction(0.5), .remainder], in: rows[0])
      let bottom = Layout.columns([.fraction(0.5), .remainder], in: rows[1])
      let unitLabels = (0..<Self.units).map(String.init)

      let signedArea = Panel(title: "signed values").keyHint("←→ column").render(in: top[0], on: &grid)
      Heatmap(rows: Self.units, columns: Self.steps, values: signed)
        .columnLabels(input).rowLabels(unitLabels).cursor(MatrixIndex(row: 10, column: 42))
        .render(in: signedArea, on: &grid)
      let unsignedArea = Panel(title: "values in [0, 1]").render(in: top[1], on: &grid)
      Heatmap(rows: Self.units, columns: Self.steps, values: unsigned).colorMap(.viridis)
        .columnLabels(input).rowLabels(unitLabels)
        .render(in: unsignedArea, on: &grid)

      let lossArea = Panel(title: "loss").render(in: bottom[0], on: &grid)
      LineChart(series: [
        .init(label: "train", values: loss, color: .cyan),
        .init(label: "val", values: validation, color: .orange),
        .init(label: "theory", values: theory, color: .gray, dashed: true),
      ]).markers([.init(x: 60, color: .yellow, label: "epoch")]).render(in: lossArea, on: &grid)
      let gradientArea = Panel(title: "gradients").render(in: bottom[1], on: &grid)
      LineChart(series: [
        .init(label: "‖g‖", values: gradientNorm, color: .magenta),
        .init(label: "lr", values: learningRate, color: .green),
        .init(label: "Δw/w", values: updateRatio, color: .cyan),
      ]).yScale(.log10).render(in: gradientArea, on: &grid)

      Text(["epoch 3  step 1200  loss 0.412  q quit  ? help"], style: Style(attributes: .dim))
        .render(in: rows[2], on: &grid)
      return grid
    }
  }
}
