// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "podboard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "podboard", targets: ["podboard"]),
        .library(name: "PodboardCore", targets: ["PodboardCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // CSV reading for `podboard import` (RFC 4180: quoted commas, quotes and line breaks; one row at a time,
        // so the importer can count physical lines for its line:column messages).
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // ncurses, as a system library. Only the terminal backend may import it. No pkgConfig: SwiftPM would drop
        // the -D flags of ncursesw.pc with a warning on every build; the header defines what they would
        // (Sources/CNcurses/shim.h) and the module map links ncursesw.
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The domain: model, store, calendar, aging, renewals, savings, KPIs, demo data. Pure Swift, no UI.
        .target(name: "PodboardCore", dependencies: [.product(name: "CSV", package: "CSV.swift")]),
        // The terminal UI without a terminal: cell buffers, themes, keymap, app state, update and render.
        .target(name: "PodboardTUI", dependencies: ["PodboardCore"]),
        // Inline helpers for the ncurses macros Swift cannot see (A_* attributes, KEY_F(n), wcwidth).
        .target(name: "CNcursesShim", dependencies: ["CNcurses"]),
        // The thin ncurses backend: the only code that imports CNcurses.
        .target(name: "PodboardTerminal", dependencies: ["PodboardTUI", "CNcurses", "CNcursesShim"]),
        // The PostgreSQL store engine (issue 12): the only target that imports PostgresNIO.
        .target(
            name: "PodboardPostgres",
            dependencies: ["PodboardCore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // The command line: argument parsing and report formatting, on top of the domain.
        .target(
            name: "PodboardCLI",
            dependencies: [
                "PodboardCore",
                "PodboardTUI",
                "PodboardTerminal",
                "PodboardPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "podboard", dependencies: ["PodboardCLI"]),
        // `swift run -c release podboard-bench`: timings on large generated stores (not part of the tests).
        .executableTarget(name: "podboard-bench", dependencies: ["PodboardCore", "PodboardTUI", "PodboardPostgres"], path: "Sources/PodboardBench"),
        // Fixtures shared by the test targets (built in code on the domain's public API; nothing ships it).
        .target(name: "PodboardTestSupport", dependencies: ["PodboardCore"], path: "Tests/PodboardTestSupport"),
        .testTarget(name: "PodboardCoreTests", dependencies: ["PodboardCore", "PodboardTestSupport"]),
        // Snapshots are read from the source tree by the tests (#filePath), not bundled.
        .testTarget(name: "PodboardTUITests", dependencies: ["PodboardTUI", "PodboardCore"], exclude: ["Snapshots"]),
        .testTarget(name: "PodboardTerminalTests", dependencies: ["PodboardTerminal", "PodboardTUI"]),
        .testTarget(name: "PodboardCLITests", dependencies: ["PodboardCLI", "PodboardCore", "PodboardTUI", "PodboardPostgres", "PodboardTestSupport", "podboard"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "PodboardE2ETests", dependencies: ["podboard"], path: "Tests/PodboardE2ETests"),
    ],
    swiftLanguageModes: [.v6]
)
