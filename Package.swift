// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Compiles Swift for AVX2 and FMA when the building machine is x86-64 with them: the engine's
/// elementwise loops (gates, softmax, Adam) then run eight lanes wide instead of SSE2's four; AVX-512
/// is not targeted, being no faster for them (figures in docs/performance.md). Set
/// RNNSCOPE_PORTABLE=1 to build a binary for any x86-64 instead. The C kernels check the
/// processor at run time either way.
let nativeCPU: [SwiftSetting] = {
  #if os(Linux) && arch(x86_64)
    let environment = ProcessInfo.processInfo.environment
    guard environment["RNNSCOPE_PORTABLE"] == nil,
      let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    let flags = Set(flagsLine.split(separator: " ").map(String.init))
    return flags.isSuperset(of: ["avx2", "fma"]) ? [.unsafeFlags(["-target-cpu", "haswell"])] : []
  #else
    return []
  #endif
}()

/// rnnscope: watch a recurrent network learn, in a terminal.
///
/// Module boundaries (what each may import):
/// - RNNEngine: CKernels only (no UI); BLAS is Accelerate on macOS.
/// - CKernels: C, no dependencies (packed products for the recurrence, AVX2 checked at run time;
///   OpenBLAS, opened at run time on Linux).
/// - TermCanvas: nothing (pure drawing into a cell grid).
/// - Scope: RNNEngine + TermCanvas (app state, update, render).
/// - Terminal: TermCanvas + CNCurses (the only code that touches curses).
/// - Benchmarks: RNNEngine + TermCanvas + CKernels (what `rnnscope bench` measures).
/// - rnnscope: everything; argument parsing and the main loop.
let package = Package(
  name: "rnnscope",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "rnnscope", targets: ["rnnscope"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "CNCurses",
      path: "Sources/CNCurses",
      providers: [.apt(["libncurses-dev"])]
    ),
    // Optimised in debug builds too: at -O0 the kernel's intrinsics run far slower than BLAS (figures
    // in docs/performance.md), and the tests and the debug TUI train real models through it.
    .target(
      name: "CKernels",
      cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))],
      linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
    ),
    .target(
      name: "RNNEngine",
      dependencies: ["CKernels"],
      swiftSettings: nativeCPU,
      linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS]))]
    ),
    .target(name: "TermCanvas", swiftSettings: nativeCPU),
    .target(name: "Scope", dependencies: ["RNNEngine", "TermCanvas"]),
    .target(name: "Terminal", dependencies: ["TermCanvas", "CNCurses"]),
    .target(name: "Benchmarks", dependencies: ["RNNEngine", "TermCanvas", "CKernels"], swiftSettings: nativeCPU),
    .executableTarget(
      name: "rnnscope",
      dependencies: [
        "RNNEngine", "TermCanvas", "Scope", "Terminal", "Benchmarks",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // What the test targets share (a line diff for multi-line text).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "RNNEngineTests", dependencies: ["RNNEngine"], resources: [.copy("Fixtures")]),
    .testTarget(name: "TermCanvasTests", dependencies: ["TermCanvas", "TestSupport"]),
    .testTarget(name: "TerminalTests", dependencies: ["Terminal", "TermCanvas"]),
    // Golden screens are read from the source tree (`#filePath`) so that they can be rewritten.
    .testTarget(
      name: "ScopeTests", dependencies: ["Scope", "RNNEngine", "TermCanvas", "TestSupport"], exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
