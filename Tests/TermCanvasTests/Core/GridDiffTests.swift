import TermCanvas
import XCTest

final class GridDiffTests: XCTestCase {
  private func sampleGrid() -> Grid {
    var grid = Grid(width: 10, height: 3)
    grid.put("loss 0.42", at: (0, 0), style: Style(fg: .cyan))
    grid.put("中文", at: (2, 1))
    return grid
  }

  func testUnchangedFrameHasNoRuns() {
    let diff = GridDiff(from: sampleGrid(), to: sampleGrid())
    XCTAssertTrue(diff.isEmpty)
    XCTAssertFalse(diff.isFullRedraw)
  }

  func testOneChangedCellGivesExactlyThatCell() {
    var next = sampleGrid()
    next[7, 2] = Cell("!", style: Style(fg: .red))
    let diff = GridDiff(from: sampleGrid(), to: next)
    XCTAssertEqual(diff.runs, [GridDiff.Run(x: 7, y: 2, cells: [Cell("!", style: Style(fg: .red))])])
  }

  func testStyleOnlyChangeIsAChange() {
    var next = sampleGrid()
    next[0, 0].attributes = .bold
    XCTAssertEqual(GridDiff(from: sampleGrid(), to: next).runs.map { [$0.x, $0.y, $0.cells.count] }, [[0, 0, 1]])
  }

  func testAdjacentChangesMergeIntoOneRun() {
    var next = sampleGrid()
    next.put("0.37", at: (5, 0), style: Style(fg: .cyan))
    let diff = GridDiff(from: sampleGrid(), to: next)
    // "loss 0.42" → "loss 0.37": only columns 7 and 8 differ.
    XCTAssertEqual(diff.runs.count, 1)
    XCTAssertEqual(diff.runs.first?.x, 7)
    XCTAssertEqual(diff.runs.first.map { $0.cells.map(\.symbol).joined() }, "37")
  }

  func testRunsStartAtTheLeftHalfOfAWideCharacter() {
    var next = sampleGrid()
    next[3, 1].bg = .blue  // the continuation half of 中
    let diff = GridDiff(from: sampleGrid(), to: next)
    XCTAssertEqual(diff.runs.count, 1)
    XCTAssertEqual(diff.runs.first?.x, 2)
    XCTAssertEqual(diff.runs.first?.cells.map(\.symbol), ["中", ""])
  }

  func testDifferentSizeOrNoPreviousFrameRedrawsEverything() {
    let next = sampleGrid()
    for previous in [nil, Grid(width: 9, height: 3)] {
      let diff = GridDiff(from: previous, to: next)
      XCTAssertTrue(diff.isFullRedraw)
      XCTAssertEqual(diff.changedCellCount, 30)
      XCTAssertEqual(diff.runs.map(\.y), [0, 1, 2])
    }
  }
}
