import Foundation
import TermCanvas
import TestSupport
import XCTest

/// Compares rendered screens with text files in `Golden/`, showing a line diff on mismatch.
///
/// After an intended change to a view, regenerate with `RNNSCOPE_UPDATE_GOLDEN=1 swift test --filter Scope`,
/// then read the new files (`git diff Tests/ScopeTests/Golden`) before committing them.
enum GoldenScreens {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static func assertMatches(_ grid: Grid, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let actual = PlainTextExporter(trimsTrailingSpaces: true).export(grid)
    let url = folder.appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["RNNSCOPE_UPDATE_GOLDEN"] == "1" {
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try? Data(actual.utf8).write(to: url)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      XCTFail(
        "missing golden screen \(url.path); run with RNNSCOPE_UPDATE_GOLDEN=1 to create it", file: file, line: line)
      return
    }
    guard expected != actual else { return }
    XCTFail(
      "screen \(name) differs from its golden text:\n" + lineDiff(expected: expected, actual: actual), file: file,
      line: line)
  }

}
