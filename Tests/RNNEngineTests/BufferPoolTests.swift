import XCTest

@testable import RNNEngine

/// The pool that recycles record buffers between training steps.
final class BufferPoolTests: XCTestCase {
  func testBufferGivenBackIsTakenAgain() {
    let pool = BufferPool()
    pool.give([[Float](repeating: 7, count: 100)])
    XCTAssertEqual(pool.heldFloats, 100)
    let taken = pool.take(100)
    XCTAssertEqual(taken.first, 7, "the spare buffer, with its old contents")
    XCTAssertEqual(pool.heldFloats, 0)
  }

  func testStepsOfChangingLengthsKeepAtMostTwoStepsOfBuffers() {
    let pool = BufferPool()
    // Like the case task: each step's records are sized by that batch's longest sequence.
    for length in 10...400 {
      let step = (0..<4).map { _ in pool.take(length * 32) }
      pool.give(step)
      pool.endStep()
      XCTAssertLessThanOrEqual(pool.heldFloats, 2 * 4 * length * 32)
    }
    XCTAssertGreaterThanOrEqual(pool.heldFloats, 4 * 400 * 32, "the latest step's buffers are kept")
  }

  func testAStepGivingBackInSeveralCallsKeepsItsWholeWorkingSet() {
    // An LSTM-512 training step, in hundreds of floats: the backward pass returns its gate-sized
    // scratch early, the packed weights come back on their own, then the forward records, then the
    // backward records. No single call returns a whole step, so a cap of twice the largest call
    // dropped both gate-sized buffers after every step (a 26 MB page-faulting refill each time).
    let gateSize = 65_536
    let stateSize = 16_548
    let packedSize = 10_486
    let headSize = 8_192
    let gradientSize = 16_384
    let pool = BufferPool()
    func step() {
      let gates = pool.take(gateSize)
      let h = pool.take(stateSize)
      let c = pool.take(stateSize)
      pool.give([pool.take(packedSize)])
      let logits = pool.take(headSize)
      let probabilities = pool.take(headSize)
      let dLogits = pool.take(headSize)
      let dHead = pool.take(gradientSize)
      let dh = pool.take(gradientSize)
      let dc = pool.take(gradientSize)
      let scratch = pool.take(gateSize)
      pool.give([pool.take(packedSize)])
      pool.give([scratch])
      pool.give([h, c, gates, logits, probabilities])
      pool.give([dh, dc, dLogits, dHead])
      pool.endStep()
    }
    for _ in 0..<3 { step() }
    let held = pool.heldFloats
    _ = (pool.take(gateSize), pool.take(gateSize))
    XCTAssertEqual(pool.heldFloats, held - 2 * gateSize, "both gate-sized buffers came from the pool")
  }

  func testBuffersTakenAndKeptElsewhereDoNotRaiseTheCap() {
    // Probes take record buffers and keep them (the trace copies them out); if the cap counted
    // them, it would rise with every probe and the pool would keep every size it ever saw.
    let pool = BufferPool()
    for step in 0..<200 {
      _ = (0..<4).map { _ in pool.take(5_000) }  // a probe: taken, never given back
      pool.endStep()
      pool.give((0..<4).map { _ in pool.take(1_000 + step) })  // a training step of a new length
      pool.endStep()
    }
    XCTAssertLessThanOrEqual(pool.heldFloats, 2 * 4 * 5_000, "at most two steps' worth of the largest step")
  }
}
