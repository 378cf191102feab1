// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Duban",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "duban", targets: ["duban"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // The server; no traits: swift-configuration is not used, and leaving it out saves build time.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev); a deliberate choice over a vendored parser.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "DubanYAML", dependencies: ["CLibYAML"]),
        // The system libcurl (Debian: libcurl4-openssl-dev): SMTP with STARTTLS and AUTH.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // SHA-256 with the x86 SHA extensions, used when the processor has them.
        .target(name: "CSHA256"),
        .target(name: "DubanModel", dependencies: ["CSHA256"]),
        // The YAML language: composing files, reading them into definitions, checking them.
        .target(name: "DubanLanguage", dependencies: ["DubanYAML", "DubanModel"]),
        .target(name: "DubanEngine", dependencies: ["DubanModel"]),
        // The system libpq (Debian: libpq-dev), PostgreSQL's own client: synchronous, with pipeline mode.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Process-wide SQLite settings (sqlite3_config is variadic, out of Swift's reach).
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Linked into the binary for its constructor: the C allocator's arenas, one per core.
        .target(name: "CMallocSetup"),
        .target(
            name: "DubanStore",
            dependencies: [
                "DubanEngine", "DubanModel", "CSQLiteSetup", "CLibPQ",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Templates → Markdown → Markdown, print-ready HTML, DOCX (GB/T 9704); the archive.
        .target(
            name: "DubanDocuments",
            dependencies: [
                "DubanModel",
                .product(name: "Mustache", package: "swift-mustache"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Delivering outbox messages: console, JSON lines, webhooks, work-chat robots, email.
        .target(
            name: "DubanChannels",
            dependencies: ["DubanModel", "CCurl", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "DubanRuntime",
            dependencies: [
                "DubanStore", "DubanEngine", "DubanModel", "DubanLanguage", "DubanDocuments", "DubanChannels",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // `duban serve`: the HTTP API, accounts and sessions, signed links, the in-process ticker.
        .target(
            name: "DubanServer",
            dependencies: [
                "DubanRuntime", "DubanEngine", "DubanModel", "DubanLanguage", "DubanChannels", "DubanDocuments",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "duban",
            dependencies: [
                "DubanRuntime", "DubanStore", "DubanEngine", "DubanModel", "DubanLanguage", "DubanDocuments", "DubanChannels",
                "DubanServer", "CMallocSetup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzzing harness: mutated inputs through the loader, validator and CSV reader (FuzzTests runs it bounded).
        .executableTarget(name: "DubanFuzz", dependencies: ["DubanLanguage", "DubanModel"]),
        // `bash benchmarks/runtime.sh`: not a test; prints the figures.
        .executableTarget(name: "DubanBench", dependencies: ["DubanRuntime", "DubanStore", "DubanModel", "DubanLanguage"]),
        .testTarget(
            name: "DubanTests",
            dependencies: [
                "DubanRuntime", "DubanStore", "DubanEngine", "DubanModel", "DubanLanguage", "DubanYAML", "DubanDocuments", "DubanChannels",
                "DubanServer",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures", "Oracles"]
        ),
    ]
)
