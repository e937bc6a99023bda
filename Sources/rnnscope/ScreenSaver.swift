import Foundation
import RNNEngine
import Scope
import TermCanvas

/// Saves the screen as SVG (for slides) and ANSI text (for `cat` in a terminal).
enum ScreenSaver {
  /// Where screens go when the run is not recorded.
  static let fallbackDirectory = URL(fileURLWithPath: "rnnscope-screens")

  /// Writes both files into `directory` and returns the message to show: where they went, or what failed.
  static func save(_ grid: Grid, view: ViewID, in directory: URL) -> String {
    let stamp = Int(Date().timeIntervalSince1970)
    let base = directory.appendingPathComponent("\(stamp)-\(view.fileName)")
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try AtomicFile.write(Data(SVGExporter().export(grid).utf8), to: base.appendingPathExtension("svg"))
      try AtomicFile.write(Data(ANSIExporter().export(grid).utf8), to: base.appendingPathExtension("ans"))
      return "saved \(base.path).svg and .ans"
    } catch {
      return "could not save the screen: \(error)"
    }
  }
}

extension ViewID {
  /// The view's name in file names: `unrolled`, `hidden`, `gates`, `gradients`, `training`.
  var fileName: String { String(describing: self) }
}
