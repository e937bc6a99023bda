import XCTest

/// The lines that differ between two texts, numbered from 1: `n- ` the expected line, `n+ ` the
/// actual one (a side left out where that text has no such line); `│` marks each line's end.
public func lineDiff(expected: String, actual: String) -> String {
  let expectedLines = expected.components(separatedBy: "\n")
  let actualLines = actual.components(separatedBy: "\n")
  var report: [String] = []
  for index in 0..<max(expectedLines.count, actualLines.count) {
    let want = index < expectedLines.count ? expectedLines[index] : nil
    let got = index < actualLines.count ? actualLines[index] : nil
    guard want != got else { continue }
    if let want { report.append("\(index + 1)- \(want)│") }
    if let got { report.append("\(index + 1)+ \(got)│") }
  }
  return report.joined(separator: "\n")
}

/// Fails, showing `lineDiff`, unless the two multi-line strings are equal.
public func assertEqualLines(
  _ actual: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line
) {
  guard actual != expected else { return }
  XCTFail(
    "Text differs (n- expected, n+ actual; │ marks the line ends):\n" + lineDiff(expected: expected, actual: actual),
    file: file, line: line)
}
