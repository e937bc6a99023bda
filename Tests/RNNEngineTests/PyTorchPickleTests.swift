import Foundation
import XCTest

@testable import RNNEngine

/// A `torch.save` file gets a message that says how to save safetensors instead.
final class PyTorchPickleTests: XCTestCase {
  func testAPickleFileSaysHowToSaveSafetensors() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnscope-pt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["char_lstm.pt", "CHAR.PTH"] {
      let url = folder.appendingPathComponent(name)
      try Data([0x80, 0x02, 0x8A, 0x0A]).write(to: url)  // the start of a pickle
      XCTAssertThrowsError(try RecurrentModel.load(contentsOf: url)) { error in
        let message = String(describing: error)
        XCTAssertTrue(message.hasPrefix("\(name): a PyTorch pickle"), message)
        XCTAssertTrue(message.contains("Samples/export_pytorch.py"), message)
        XCTAssertFalse(message.contains("\n"), "one line")
      }
    }
  }
}
