import TermCanvas
import XCTest

final class ColorDepthTests: XCTestCase {
  func testDetectionFromTerminalFacts() {
    XCTAssertEqual(ColorDepth.detect(colorCount: 256, colorTerm: nil, noColor: false), .palette256)
    XCTAssertEqual(ColorDepth.detect(colorCount: 256, colorTerm: "truecolor", noColor: false), .trueColor)
    XCTAssertEqual(ColorDepth.detect(colorCount: 8, colorTerm: "24bit", noColor: false), .trueColor)
    XCTAssertEqual(ColorDepth.detect(colorCount: 16, colorTerm: nil, noColor: false), .ansi16)
    XCTAssertEqual(ColorDepth.detect(colorCount: 8, colorTerm: nil, noColor: false), .ansi8)
    XCTAssertEqual(ColorDepth.detect(colorCount: 2, colorTerm: nil, noColor: false), .monochrome)
    XCTAssertEqual(ColorDepth.detect(colorCount: -1, colorTerm: "truecolor", noColor: false), .monochrome)
    XCTAssertEqual(ColorDepth.detect(colorCount: 256, colorTerm: "truecolor", noColor: true), .monochrome)
  }

  func testDetectionFromEnvironmentHonoursNonEmptyNoColor() {
    XCTAssertEqual(ColorDepth.detect(colorCount: 256, environment: ["NO_COLOR": "1"]), .monochrome)
    XCTAssertEqual(ColorDepth.detect(colorCount: 256, environment: ["NO_COLOR": ""]), .palette256)
    XCTAssertEqual(ColorDepth.detect(colorCount: 256, environment: ["COLORTERM": "TrueColor"]), .trueColor)
  }

  func testEveryCubeColourMapsToItsOwnIndex() {
    let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
    for r in 0..<6 {
      for g in 0..<6 {
        for b in 0..<6 {
          let color = RGB(levels[r], levels[g], levels[b])
          XCTAssertEqual(Int(color.xterm256Index), 16 + 36 * r + 6 * g + b, "\(color)")
        }
      }
    }
  }

  func testPureColoursAndNearMisses() {
    func cube(_ r: Int, _ g: Int, _ b: Int) -> Int { 16 + 36 * r + 6 * g + b }
    XCTAssertEqual(Int(RGB.red.xterm256Index), cube(5, 0, 0))
    XCTAssertEqual(Int(RGB.green.xterm256Index), cube(0, 5, 0))
    XCTAssertEqual(Int(RGB.blue.xterm256Index), cube(0, 0, 5))
    XCTAssertEqual(Int(RGB.black.xterm256Index), cube(0, 0, 0))
    XCTAssertEqual(Int(RGB.white.xterm256Index), cube(5, 5, 5))
    // 250 is nearest to cube level 255 (index 5), 100 to 95 (1), 40 to 0 (0).
    XCTAssertEqual(Int(RGB(250, 100, 40).xterm256Index), cube(5, 1, 0))
  }

  func testGreysUseTheGreyRamp() {
    for step in 0..<24 {
      let level = UInt8(8 + 10 * step)
      XCTAssertEqual(Int(RGB(level, level, level).xterm256Index), 232 + step, "grey \(level)")
    }
    // 130 lies between ramp levels 128 (step 12) and 138: nearest is 128.
    XCTAssertEqual(RGB(130, 130, 130).xterm256Index, 232 + 12)
  }

  func testPaletteIndexRoundTripsThroughItsColour() {
    for index in 16...255 {
      XCTAssertEqual(Int(RGB.xterm256Color(UInt8(index)).xterm256Index), index)
    }
  }

  func testSixteenAndEightColourMapping() {
    XCTAssertEqual(RGB.red.ansi16Index, 9)
    XCTAssertEqual(RGB(205, 0, 0).ansi16Index, 1)
    XCTAssertEqual(RGB.white.ansi16Index, 15)
    XCTAssertEqual(RGB(10, 10, 10).ansi16Index, 0)
    XCTAssertEqual(RGB.red.ansi8Index, 1)
    XCTAssertEqual(RGB.white.ansi8Index, 7)
    XCTAssertEqual(RGB(0, 0, 200).ansi8Index, 4)
  }

  func testTerminalColourPerDepth() {
    let orange = RGB(255, 135, 0)
    XCTAssertEqual(ColorDepth.trueColor.terminalColor(for: orange), .rgb(orange))
    XCTAssertEqual(ColorDepth.palette256.terminalColor(for: orange), .indexed(UInt8(16 + 36 * 5 + 6 * 2)))
    XCTAssertNil(ColorDepth.monochrome.terminalColor(for: orange))
  }
}
