import Foundation
import TermCanvas
import XCTest

final class AxisTicksTests: XCTestCase {
  func testLogLabels() {
    let labels = [-8, -4, -2, -1, 0, 1, 2, 3, 4].map(AxisTicks.logLabel(exponent:))
    XCTAssertEqual(labels, ["1e-8", "1e-4", "0.01", "0.1", "1", "10", "100", "1000", "1e4"])
  }

  private func exponents(_ ticks: [Float]) -> [Int] { ticks.map { Int(log10($0).rounded()) } }

  func testLogTicksThinToACommonStride() {
    XCTAssertEqual(exponents(AxisTicks.log(in: 1e-8...1e2, maxCount: 4)), [-6, -3, 0])
    XCTAssertEqual(exponents(AxisTicks.log(in: 1e-8...1e2, maxCount: 11)), Array(-8...2))
    XCTAssertEqual(exponents(AxisTicks.log(in: 1e-8...1e2, maxCount: 6)), [-8, -6, -4, -2, 0, 2])
    XCTAssertEqual(AxisTicks.log(in: 2...9, maxCount: 3), [])
  }

  func testLinearTicksAreRound() {
    XCTAssertEqual(AxisTicks.linear(in: 0...1, maxCount: 2), [0, 0.5, 1])
    XCTAssertEqual(AxisTicks.linear(in: 0.3...9.7, maxCount: 5), [2, 4, 6, 8])
    XCTAssertEqual(AxisTicks.niceStep(for: 70, maxCount: 4), 20)
  }

  func testLabelFormatting() {
    XCTAssertEqual(AxisTicks.label(0.5, scale: .linear, step: 0.5), "0.5")
    XCTAssertEqual(AxisTicks.label(20, scale: .linear, step: 20), "20")
    XCTAssertEqual(AxisTicks.label(-0.001, scale: .linear, step: 0.5), "0.0")
    XCTAssertEqual(AxisTicks.label(1e-8, scale: .log10, step: 0), "1e-8")
    XCTAssertEqual(AxisTicks.format(.nan, decimals: 2, compact: true), "NaN")
  }
}
