/// One row of `metrics.csv`: what one optimizer step recorded.
public struct StepMetrics: Sendable, Equatable {
  /// Steps taken after this one (1 for the first step).
  public var step: Int
  /// The epoch the step belongs to, from 1.
  public var epoch: Int
  /// Mean training loss of the step's batch.
  public var loss: Float
  /// Global gradient norm before clipping.
  public var gradientNorm: Float
  /// Whether clipping scaled the gradient.
  public var clipped: Bool
  /// Learning rate the step used.
  public var learningRate: Float
  /// Scored positions per second of the step.
  public var tokensPerSecond: Double

  /// A row from its fields.
  public init(
    step: Int, epoch: Int, loss: Float, gradientNorm: Float, clipped: Bool, learningRate: Float, tokensPerSecond: Double
  ) {
    self.step = step
    self.epoch = epoch
    self.loss = loss
    self.gradientNorm = gradientNorm
    self.clipped = clipped
    self.learningRate = learningRate
    self.tokensPerSecond = tokensPerSecond
  }

  /// The CSV header line.
  public static let header = "step,epoch,loss,grad_norm,clipped,learning_rate,tokens_per_second"

  /// The CSV line; floats in their shortest exact form, so reading them back gives the same bits.
  public var csvLine: String {
    let rate = tokensPerSecond.isFinite ? String(Int(tokensPerSecond.rounded())) : "0"
    return "\(step),\(epoch),\(loss),\(gradientNorm),\(clipped ? 1 : 0),\(learningRate),\(rate)"
  }

  /// Parses a CSV line, or throws a one-line reason.
  init(csvLine line: Substring) throws(RecordingError) {
    let fields = line.split(separator: ",", omittingEmptySubsequences: false)
    let fail = { (problem: String) in RecordingError(file: RunFiles.metrics, problem: problem) }
    guard fields.count == 7 else { throw fail("\(fields.count) fields where \(Self.header) has 7") }
    guard let step = Int(fields[0]), let epoch = Int(fields[1]), let loss = Float(fields[2]),
      let norm = Float(fields[3]), let clipped = Int(fields[4]), clipped == 0 || clipped == 1,
      let rate = Float(fields[5]), let tokens = Double(fields[6])
    else { throw fail("a field is not a number") }
    self.init(
      step: step, epoch: epoch, loss: loss, gradientNorm: norm, clipped: clipped == 1, learningRate: rate,
      tokensPerSecond: tokens)
  }
}
