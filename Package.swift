// swift-tools-version:6.0
import PackageDescription

// One target per layer; a target imports only the targets below it (ARCHITECTURE.md):
//
//   fivefold (CLI)
//   FivefoldGenerate          synthetic dumps (`fivefold generate`, tests, benchmarks)
//   FivefoldPipeline          orchestration: config loading, scan, partitions, assembly
//   FivefoldReport            findings/worklist/report/summary writers
//   FivefoldLedger            the SQLite ledger (GRDB), sign-off import
//   FivefoldCheck             match, rules, resolve (sees rule settings, not the pipeline file)
//   FivefoldIO                readers and writers of bytes: CSV, XML, gzip, GB18030, XLSX; C shims
//   FivefoldModel             records, findings, field catalogue, normalisation values
//
// Linux is the platform it runs on (SwiftPM needs no declaration for it); macOS 13 is the
// oldest macOS with the Foundation APIs used.
//
// Release builds from the scripts pass `-Xswiftc -enforce-exclusivity=unchecked` (run-time
// exclusivity checks cost ~14 % CPU on 100 k households, measured in BENCHMARKS.md); no unsafe
// flag is declared here, so the library products can be used as a versioned dependency.

let package = Package(
    name: "Fivefold",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fivefold", targets: ["fivefold"]),
        .library(
            name: "FivefoldKit",
            targets: [
                "FivefoldModel", "FivefoldIO", "FivefoldCheck", "FivefoldLedger", "FivefoldReport",
                "FivefoldPipeline", "FivefoldGenerate",
            ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Not named CZlib: ZIPFoundation ships a clang module of that name, and two modules with
        // one name cannot be in one build ("redefinition of module 'CZlib'").
        .systemLibrary(
            name: "CFivefoldZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // An atomic exchange of two folders (renameat2), for OutputFolder.
        .systemLibrary(name: "CFileSystem"),

        .target(name: "FivefoldModel"),
        .target(
            name: "FivefoldIO",
            dependencies: [
                "FivefoldModel", "CLibXML2", "CFivefoldZlib", "CFileSystem",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .target(name: "FivefoldCheck", dependencies: ["FivefoldModel"]),
        .target(
            name: "FivefoldLedger",
            dependencies: ["FivefoldModel", "FivefoldIO", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "FivefoldReport",
            dependencies: ["FivefoldModel", "FivefoldIO", "FivefoldCheck", "FivefoldLedger"]),
        .target(
            name: "FivefoldPipeline",
            dependencies: [
                "FivefoldModel", "FivefoldIO", "FivefoldCheck", "FivefoldLedger", "FivefoldReport",
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(name: "FivefoldGenerate", dependencies: ["FivefoldModel", "FivefoldIO"]),
        .executableTarget(
            name: "fivefold",
            dependencies: [
                "FivefoldModel", "FivefoldIO", "FivefoldCheck", "FivefoldLedger", "FivefoldReport",
                "FivefoldPipeline", "FivefoldGenerate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds of the command allocate through mimalloc (Debian's libmimalloc-dev)
            // instead of glibc's malloc: a run makes and frees millions of short strings and
            // arrays from two threads, and mimalloc's thread-local free lists take about 7 % off the
            // wall time of 100 k households (BENCHMARKS.md). Only the executable links it, so the
            // library products and the debug build the tests use do not need it.
            linkerSettings: [.linkedLibrary("mimalloc", .when(configuration: .release))]
        ),
        // What both test targets share (the CSV reading helper).
        .target(name: "TestSupport", dependencies: ["FivefoldIO"], path: "Tests/TestSupport"),
        .testTarget(
            name: "FivefoldKitTests",
            dependencies: [
                "FivefoldModel", "FivefoldIO", "FivefoldCheck", "FivefoldLedger", "FivefoldReport",
                "FivefoldPipeline", "FivefoldGenerate", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                // The XLSX tests build hand-made packages (cases no spreadsheet writes).
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "FivefoldModel", "FivefoldIO", "FivefoldCheck", "FivefoldLedger", "FivefoldReport",
                "FivefoldPipeline", "FivefoldGenerate", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
    ],
    // Swift 6 language mode (strict concurrency checking) for every target, the tests included.
    swiftLanguageModes: [.v6]
)
