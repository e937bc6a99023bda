import Foundation

/// The progress bar `train` draws on standard error while an epoch runs (only on a terminal).
struct ProgressLine {
  let enabled: Bool
  private static let width = 30

  func show(epoch: Int, of epochs: Int, step: Int, of steps: Int, loss: Double) {
    guard enabled else { return }
    let filled = Self.width * step / max(steps, 1)
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: Self.width - filled)
    FileHandle.standardError.write(
      Data("\repoch \(epoch)/\(epochs) \(bar) \(step)/\(steps) loss \(fixed(loss, 4))  ".utf8))
  }

  func clear() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
  }
}
