import TermCanvas
import XCTest

final class ColorMapTests: XCTestCase {
  func testDivergingEndsAndNeutralMiddle() {
    let map = ColorMap.diverging
    XCTAssertEqual(map.color(for: -1), RGB(hex: 0x2166AC))
    XCTAssertEqual(map.color(for: 0), RGB(128, 128, 128))
    XCTAssertEqual(map.color(for: 1), RGB(hex: 0xB2182B))
    XCTAssertEqual(map.color(for: -7), map.color(for: -1), "values beyond the domain clamp")
    XCTAssertGreaterThan(map.color(for: -0.6).b, map.color(for: -0.6).r, "negative values are blue")
    XCTAssertGreaterThan(map.color(for: 0.6).r, map.color(for: 0.6).b, "positive values are red")
  }

  func testViridisHitsMatplotlibControlPoints() {
    let map = ColorMap.viridis
    XCTAssertEqual(map.color(for: 0), RGB(hex: 0x440154))
    XCTAssertEqual(map.color(for: 0.5), RGB(hex: 0x21918C))
    XCTAssertEqual(map.color(for: 1), RGB(hex: 0xFDE725))
    // Halfway between the 0.2 (#414487) and 0.3 (#355f8d) control points, within rounding.
    let between = map.color(for: 0.25)
    XCTAssertEqual(Double(between.r), (0x41 + 0x35) / 2, accuracy: 1)
    XCTAssertEqual(Double(between.g), (0x44 + 0x5F) / 2, accuracy: 1)
    XCTAssertEqual(Double(between.b), (0x87 + 0x8D) / 2, accuracy: 1)
  }

  func testViridisLuminanceRises() {
    let luminances = stride(from: Float(0), through: 1, by: 0.1).map { ColorMap.viridis.color(for: $0).luminance }
    XCTAssertEqual(luminances, luminances.sorted())
  }

  func testNonFiniteValuesGetTheNonFiniteColour() {
    for map in [ColorMap.diverging, .viridis] {
      XCTAssertEqual(map.color(for: .nan), map.nonFiniteColor)
      XCTAssertEqual(map.color(for: .infinity), map.nonFiniteColor)
      XCTAssertEqual(map.color(for: -.infinity), map.nonFiniteColor)
    }
  }

  func testIntensityForMonochromeShading() {
    XCTAssertEqual(ColorMap.viridis.intensity(for: 0.25), 0.25)
    XCTAssertEqual(ColorMap.diverging.intensity(for: -0.5), 0.5)
    XCTAssertEqual(ColorMap.diverging.intensity(for: 0), 0)
    XCTAssertEqual(Shade.character(forIntensity: 0), " ")
    XCTAssertEqual(Shade.character(forIntensity: 0.5), "▒")
    XCTAssertEqual(Shade.character(forIntensity: 1), "█")
    XCTAssertEqual(Shade.character(for: .white), "█")
  }

  func testWithDomainRescales() {
    let map = ColorMap.diverging.withDomain(-3...3)
    XCTAssertEqual(map.color(for: 3), ColorMap.diverging.color(for: 1))
    XCTAssertEqual(map.color(for: -1.5), ColorMap.diverging.color(for: -0.5))
  }
}
