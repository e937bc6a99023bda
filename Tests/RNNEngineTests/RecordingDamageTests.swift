import Foundation
import XCTest

@testable import RNNEngine

/// A recording damaged the ways a kill, a full disk or a person can damage it still opens.
final class RecordingDamageTests: XCTestCase {
  private typealias Support = RecordingTestSupport
  private var directory: URL!
  private var config: TrainingConfig!

  override func setUpWithError() throws {
    config = Support.recallConfig(epochs: 3)
    let trainer = try Support.trainer(config)
    directory = Support.runDirectory()
    try Support.train(
      trainer, steps: 12, recorder: try RunRecorder(directory: directory, trainer: trainer, programVersion: "1"))
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  private func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

  private func assertNote(_ run: RunDirectory, contains parts: String..., line: UInt = #line) {
    XCTAssertTrue(
      run.notes.contains { note in parts.allSatisfy { note.contains($0) } },
      "no note with \(parts) in \(run.notes)", line: line)
  }

  func testTruncatedLastCheckpointLeavesTheEarlierEpochs() throws {
    let data = try Data(contentsOf: file("epoch-0003.safetensors"))
    try data.prefix(data.count / 2).write(to: file("epoch-0003.safetensors"))
    let run = try RunDirectory(directory)
    XCTAssertEqual(run.epochs.map(\.number), [1, 2])
    assertNote(run, contains: "epoch-0003.safetensors", "epoch 3 is ignored")
    XCTAssertThrowsError(try run.model(epoch: 3))
    XCTAssertEqual(try run.resumeTrainer().step, 8)
  }

  func testCorruptCheckpointHeaderIsReportedNotFatal() throws {
    var data = try Data(contentsOf: file("epoch-0003.safetensors"))
    data.replaceSubrange(8..<40, with: [UInt8](repeating: UInt8(ascii: "#"), count: 32))
    try data.write(to: file("epoch-0003.safetensors"))
    let run = try RunDirectory(directory)
    XCTAssertEqual(run.epochs.map(\.number), [1, 2])
    assertNote(run, contains: "epoch-0003.safetensors", "not valid JSON")
  }

  func testEmptyCheckpointAndStrayTemporaryFile() throws {
    try Data().write(to: file("epoch-0004.safetensors"))
    try Data([1, 2, 3]).write(to: file(".epoch-0005.safetensors.tmp-12-34"))
    let run = try RunDirectory(directory)
    XCTAssertEqual(run.epochs.map(\.number), [1, 2, 3])
    assertNote(run, contains: "epoch-0004.safetensors", "empty")
    assertNote(run, contains: "temporary")
  }

  func testMissingRunJSONFallsBackToTheCheckpointConfig() throws {
    try FileManager.default.removeItem(at: file("run.json"))
    let run = try RunDirectory(directory)
    XCTAssertNil(run.info)
    XCTAssertEqual(run.config, config)
    XCTAssertEqual(run.epochs.count, 3)
    assertNote(run, contains: "run.json", "missing")
    assertNote(run, contains: "epoch-0003.safetensors")
  }

  func testGarbageRunJSONFallsBackToTheCheckpointConfig() throws {
    try Data("{\"program_version\": 3, garbage".utf8).write(to: file("run.json"))
    let run = try RunDirectory(directory)
    XCTAssertNil(run.info)
    XCTAssertEqual(run.config, config)
    assertNote(run, contains: "run.json")
    XCTAssertEqual(run.notes.filter { $0.contains("\n") }, [], "notes are one line each")
  }

  func testMetricsCutMidLineKeepsTheCompleteRows() throws {
    let text = try String(contentsOf: file("metrics.csv"), encoding: .utf8)
    try Data(text.utf8.dropLast(7)).write(to: file("metrics.csv"))
    let run = try RunDirectory(directory)
    XCTAssertEqual(run.metrics.map(\.step), Array(1...11))
    assertNote(run, contains: "metrics.csv", "cut off")
  }

  func testBadLinesInTheMiddleAreSkippedWithTheirLineNumber() throws {
    var lines = try String(contentsOf: file("metrics.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
    lines[3] = "3,1,not-a-number,1,0,0.003,100"
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file("metrics.csv"))
    var records = try String(contentsOf: file("epochs.jsonl"), encoding: .utf8)
    records = "{oops}\n" + records
    try Data(records.utf8).write(to: file("epochs.jsonl"))
    let run = try RunDirectory(directory)
    XCTAssertEqual(run.metrics.count, 11)
    XCTAssertFalse(run.metrics.contains { $0.step == 3 })
    assertNote(run, contains: "metrics.csv line 4")
    XCTAssertEqual(run.epochRecords.map(\.epoch), [1, 2, 3])
    assertNote(run, contains: "epochs.jsonl line 1")
  }

  func testNothingUsableIsOneClearError() throws {
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
      try FileManager.default.removeItem(at: file(name))
    }
    XCTAssertThrowsError(try RunDirectory(directory)) { error in
      XCTAssertTrue("\(error)".contains("not a readable run directory"), "\(error)")
    }
    XCTAssertThrowsError(try RunDirectory(file("no-such-run"))) { error in
      XCTAssertTrue("\(error)".contains("no such directory"), "\(error)")
    }
  }
}
