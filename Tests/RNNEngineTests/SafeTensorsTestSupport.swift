import Foundation
import XCTest

@testable import RNNEngine

/// Shared helpers for the safetensors and checkpoint tests.
enum SafeTensorsTestSupport {
  /// The import fixtures: PyTorch models saved as safetensors (see Fixtures/import/README.md).
  static func fixtureURL(_ name: String) throws -> URL {
    let root = try XCTUnwrap(Bundle.module.resourceURL, "test bundle has no resources")
    return root.appendingPathComponent("Fixtures/import/\(name)")
  }

  /// Fixture names from expected.json mapped to their expectations.
  static func expectations() throws -> [String: [String: Any]] {
    let data = try Data(contentsOf: fixtureURL("expected.json"))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
  }

  /// A fresh empty directory for files a test writes.
  static func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rnnscope-safetensors-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// Raw safetensors bytes from a header string and data, with the length prefix given or computed.
  static func rawFile(header: String, data: [UInt8] = [], headerLength: UInt64? = nil) -> Data {
    let headerBytes = Array(header.utf8)
    var file = Data()
    withUnsafeBytes(of: (headerLength ?? UInt64(headerBytes.count)).littleEndian) { file.append(contentsOf: $0) }
    file.append(contentsOf: headerBytes)
    file.append(contentsOf: data)
    return file
  }
}
