// swift-tools-version:6.0
import PackageDescription

/// rnnscope: watch a recurrent network learn, in a terminal.
///
/// Module boundaries (what each may import):
/// - RNNEngine: CBLAS only (no UI).
/// - TermCanvas: nothing (pure drawing into a cell grid).
/// - Scope: RNNEngine + TermCanvas (app state, update, render).
/// - Terminal: TermCanvas + CNCurses (the only code that touches curses).
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
      name: "CBLAS",
      path: "Sources/CBLAS",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .systemLibrary(
      name: "CNCurses",
      path: "Sources/CNCurses",
      providers: [.apt(["libncurses-dev"])]
    ),
    .target(
      name: "RNNEngine",
      dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux]))],
      linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS]))]
    ),
    .target(name: "TermCanvas"),
    .target(name: "Scope", dependencies: ["RNNEngine", "TermCanvas"]),
    .target(name: "Terminal", dependencies: ["TermCanvas", "CNCurses"]),
    .executableTarget(
      name: "rnnscope",
      dependencies: [
        "RNNEngine", "TermCanvas", "Scope", "Terminal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "RNNEngineTests", dependencies: ["RNNEngine"], resources: [.copy("Fixtures")]),
    .testTarget(name: "TermCanvasTests", dependencies: ["TermCanvas"]),
    // Golden screens are read from the source tree (`#filePath`) so that they can be rewritten.
    .testTarget(name: "ScopeTests", dependencies: ["Scope", "RNNEngine", "TermCanvas"], exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
