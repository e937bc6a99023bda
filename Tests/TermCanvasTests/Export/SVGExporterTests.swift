import Foundation
import TermCanvas
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

final class SVGExporterTests: XCTestCase {
  /// Collects element names and the root's attributes while parsing.
  private final class Collector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var rootAttributes: [String: String] = [:]
    var texts: [String] = []
    private var inText = false

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if elements.isEmpty { rootAttributes = attributes }
      elements.append(name)
      inText = name == "text"
      if inText { texts.append("") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if inText { texts[texts.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      inText = false
    }
  }

  private func parse(_ svg: String) -> Collector? {
    let collector = Collector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = collector
    guard parser.parse() else {
      XCTFail("not well-formed: \(parser.parserError.map(String.init(describing:)) ?? "?")")
      return nil
    }
    return collector
  }

  func testWellFormedWithGridSizedCanvasAndEscapedText() throws {
    var grid = Grid(width: 6, height: 2)
    grid.put("<a&b>", at: (0, 0), style: Style(fg: .green, attributes: .bold))
    grid[0, 1] = Cell("▀", style: Style(fg: .red, bg: .blue))
    grid[1, 1] = Cell("⣿", style: Style(fg: .yellow))
    let collector = try XCTUnwrap(parse(SVGExporter().export(grid)))
    XCTAssertEqual(collector.elements.first, "svg")
    XCTAssertEqual(collector.rootAttributes["width"], "48")
    XCTAssertEqual(collector.rootAttributes["height"], "32")
    XCTAssertEqual(collector.texts, ["<a&b>"])
    // Background + the half block's bg and fg + 8 braille dots, all as rects: no text needed.
    XCTAssertEqual(collector.elements.filter { $0 == "rect" }.count, 1 + 2 + 8)
  }

  func testCustomCellSizeAndHeatmapHasNoText() throws {
    let heatmap = Heatmap(rows: 4, columns: 5, values: (0..<20).map { Float($0) / 10 - 1 })
    var grid = Grid(width: 5, height: 2)
    heatmap.render(in: grid.bounds, on: &grid)
    let svg = SVGExporter(cellWidth: 10, cellHeight: 20).export(grid)
    let collector = try XCTUnwrap(parse(svg))
    XCTAssertEqual(collector.rootAttributes["width"], "50")
    XCTAssertEqual(collector.rootAttributes["height"], "40")
    XCTAssertTrue(collector.texts.isEmpty)
  }

  func testBoxDrawingIsDrawnAsShapes() throws {
    var grid = Grid(width: 3, height: 3)
    Panel().render(in: grid.bounds, on: &grid)
    let collector = try XCTUnwrap(parse(SVGExporter().export(grid)))
    XCTAssertTrue(collector.texts.isEmpty)
    // Background + corners (2 arms each) + 4 edges (2 arms each).
    XCTAssertEqual(collector.elements.filter { $0 == "rect" }.count, 1 + 4 * 2 + 4 * 2)
  }

  func testPanelAndChartFrameIsWellFormed() throws {
    var grid = Grid(width: 60, height: 20)
    Panel(title: "a & b <c>").render(in: grid.bounds, on: &grid)
    LineChart(series: [.init(label: "x'\"", values: [1, 2, 3], color: .red)]).render(
      in: Panel.inner(of: grid.bounds), on: &grid)
    XCTAssertNotNil(parse(SVGExporter().export(grid)))
  }
}
