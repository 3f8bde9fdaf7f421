// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Fivefold",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fivefold", targets: ["fivefold"]),
        .library(name: "FivefoldKit", targets: ["FivefoldKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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
        // Only OutputFolder.swift imports it: an atomic exchange of two folders (renameat2).
        .systemLibrary(name: "CFileSystem"),
        .target(
            name: "FivefoldKit",
            dependencies: [
                "CLibXML2",
                "CFivefoldZlib",
                "CFileSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Release builds skip the run-time exclusivity checks (debug builds and the tests keep
            // them): on a province run the check's bookkeeping (begin/end access, a thread-local
            // access set) was about 5 % of the CPU time. The compile-time checks are unaffected.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "fivefold",
            dependencies: [
                "FivefoldKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What both test targets share (the CSV reading helper).
        .target(name: "TestSupport", dependencies: ["FivefoldKit"], path: "Tests/TestSupport"),
        .testTarget(
            name: "FivefoldKitTests",
            dependencies: [
                "FivefoldKit", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                // The XLSX tests build hand-made packages (cases no spreadsheet writes).
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["FivefoldKit", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v5]
)
