// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "OneVoice",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "onevoice", targets: ["onevoice"]),
        .library(name: "OneVoiceCore", targets: ["OneVoiceCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "OneVoiceCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the verifier's walk of the whole log (StoreSession+LogWalk).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                // A shared PostgreSQL server holding the log (Store/Server).
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                // The deliverers' HTTPS requests (Delivery/HTTPPoster), in place of Foundation's URLSession.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Resources/Templates"), .copy("Resources/Policy")]
        ),
        .target(
            name: "OneVoiceTUI",
            dependencies: ["OneVoiceCore", "CNcursesw", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(
            name: "onevoice",
            dependencies: [
                "OneVoiceCore",
                "OneVoiceTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What several test targets share: random text and file mutations for the property-based
        // tests, and a tiny tmpfs for full-disk tests.
        .target(
            name: "TestSupport",
            dependencies: [.product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "OneVoiceCoreTests",
            dependencies: [
                "OneVoiceCore",
                "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // A database made by an older OneVoice, opened by path in the upgrade tests.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "OneVoiceTUITests",
            dependencies: [
                "OneVoiceTUI",
                "OneVoiceCore",
                "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "onevoice", "OneVoiceCore", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)
