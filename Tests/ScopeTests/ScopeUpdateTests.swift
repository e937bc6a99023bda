import TermCanvas
import XCTest

@testable import RNNEngine
@testable import Scope

final class ScopeUpdateTests: XCTestCase {
  private func state(status: TrainingStatus = .training) throws -> AppState {
    var state = AppState(width: 160, height: 48)
    _ = state.update(.snapshot(try SnapshotFixture.snapshot(status: status)))
    return state
  }

  func testSpacePausesARunningTrainerAndResumesAPausedOne() throws {
    var running = try state(status: .training)
    XCTAssertEqual(running.update(.key(.character(" "))), [.trainer(.pause)])
    var paused = try state(status: .paused)
    XCTAssertEqual(paused.update(.key(.character(" "))), [.trainer(.resume)])
    var diverged = try state(status: .diverged(reason: "nan"))
    XCTAssertEqual(diverged.update(.key(.character(" "))), [.trainer(.resume)])
  }

  func testSingleStepOnlyWhilePaused() throws {
    var paused = try state(status: .paused)
    XCTAssertEqual(paused.update(.key(.character("n"))), [.trainer(.singleStep)])
    var running = try state(status: .training)
    XCTAssertEqual(running.update(.key(.character("n"))), [])
    XCTAssertEqual(running.message?.text, "pause first (space), then n takes one step")
  }

  func testBracketsHalveAndDoubleTheLearningRate() throws {
    var state = try state()
    XCTAssertEqual(state.update(.key(.character("]"))), [.trainer(.setLearningRate(0.002))])
    XCTAssertEqual(state.update(.key(.character("["))), [.trainer(.setLearningRate(0.0005))])
  }

  func testLearningRateKeysStopAtTheEndsOfTheRange() throws {
    var snapshot = try SnapshotFixture.snapshot()
    snapshot.config.learningRate = 8
    var state = AppState(width: 160, height: 48)
    _ = state.update(.snapshot(snapshot))
    XCTAssertEqual(state.update(.key(.character("]"))), [.trainer(.setLearningRate(10))])
    snapshot.config.learningRate = 10
    _ = state.update(.snapshot(snapshot))
    XCTAssertEqual(state.update(.key(.character("]"))), [])
    XCTAssertEqual(state.message?.text.hasPrefix("learning rate stays at 10"), true)
  }

  func testTemperatureKeysAskALanguageModelForANewSampleWithinTheirRange() throws {
    var state = AppState(width: 160, height: 48)
    _ = state.update(.snapshot(try SnapshotFixture.languageModelSnapshot()))
    XCTAssertEqual(state.update(.key(.character("t"))), [.trainer(.setSampleTemperature(0.9))])
    XCTAssertEqual(state.message?.text, "temperature 0.9: sampling again")
    XCTAssertEqual(state.update(.key(.character("T"))), [.trainer(.setSampleTemperature(1))])
    for _ in 0..<40 { _ = state.update(.key(.character("T"))) }
    XCTAssertEqual(state.temperature, 3)
    XCTAssertEqual(state.update(.key(.character("T"))), [])
    XCTAssertEqual(state.message?.text.hasPrefix("temperature stays at 3.0"), true)
    for _ in 0..<40 { _ = state.update(.key(.character("t"))) }
    XCTAssertEqual(state.temperature, 0.1, accuracy: 1e-6)
  }

  func testTemperatureKeysExplainThemselvesOnOtherTasks() throws {
    var state = try state()
    XCTAssertEqual(state.update(.key(.character("T"))), [])
    XCTAssertEqual(state.temperature, 1)
    XCTAssertEqual(state.message?.text, "t/T set the sampling temperature of a language model (--task lm)")
  }

  func testClipKeyCyclesOffOneFiveTwentyFive() throws {
    var state = try state()
    var snapshot = try XCTUnwrap(state.snapshot)
    var seen: [Float?] = []
    for _ in 0..<4 {
      guard case .trainer(.setClip(let clip)) = state.update(.key(.character("c"))).first else {
        return XCTFail("no clip command")
      }
      seen.append(clip)
      snapshot.config.clip = clip
      _ = state.update(.snapshot(snapshot))
    }
    XCTAssertEqual(seen, [1, 5, 25, nil])
  }

  func testSpeedKeysStepThroughTheLevels() throws {
    var state = try state()
    XCTAssertEqual(state.update(.key(.character("-"))), [.trainer(.setSpeedLimit(100))])
    XCTAssertEqual(state.update(.key(.character("+"))), [.trainer(.setSpeedLimit(nil))], "full speed is the top")
  }

  func testTabAndDigitsSwitchViews() throws {
    var state = try state()
    _ = state.update(.key(.character("1")))
    XCTAssertEqual(state.view, .unrolled)
    _ = state.update(.key(.tab))
    XCTAssertEqual(state.view, .hidden)
    _ = state.update(.key(.backTab))
    _ = state.update(.key(.backTab))
    XCTAssertEqual(state.view, .connectivity, "Shift-Tab wraps around to the last view")
    _ = state.update(.key(.character("9")))
    XCTAssertEqual(state.view, .connectivity, "no view 9: nothing changes")
  }

  func testClickingATabSwitchesToItsViewAndTheWheelSelectsUnits() throws {
    var state = try state()
    let tabRow = PlainTextExporter().lines(state.render())[0]
    let gatesColumn = try XCTUnwrap(tabRow.range(of: "3 Gates")).lowerBound.utf16Offset(in: tabRow)
    _ = state.update(.click(x: gatesColumn + 2, y: 0))
    XCTAssertEqual(state.view, .gates)
    _ = state.update(.click(x: gatesColumn + 2, y: 5))
    XCTAssertEqual(state.view, .gates, "a click below the tabs switches nothing")
    _ = state.update(.click(x: 1, y: 0))
    XCTAssertEqual(state.view, .gates, "the program's name is not a tab")
    _ = state.update(.scroll(up: false))
    _ = state.update(.scroll(up: false))
    XCTAssertEqual(state.cursor.unit, 2)
    _ = state.update(.scroll(up: true))
    XCTAssertEqual(state.cursor.unit, 1)
  }

  func testCursorStaysInsideTheProbeAndTheUnits() throws {
    var state = try state()
    let length = try XCTUnwrap(state.snapshot).trace.length
    for _ in 0..<(length + 5) { _ = state.update(.key(.right)) }
    XCTAssertEqual(state.cursor.step, length - 1)
    _ = state.update(.key(.home))
    XCTAssertEqual(state.cursor.step, 0)
    for _ in 0..<20 { _ = state.update(.key(.down)) }
    XCTAssertEqual(state.cursor.unit, 7)
    _ = state.update(.key(.up))
    XCTAssertEqual(state.cursor.unit, 6)
  }

  func testAnimationRunsForwardThenBackwardThenStops() throws {
    var state = try state()
    let length = try XCTUnwrap(state.snapshot).trace.length
    _ = state.update(.key(.character("a")))
    XCTAssertEqual(state.view, .unrolled)
    XCTAssertEqual(state.animation?.phase, .forward)
    var phases: [UnrolledAnimation.Phase] = []
    var frames = 0
    while state.animation != nil && frames < 10_000 {
      _ = state.update(.frame(framesPerSecond: 30))
      if let phase = state.animation?.phase, phases.last != phase { phases.append(phase) }
      frames += 1
    }
    XCTAssertEqual(phases, [.forward, .backward])
    XCTAssertEqual(frames, AppState.animationFramesPerStep * 2 * length, "one step per 4 frames, each way")
    XCTAssertEqual(state.cursor.step, 0)
  }

  func testAnimationKeepsTheSnapshotItStartedOnAndShowsTheNewestAfterwards() throws {
    var state = try state()
    let first = try XCTUnwrap(state.snapshot)
    _ = state.update(.key(.character("a")))
    var newer = first
    newer.step = first.step + 7
    _ = state.update(.snapshot(newer))
    _ = state.update(.frame(framesPerSecond: 30))
    XCTAssertEqual(state.snapshot?.step, first.step, "training went on; the animation does not change under the user")
    while state.animation != nil { _ = state.update(.frame(framesPerSecond: 30)) }
    XCTAssertEqual(state.snapshot?.step, newer.step, "the newest snapshot once the animation ends")
    XCTAssertNil(state.snapshotAfterAnimation)
  }

  func testLecturePausedBetweenEpochsPromptsAndNRunsTheNextEpoch() throws {
    var state = try state(status: .paused)
    var snapshot = try SnapshotFixture.snapshot(status: .paused)
    XCTAssertEqual(state.update(.key(.character("n"))), [.trainer(.singleStep)], "outside a lecture n is one step")
    snapshot.pausesAtEpochEnd = true
    _ = state.update(.snapshot(snapshot))
    XCTAssertEqual(state.update(.key(.character("n"))), [.trainer(.resume)], "in a lecture n runs to the epoch's end")
    let hint = PlainTextExporter().lines(state.render())[state.height - 2]
    XCTAssertTrue(hint.contains("epoch 3 done: space or n runs the next epoch"), hint)
  }

  func testAnImportedModelShowsItsProbeLossAndSaysThatTrainingFineTunesIt() throws {
    var snapshot = try SnapshotFixture.snapshot(status: .paused)
    (snapshot.history, snapshot.epochs, snapshot.step) = (TrainingHistory(), [], 0)
    var state = AppState(width: 160, height: 48)
    state.importedModel = "char_lstm.safetensors"
    _ = state.update(.snapshot(snapshot))
    let lines = PlainTextExporter().lines(state.render())
    XCTAssertTrue(lines[46].contains("char_lstm.safetensors as saved, its probe run · space fine-tunes it"), lines[46])
    XCTAssertTrue(lines[47].contains("loss 0.1905 (probe)"), "the probe's mean loss, not –: \(lines[47])")
    XCTAssertTrue(lines.contains { $0.contains("loss now      0.1905 on the probe") })
    XCTAssertEqual(state.update(.key(.character(" "))), [.trainer(.resume)])
    XCTAssertEqual(state.message?.text, "fine-tuning char_lstm.safetensors on the case task (the file stays as it is)")
  }

  func testQuitKeyAsksToQuit() throws {
    var state = try state()
    XCTAssertEqual(state.update(.key(.character("q"))), [.quit])
  }

  func testResizeChangesTheScreenSize() throws {
    var state = try state()
    _ = state.update(.resize(width: 90, height: 30))
    let grid = state.render()
    XCTAssertEqual(grid.width, 90)
    XCTAssertEqual(grid.height, 30)
  }
}

final class TrainingViewTests: XCTestCase {
  func testEpochTableKeepsTheFirstTenEpochsAndTheMostRecent() {
    XCTAssertEqual(TrainingView.firstAndRecent(Array(1...300), count: 14), Array(1...10) + [297, 298, 299, 300])
    XCTAssertEqual(TrainingView.firstAndRecent(Array(1...300), count: 5), [1, 2, 3, 4, 300], "the latest always")
    XCTAssertEqual(TrainingView.firstAndRecent(Array(1...3), count: 5), [1, 2, 3], "short runs show every epoch")
  }

  func testSmoothingFollowsAStepWithExponentialWeights() {
    let smoothed = TrainingView.smoothed([1, 1, 0, 0], weight: 0.5)
    XCTAssertEqual(smoothed, [1, 1, 0.5, 0.25])
  }
}
