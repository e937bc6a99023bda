import XCTest

@testable import RNNEngine

/// OpenBLAS is opened at run time so that it takes the kernels chosen for this processor.
final class BLASLoadingTests: XCTestCase {
  /// The library runs the kernels named by OPENBLAS_CORETYPE, which the loader sets from the
  /// processor's features unless the environment did: had OpenBLAS been loaded with the program,
  /// it would have chosen before the variable was set (Prescott on the newer Xeons).
  func testOpenBLASRunsTheCoreTypeItWasGiven() throws {
    #if os(Linux)
      try BLAS.load()
      let chosen = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
      // Without AVX2 and unset by the environment, OpenBLAS is left to choose for itself.
      guard let chosen else { throw XCTSkip("no OPENBLAS_CORETYPE: this processor has no AVX2") }
      XCTAssertEqual(BLAS.libraryName.lowercased(), "openblas " + chosen.lowercased())
    #else
      throw XCTSkip("BLAS is Accelerate here, linked with the program: there is no OpenBLAS to open")
    #endif
  }
}
