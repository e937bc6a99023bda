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
    /// Each `<text>` element's attributes, in the order of `texts`.
    var textAttributes: [[String: String]] = []
    /// Each `<rect>` element's attributes.
    var rectAttributes: [[String: String]] = []
    private var inText = false

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if elements.isEmpty { rootAttributes = attributes }
      if name == "rect" { rectAttributes.append(attributes) }
      elements.append(name)
      inText = name == "text"
      if inText {
        texts.append("")
        textAttributes.append(attributes)
      }
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

  func testPanelAndChartFrameHasEachCellsTextAndColourWhereTheGridHasIt() throws {
    var grid = Grid(width: 60, height: 20)
    Panel(title: "a & b <c>").render(in: grid.bounds, on: &grid)
    LineChart(series: [.init(label: "x'\"", values: [1, 2, 3], color: .red)]).render(
      in: Panel.inner(of: grid.bounds), on: &grid)
    grid.put("ok", at: (2, 19), style: Style(fg: .green))
    let exporter = SVGExporter()
    let collector = try XCTUnwrap(parse(exporter.export(grid)))
    XCTAssertEqual(collector.texts.count, collector.textAttributes.count)
    // Every text element is the grid's text at its cell, in the cell's colour (8 × 16 px cells,
    // the baseline three quarters down the cell).
    var covered = Set<[Int]>()
    for (text, attributes) in zip(collector.texts, collector.textAttributes) {
      let (x, baseline) = (try XCTUnwrap(Int(attributes["x"] ?? "")), try XCTUnwrap(Int(attributes["y"] ?? "")))
      let (column, row) = (x / 8, (baseline - 12) / 16)
      XCTAssertEqual(x % 8, 0, text)
      XCTAssertEqual((baseline - 12) % 16, 0, text)
      let cells = (column..<min(grid.width, column + text.count)).map { grid[$0, row] }
      XCTAssertEqual(cells.map(\.symbol).joined(), text, "row \(row) column \(column)")
      XCTAssertEqual(attributes["fill"], (cells.first?.fg ?? RGB(hex: 0xD0D0D0)).description, text)
      covered.formUnion((column..<(column + text.count)).map { [$0, row] })
    }
    // Every printable ASCII cell is in some text element (box drawing and braille are shapes).
    for row in 0..<grid.height {
      for column in 0..<grid.width where grid[column, row].symbol.allSatisfy({ $0.isASCII && $0 != " " }) {
        XCTAssertTrue(covered.contains([column, row]), "'\(grid[column, row].symbol)' at \(column), \(row) missing")
      }
    }
    XCTAssertTrue(collector.texts.contains { $0.contains("a & b <c>") }, "the title: \(collector.texts)")
    let ok = try XCTUnwrap(collector.texts.firstIndex(of: "ok"), "the green text: \(collector.texts)")
    XCTAssertEqual(collector.textAttributes[ok]["fill"], RGB.green.description)
    XCTAssertTrue(collector.texts.contains { $0.contains("x'\"") }, "the legend: \(collector.texts)")
    // The series is drawn in red shapes, each inside a cell the grid paints red.
    let red = collector.rectAttributes.filter { $0["fill"] == RGB.red.description }
    XCTAssertFalse(red.isEmpty, "the red series")
    for rect in red {
      let (x, y) = (try XCTUnwrap(Int(rect["x"] ?? "")), try XCTUnwrap(Int(rect["y"] ?? "")))
      guard x / 8 < grid.width, y / 16 < grid.height else {
        XCTFail("rect at \(x), \(y) is outside the grid")
        continue
      }
      XCTAssertEqual(grid[x / 8, y / 16].fg, .red, "rect at \(x), \(y)")
    }
  }
}
